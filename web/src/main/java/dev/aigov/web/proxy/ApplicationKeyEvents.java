package dev.aigov.web.proxy;

import java.time.Instant;
import java.util.Set;

import dev.aigov.policy.DataClass;

/**
 * What happened to application keys, published for the audit log. Never carries a secret
 * or its hash.
 */
public final class ApplicationKeyEvents {

	private ApplicationKeyEvents() {
	}

	/** A key was created by {@code actor}. */
	public record KeyCreated(String keyId, String application, Set<String> allowedModels,
			Set<DataClass> allowedDataClasses, String actor, Instant at) {
	}

	/** A valid key was revoked by {@code actor}. */
	public record KeyRevoked(String keyId, String application, String actor, Instant at) {
	}

}
