package dev.aigov.web.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings of the appliance.
 *
 * @param adminUsername name of the administrator created on first start
 * @param adminPassword password for that administrator; when empty a random one is
 * generated and printed once. The environment variable {@code AIGOV_ADMIN_PASSWORD} is
 * honoured as well.
 * @param oidc how identities from an OpenID Connect provider map to roles
 */
@ConfigurationProperties("aigov.security")
public record SecurityProperties(@DefaultValue("admin") String adminUsername, String adminPassword,
		@DefaultValue Oidc oidc) {

	/**
	 * Role mapping for OIDC logins. Providers are configured with Spring Boot's standard
	 * {@code spring.security.oauth2.client.registration.*} properties.
	 *
	 * @param rolesClaim the ID-token or user-info claim that carries the user's roles or
	 * groups (a list or a space/comma separated string)
	 * @param roleMapping claim value to appliance role name; values not listed are
	 * accepted when they name a role themselves (e.g. {@code AUDITOR})
	 * @param usernameClaim the claim used as the user's name in audit records
	 */
	public record Oidc(@DefaultValue("roles") String rolesClaim, Map<String, String> roleMapping,
			@DefaultValue("preferred_username") String usernameClaim) {

		public Oidc {
			roleMapping = (roleMapping != null) ? Map.copyOf(roleMapping) : Map.of();
		}

	}

}
