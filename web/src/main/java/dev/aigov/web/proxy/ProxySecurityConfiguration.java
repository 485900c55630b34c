package dev.aigov.web.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /v1/**} in Spring Security: a backstop only. The policy proxy serves
 * {@code /v1/*} from its own servlet filter, ahead of Spring Security, and authenticates
 * application keys there (ADR 004, ADR 010); a request under {@code /v1} that still
 * reaches this chain (the proxy's filter absent, a path Tomcat maps differently) is
 * refused with 401 in the OpenAI error shape, and the other chains never see it. No
 * session, no CSRF (no cookie is ever accepted here), no Basic or form login.
 */
@Configuration(proxyBeanMethods = false)
class ProxySecurityConfiguration {

	private static final byte[] UNAUTHENTICATED = """
			{"error":{"message":"Missing, unknown or revoked application key. Send 'Authorization: Bearer <key>'.",\
			"type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""".getBytes(StandardCharsets.UTF_8);

	@Bean
	@Order(0)
	SecurityFilterChain proxySecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/v1/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext((context) -> context.requireExplicitSave(true))
			.requestCache((cache) -> cache.disable())
			.csrf(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> unauthenticated(response))
				.accessDeniedHandler((request, response, ex) -> unauthenticated(response)));
		return http.build();
	}

	/**
	 * Spring Security's own observations wrap every filter of every chain, and every
	 * {@code @PreAuthorize} check, in a Micrometer observation: on {@code /v1} that was
	 * about a tenth of the proxy's CPU per call (JFR, ADR 010). Nothing reads them (no
	 * tracer; {@code http.server.requests} stays), so only authentications are observed.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.build();
	}

	private static void unauthenticated(HttpServletResponse response) throws IOException {
		response.setStatus(401);
		response.setContentType("application/json");
		response.setHeader("WWW-Authenticate", "Bearer");
		response.getOutputStream().write(UNAUTHENTICATED);
	}

}
