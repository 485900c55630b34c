package dev.aigov.web.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.aigov.proxy.ApplicationKeys;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The fourth filter chain (ADR 004, ADR 010), ahead of the other three: {@code /v1/**} is
 * for applications only, authenticated by their application key as a Bearer token. No
 * session, no CSRF (no cookie is ever accepted here), no Basic or form login; errors in
 * the OpenAI error shape so that OpenAI clients report them properly.
 */
@Configuration(proxyBeanMethods = false)
class ProxySecurityConfiguration {

	private static final byte[] UNAUTHENTICATED = """
			{"error":{"message":"Missing, unknown or revoked application key. Send 'Authorization: Bearer <key>'.",\
			"type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""".getBytes(StandardCharsets.UTF_8);

	private static final byte[] FORBIDDEN = """
			{"error":{"message":"This endpoint is for application keys only.",\
			"type":"invalid_request_error","param":null,"code":"forbidden"}}""".getBytes(StandardCharsets.UTF_8);

	@Bean
	@Order(0)
	SecurityFilterChain proxySecurity(HttpSecurity http, ApplicationKeys keys) throws Exception {
		http.securityMatcher("/v1/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("APPLICATION"))
			.addFilterBefore(new ApplicationKeyAuthenticationFilter(keys), AuthorizationFilter.class)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext((context) -> context.requireExplicitSave(true))
			.requestCache((cache) -> cache.disable())
			.csrf(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> write(response, 401, UNAUTHENTICATED))
				.accessDeniedHandler((request, response, ex) -> write(response, 403, FORBIDDEN)));
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

	private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.setHeader("WWW-Authenticate", "Bearer");
		response.getOutputStream().write(body);
	}

}
