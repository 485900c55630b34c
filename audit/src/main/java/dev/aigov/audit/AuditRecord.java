package dev.aigov.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One auditable event, as handed to the {@link AuditLog}: an inference call through the
 * proxy, or an administrative event (résumé change, approval, policy pack activation, key
 * change, sign-in, report export). The audit module maps it onto Elastic Common Schema
 * and the OpenTelemetry {@code gen_ai.*} conventions, hash-chains it and ships it.
 *
 * @param time when the event happened
 * @param requestId the request's id (the proxy's {@code x-request-id})
 * @param category {@code inference} or {@code admin}
 * @param action what happened, e.g. {@code chat.completions},
 * {@code model-version.approved}
 * @param outcome {@code success}, {@code failure} or {@code unknown} (ECS
 * {@code event.outcome})
 * @param actor who did it
 * @param inference the inference call's details, {@code null} for administrative events
 * @param details further facts of an administrative event (names and values, no secrets
 * and no personal data)
 */
public record AuditRecord(Instant time, String requestId, String category, String action, String outcome, Actor actor,
		Inference inference, Map<String, String> details) {

	public AuditRecord {
		details = (details != null) ? Map.copyOf(details) : Map.of();
	}

	/**
	 * Who acted.
	 *
	 * @param keyId public id of the application key, {@code null} for people
	 * @param application the application's name, {@code null} for people
	 * @param user the end user (as the caller declared) or the signed-in user
	 * @param role the user's role, if known
	 * @param clientAddress the client's IP address
	 */
	public record Actor(String keyId, String application, String user, String role, String clientAddress) {
	}

	/**
	 * What the audit log knows about one inference call.
	 *
	 * @param requestedModel the model name the caller asked for
	 * @param modelVersion IRI of the model version in the résumé, {@code null} if
	 * unresolved
	 * @param route the proxy route taken
	 * @param upstream the upstream's name
	 * @param packVersion content hash of the runtime pack that decided
	 * @param rulesFired ids of the rules that fired
	 * @param decision {@code allow}, {@code redact}, {@code reroute}, {@code block} or
	 * {@code error}
	 * @param detections detector hits in prompt and response, without their values
	 * @param prompt the prompt, kept as the configured content mode says
	 * @param response the response, kept as the configured content mode says
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 * @param latency where the time went
	 * @param energyWh estimated energy of the call, {@code null} if the model has no
	 * figure
	 * @param httpStatus the status answered to the caller
	 * @param errorType the OpenAI error type answered, {@code null} on success
	 * @param errorCode the OpenAI error code answered (why the call failed, e.g.
	 * {@code upstream_timeout} or {@code content_filter}), {@code null} on success
	 * @param streamed whether the answer was streamed
	 * @param declaredDataClass the data class the caller declared for its content,
	 * {@code null} if none
	 * @param unscannedParts parts of the prompt no detector could read (images, audio,
	 * files)
	 * @param endUserPseudonyms the pseudonyms the upstream was given for the end user
	 * (its {@code user} and {@code safety_identifier}), empty if none
	 */
	public record Inference(String requestedModel, String modelVersion, String route, String upstream,
			String packVersion, List<String> rulesFired, String decision, List<DetectorHit> detections, Content prompt,
			Content response, long inputTokens, long outputTokens, Latency latency, Double energyWh, int httpStatus,
			String errorType, String errorCode, boolean streamed, String declaredDataClass, int unscannedParts,
			List<String> endUserPseudonyms) {

		public Inference {
			rulesFired = List.copyOf(rulesFired);
			detections = List.copyOf(detections);
			endUserPseudonyms = (endUserPseudonyms != null) ? List.copyOf(endUserPseudonyms) : List.of();
		}

	}

	/**
	 * One detector hit, never its value.
	 *
	 * @param direction {@code request} or {@code response}
	 * @param type e.g. {@code EMAIL}
	 * @param start offset of the first character in the text
	 * @param end offset after the last character
	 * @param confidence between 0 and 1
	 */
	public record DetectorHit(String direction, String type, int start, int end, double confidence) {
	}

	/**
	 * A text as the proxy saw it. The audit module keeps only what the configured content
	 * mode allows: its hash, its redacted form, or the full text encrypted with the
	 * appliance's key. The raw text is never written in the clear.
	 *
	 * @param raw the text as sent or received
	 * @param redacted the text with every detector hit replaced by a typed placeholder
	 */
	public record Content(String raw, String redacted) {

		@Override
		public String toString() {
			return "Content[" + ((this.raw != null) ? this.raw.length() : 0) + " chars]";
		}

	}

	/**
	 * Where the time of a call went, in milliseconds.
	 *
	 * @param totalMs from request received to response completed
	 * @param upstreamMs waiting for the upstream (to the last byte)
	 * @param policyMs detectors and rule evaluation
	 * @param timeToFirstTokenMs streamed calls: until the first chunk reached the caller
	 */
	public record Latency(double totalMs, double upstreamMs, double policyMs, Double timeToFirstTokenMs) {
	}

}
