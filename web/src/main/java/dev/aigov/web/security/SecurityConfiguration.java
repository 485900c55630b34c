package dev.aigov.web.security;

import dev.aigov.registry.Role;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Three filter chains, most specific first; a fourth for the policy proxy's
 * {@code /v1/**} (application keys) comes before them, in
 * {@code dev.aigov.web.proxy.ProxySecurityConfiguration}.
 * <ul>
 * <li>{@code /api/**}: HTTP Basic for programs (later also API keys), and the session of
 * a user signed in to the UI. This chain never creates a session. CSRF protection applies
 * to session (cookie) requests and is skipped only for requests that carry their own
 * {@code Authorization} header, which a foreign site cannot make a browser send.</li>
 * <li>Actuator: health is public (status only; details for administrators), everything
 * else is for administrators.</li>
 * <li>Everything else (UI, API docs): form login and, when a provider is configured, OIDC
 * login; session based, with CSRF protection.</li>
 * </ul>
 * Method security is on: every controller declares who may call it with
 * {@code @PreAuthorize}, which an architecture test enforces.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic((basic) -> basic.realmName(ProblemSecurityHandlers.REALM).authenticationEntryPoint(problems))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf
				.ignoringRequestMatchers((request) -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain actuatorSecurity(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				.anyRequest()
				.hasRole(Role.ADMIN.name()))
			.httpBasic((basic) -> basic.realmName(ProblemSecurityHandlers.REALM).authenticationEntryPoint(problems))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf(AbstractHttpConfigurer::disable)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	@Order(3)
	// Basic is accepted here too so that tools can fetch the OpenAPI document.
	SecurityFilterChain uiSecurity(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidcClients,
			SecurityProperties properties) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/webjars/**",
					"/.well-known/jwks.json")
			.permitAll()
			.anyRequest()
			.authenticated())
			// The UI's own sign-in page (dev.aigov.web.ui.LoginController); Spring
			// Security still processes the form, with CSRF protection.
			.formLogin((form) -> form.loginPage("/login").permitAll())
			.httpBasic((basic) -> basic.realmName(ProblemSecurityHandlers.REALM))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(signInAgainWhenAnonymous()));
		if (oidcClients.getIfAvailable() != null) {
			OidcRoleMappingUserService users = new OidcRoleMappingUserService(properties.oidc());
			http.oauth2Login((login) -> login.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(users)));
		}
		return http.build();
	}

	/**
	 * A form posted without a valid CSRF token is refused. When nobody is signed in (the
	 * session expired, or the post came from elsewhere) the browser is sent to sign in,
	 * like any other anonymous request to a page; a signed-in user gets 403.
	 */
	private static AccessDeniedHandler signInAgainWhenAnonymous() {
		AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
		return (request, response, denied) -> {
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			if (denied instanceof CsrfException
					&& (current == null || current instanceof AnonymousAuthenticationToken)) {
				response.sendRedirect(request.getContextPath() + "/login");
			}
			else {
				forbidden.handle(request, response, denied);
			}
		};
	}

	/**
	 * BCrypt by default, with the algorithm recorded in each hash so it can be upgraded.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
