package dev.aigov.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audit records for tests. */
public final class AuditRecords {

	/** The pseudonym the upstream knew the end user "bob" by, in {@link #inference}. */
	public static final String PSEUDONYM = "aigov-Zm9vYmFyYmF6cXV4cXV1eA";

	private AuditRecords() {
	}

	/** An inference call whose prompt holds an e-mail address the detectors found. */
	public static AuditRecord inference(String requestId, String application, String decision, String rule) {
		String raw = "Mail alice@example.com the Q3 numbers";
		String redacted = "Mail [EMAIL] the Q3 numbers";
		AuditRecord.Inference inference = new AuditRecord.Inference("gpt-4o-mini",
				"https://aigov.dev/id/model-version/chatbot-2", "default", "openai", "pack-sha256-abc",
				(rule != null) ? List.of(rule) : List.of(), decision,
				List.of(new AuditRecord.DetectorHit("request", "EMAIL", 5, 22, 0.99)),
				new AuditRecord.Content(raw, redacted), new AuditRecord.Content("Here they are", "Here they are"), 12,
				4, new AuditRecord.Latency(120.5, 110.0, 3.25, null), 0.42, 200, null, null, false, "INTERNAL", 1,
				List.of(PSEUDONYM));
		return new AuditRecord(Instant.now(), requestId, "inference", "chat.completions", "success",
				new AuditRecord.Actor("key-1", application, "bob", null, "10.0.0.7"), inference, Map.of());
	}

	/** An administrative event. */
	public static AuditRecord admin(String action, String user) {
		return new AuditRecord(Instant.now(), null, "admin", action, "success",
				new AuditRecord.Actor(null, null, user, "ADMIN", "127.0.0.1"), null, Map.of("target", "x"));
	}

}
