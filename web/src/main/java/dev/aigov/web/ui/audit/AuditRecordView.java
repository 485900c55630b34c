package dev.aigov.web.ui.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An audit record as the explorer shows it, read from the indexed document (ECS fields
 * and the appliance's {@code aigov.*} fields) that {@code AuditSearch} returns. Content
 * is only ever the redacted text: the search never returns the encrypted originals.
 *
 * @param id the record's id ({@code event.id})
 * @param time when it happened
 * @param category {@code inference} or {@code admin}
 * @param action what happened
 * @param outcome {@code success}, {@code failure}...
 * @param httpStatus the HTTP status the caller was answered, {@code null} when the record
 * has none (administrative records)
 * @param errorCode why the call failed, as the caller was told (e.g.
 * {@code upstream_timeout}, {@code content_filter}), {@code null} when it did not
 * @param user the signed-in or end user
 * @param endUserPseudonyms the pseudonyms the upstream was given for the end user
 * @param application the calling application
 * @param model the requested model
 * @param modelVersion the model version's id, when the record names one
 * @param decision the runtime policy's decision
 * @param rules the rules that fired
 * @param detections the detector hits, as {@code direction type [start, end) confidence}
 * @param hitsOmitted hits counted but not kept in the record (over the record's limit)
 * @param declaredDataClass the data class the caller declared for its content, if any
 * @param unscannedParts parts of the prompt no detector could read (images, audio, files)
 * @param prompt the redacted prompt
 * @param promptOmitted whether the prompt's text was too large to keep in the record
 * @param response the redacted response
 * @param responseOmitted whether the response's text was too large to keep
 * @param details the administrative details
 */
public record AuditRecordView(String id, String time, String category, String action, String outcome,
		Integer httpStatus, String errorCode, String user, List<String> endUserPseudonyms, String application,
		String model, String modelVersion, String decision, List<String> rules, List<Map<String, Object>> detections,
		int hitsOmitted, String declaredDataClass, int unscannedParts, String prompt, boolean promptOmitted,
		String response, boolean responseOmitted, Map<String, Object> details) {

	static AuditRecordView of(Map<String, Object> doc) {
		Map<String, Object> details = map(path(doc, "aigov.details"));
		String version = text(path(doc, "aigov.model_version"));
		if (version == null && details.get("model_version") != null) {
			version = details.get("model_version").toString();
		}
		return new AuditRecordView(text(path(doc, "event.id")), text(path(doc, "@timestamp")),
				text(path(doc, "aigov.category")), text(path(doc, "event.action")), text(path(doc, "event.outcome")),
				(path(doc, "http.response.status_code") instanceof Number status) ? status.intValue() : null,
				text(path(doc, "error.code")), text(path(doc, "user.name")),
				texts(path(doc, "aigov.end_user_pseudonyms")), text(path(doc, "aigov.application.name")),
				text(path(doc, "gen_ai.request.model")), versionId(version), text(path(doc, "aigov.policy.decision")),
				texts(path(doc, "aigov.policy.rules")), maps(path(doc, "aigov.detections.hits")),
				(path(doc, "aigov.detections.hits_omitted") instanceof Number omitted) ? omitted.intValue() : 0,
				text(path(doc, "aigov.declared_data_class")),
				(path(doc, "aigov.unscanned_parts") instanceof Number parts) ? parts.intValue() : 0,
				text(path(doc, "aigov.prompt.redacted")), Boolean.TRUE.equals(path(doc, "aigov.prompt.text_omitted")),
				text(path(doc, "aigov.response.redacted")),
				Boolean.TRUE.equals(path(doc, "aigov.response.text_omitted")), details);
	}

	/**
	 * What the caller was answered when the call failed, e.g.
	 * {@code HTTP 400 content_filter}; {@code null} for a call answered with success.
	 */
	public String failure() {
		if (this.errorCode == null && (this.httpStatus == null || this.httpStatus < 400)) {
			return null;
		}
		return String.join(" ",
				java.util.stream.Stream.of((this.httpStatus != null) ? "HTTP " + this.httpStatus : null, this.errorCode)
					.filter(java.util.Objects::nonNull)
					.toList());
	}

	/**
	 * The id of a model version named by its IRI or id ({@code .../model-version/ID}).
	 */
	static String versionId(String iri) {
		if (iri == null || iri.isBlank()) {
			return null;
		}
		return iri.substring(iri.lastIndexOf('/') + 1);
	}

	static Object path(Map<String, Object> doc, String dotted) {
		Object current = doc;
		if (doc.containsKey(dotted)) {
			return doc.get(dotted);
		}
		for (String part : dotted.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(part);
		}
		return current;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static List<String> texts(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return (value != null) ? List.of(value.toString()) : List.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> maps(Object value) {
		List<Map<String, Object>> maps = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.stream().filter(Map.class::isInstance).forEach((item) -> maps.add((Map<String, Object>) item));
		}
		return maps;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
