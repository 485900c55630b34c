package dev.aigov.web.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logs failed sign-ins with the user name, client address and reason, and never the
 * password: the credentials object of the failed authentication is not touched.
 */
@Component
class AuthenticationFailureLogger {

	private static final Logger logger = LoggerFactory.getLogger(AuthenticationFailureLogger.class);

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		String address = (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "unknown";
		logger.warn("Authentication failed for user '{}' from {}: {}", sanitize(event.getAuthentication().getName()),
				address, event.getException().getClass().getSimpleName());
	}

	/** A user name is attacker-controlled: keep log lines single and short. */
	static String sanitize(String value) {
		if (value == null) {
			return "";
		}
		String clean = value.replaceAll("[\\p{Cntrl}]", "_");
		return (clean.length() > 64) ? clean.substring(0, 64) + "…" : clean;
	}

}
