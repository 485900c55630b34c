package dev.aigov.audit;

import java.time.Instant;

/**
 * A search over audit records; every criterion is optional.
 *
 * @param from first event time (inclusive)
 * @param to last event time (exclusive)
 * @param category {@code inference} or {@code admin}
 * @param application the application's name or key id
 * @param user the end user or signed-in user
 * @param model the requested model name or the model version IRI
 * @param decision {@code allow}, {@code redact}, {@code reroute}, {@code block} or
 * {@code error}
 * @param rule a rule id that fired
 * @param detectorType a detector type that hit, e.g. {@code EMAIL}
 * @param text free text, matched against redacted prompts and responses
 * @param size page size, 1 to 500
 * @param after the {@link AuditPage#next()} token of the previous page, or {@code null}
 */
public record AuditQuery(Instant from, Instant to, String category, String application, String user, String model,
		String decision, String rule, String detectorType, String text, int size, String after) {

	public AuditQuery {
		if (size < 1 || size > 500) {
			throw new IllegalArgumentException("size must be between 1 and 500");
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw new IllegalArgumentException("'from' must be before 'to'");
		}
		if (text != null && text.length() > 500) {
			throw new IllegalArgumentException("free text is limited to 500 characters");
		}
	}

	/** Everything, newest first, in pages of {@code size}. */
	public static AuditQuery all(int size) {
		return new AuditQuery(null, null, null, null, null, null, null, null, null, null, size, null);
	}

}
