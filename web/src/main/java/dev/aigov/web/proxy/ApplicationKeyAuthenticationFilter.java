package dev.aigov.web.proxy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.aigov.proxy.ApplicationKey;
import dev.aigov.proxy.ApplicationKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <application key>} on {@code /v1/**}. A
 * valid key becomes an authentication with role {@code APPLICATION} and travels to the
 * proxy as a request attribute; anything else leaves the request anonymous, which the
 * chain answers with 401 in the OpenAI error shape.
 */
final class ApplicationKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final List<SimpleGrantedAuthority> APPLICATION = List
		.of(new SimpleGrantedAuthority("ROLE_APPLICATION"));

	private final ApplicationKeys keys;

	ApplicationKeyAuthenticationFilter(ApplicationKeys keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			Optional<ApplicationKey> key = this.keys.authenticate(header.substring(7).trim());
			if (key.isPresent()) {
				request.setAttribute(ApplicationKey.REQUEST_ATTRIBUTE, key.get());
				SecurityContextHolder.setContext(new SecurityContextImpl(new KeyAuthentication(key.get())));
			}
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** An authenticated application key; the secret is not kept. */
	static final class KeyAuthentication extends AbstractAuthenticationToken {

		private final ApplicationKey key;

		KeyAuthentication(ApplicationKey key) {
			super(APPLICATION);
			this.key = key;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return null;
		}

		@Override
		public Object getPrincipal() {
			return this.key.id();
		}

	}

}
