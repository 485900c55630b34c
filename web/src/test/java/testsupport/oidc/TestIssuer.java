package testsupport.oidc;

import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server, started in the
 * test JVM on a free port. It lives outside {@code dev.aigov} so the appliance's
 * component scan never picks it up. Users: {@code olivia} (compliance officer) and
 * {@code nora} (no appliance role); both have the password {@link #PASSWORD}. Their roles
 * travel in the ID token's {@code roles} claim, as a corporate IdP would send group
 * memberships.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestIssuer {

	public static final String PASSWORD = "issuer-password-1";

	public static final String CLIENT_ID = "aigov";

	public static final String CLIENT_SECRET = "aigov-client-secret";

	/**
	 * Starts the issuer.
	 * @param redirectUri the appliance's OIDC redirect URI to register
	 * @return the running issuer; close it after the test
	 */
	public static ConfigurableApplicationContext start(String redirectUri) {
		String client = "spring.security.oauth2.authorizationserver.client.aigov.";
		return new SpringApplicationBuilder(TestIssuer.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "management.endpoints.access.default=none",
					"spring.elasticsearch.uris=http://127.0.0.1:1", "management.health.elasticsearch.enabled=false",
					client + "registration.client-id=" + CLIENT_ID,
					client + "registration.client-secret={noop}" + CLIENT_SECRET,
					client + "registration.client-authentication-methods=client_secret_basic",
					client + "registration.authorization-grant-types=authorization_code,refresh_token",
					client + "registration.redirect-uris=" + redirectUri, client + "registration.scopes=openid,profile",
					client + "require-authorization-consent=false")
			.run();
	}

	/**
	 * The issuer's base URL, on {@code localhost} so its cookies never mix with the
	 * appliance's.
	 */
	public static String issuerUri(ConfigurableApplicationContext issuer) {
		int port = ((WebServerApplicationContext) issuer).getWebServer().getPort();
		return "http://localhost:" + port;
	}

	@Bean
	UserDetailsService issuerUsers() {
		return new InMemoryUserDetailsManager(
				User.withUsername("olivia").password("{noop}" + PASSWORD).roles("COMPLIANCE_OFFICER").build(),
				User.withUsername("nora").password("{noop}" + PASSWORD).authorities(List.of()).build());
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
		return (context) -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				List<String> roles = context.getPrincipal()
					.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.filter((authority) -> authority.startsWith("ROLE_"))
					.map((authority) -> authority.substring("ROLE_".length()))
					.toList();
				context.getClaims().claim("roles", roles);
			}
		};
	}

}
