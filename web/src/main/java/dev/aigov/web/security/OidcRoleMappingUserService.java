package dev.aigov.web.security;

import dev.aigov.registry.Role;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Maps an OIDC identity's roles claim to appliance roles. A user whose claim names no
 * appliance role signs in but holds no role, so every protected operation answers 403:
 * access is granted by the identity provider, never assumed.
 */
class OidcRoleMappingUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private static final Logger logger = LoggerFactory.getLogger(OidcRoleMappingUserService.class);

	private final OidcUserService delegate = new OidcUserService();

	private final SecurityProperties.Oidc settings;

	OidcRoleMappingUserService(SecurityProperties.Oidc settings) {
		this.settings = settings;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
		OidcUser user = this.delegate.loadUser(request);
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		for (String value : claimValues(user.getAttributes().get(this.settings.rolesClaim()))) {
			Role role = map(value);
			if (role != null) {
				authorities.add(new SimpleGrantedAuthority(role.authority()));
			}
		}
		String nameClaim = user.getAttributes().containsKey(this.settings.usernameClaim())
				? this.settings.usernameClaim() : "sub";
		return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
	}

	private Role map(String value) {
		String mapped = this.settings.roleMapping().getOrDefault(value, value);
		try {
			return Role.parse(mapped);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Ignoring OIDC role claim value that maps to no appliance role");
			return null;
		}
	}

	static List<String> claimValues(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> collection) {
			collection.forEach((item) -> values.add(String.valueOf(item)));
		}
		else if (claim instanceof String text) {
			for (String part : text.split("[\\s,]+")) {
				if (!part.isBlank()) {
					values.add(part);
				}
			}
		}
		return values;
	}

}
