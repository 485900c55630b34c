package dev.aigov.proxy.internal;

import dev.aigov.audit.AuditLog;
import dev.aigov.detect.TextScanner;
import dev.aigov.policy.RuntimePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The three collaborators without which no call may pass: the detectors, the runtime
 * policy and the audit log. There is deliberately no fallback for any of them: when one
 * is missing the application still starts (so the rest of the appliance works), says so
 * loudly, and the proxy refuses every call with 503 until it is configured. Two
 * candidates of one type stop the application, as Spring's injection would.
 */
@Component
class ProxyComponents {

	private static final Logger logger = LoggerFactory.getLogger(ProxyComponents.class);

	private final TextScanner scanner;

	private final RuntimePolicy policy;

	private final AuditLog audit;

	@org.springframework.beans.factory.annotation.Autowired
	ProxyComponents(ObjectProvider<TextScanner> scanner, ObjectProvider<RuntimePolicy> policy,
			ObjectProvider<AuditLog> audit) {
		this.scanner = scanner.getIfAvailable();
		this.policy = policy.getIfAvailable();
		this.audit = audit.getIfAvailable();
		if (missing() != null) {
			logger.error("The policy proxy refuses every call: no {} is configured", missing());
		}
	}

	ProxyComponents(TextScanner scanner, RuntimePolicy policy, AuditLog audit) {
		this.scanner = scanner;
		this.policy = policy;
		this.audit = audit;
	}

	/**
	 * The simple name of the first missing collaborator, {@code null} when all are there.
	 */
	String missing() {
		return (this.scanner == null) ? "TextScanner"
				: (this.policy == null) ? "RuntimePolicy" : (this.audit == null) ? "AuditLog" : null;
	}

	TextScanner scanner() {
		return this.scanner;
	}

	RuntimePolicy policy() {
		return this.policy;
	}

	AuditLog audit() {
		return this.audit;
	}

}
