package dev.aigov.web.ui.audit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRecordViewTests {

	@Test
	void anIndexedInferenceRecordIsReadFromItsEcsAndApplianceFields() {
		Map<String, Object> doc = Map.of("@timestamp", "2026-11-23T10:00:00Z", "event",
				Map.of("id", "r-1", "action", "chat", "outcome", "success"), "user", Map.of("name", "ann"), "gen_ai",
				Map.of("request", Map.of("model", "gpt")), "aigov",
				Map.of("category", "inference", "model_version", "https://aigov.dev/id/model-version/support-bot-2",
						"policy", Map.of("decision", "redact", "rules", List.of("runtime.pii")), "detections",
						Map.of("hits", List.of(Map.of("direction", "prompt", "type", "EMAIL"))), "prompt",
						Map.of("redacted", "mail [EMAIL]")));
		AuditRecordView view = AuditRecordView.of(doc);
		assertThat(view.id()).isEqualTo("r-1");
		assertThat(view.time()).isEqualTo("2026-11-23T10:00:00Z");
		assertThat(view.modelVersion()).isEqualTo("support-bot-2");
		assertThat(view.decision()).isEqualTo("redact");
		assertThat(view.rules()).containsExactly("runtime.pii");
		assertThat(view.detections()).singleElement().extracting((h) -> h.get("type")).isEqualTo("EMAIL");
		assertThat(view.prompt()).isEqualTo("mail [EMAIL]");
		assertThat(view.response()).isNull();
		assertThat(view.hitsOmitted()).isZero();
		assertThat(view.promptOmitted()).isFalse();
		assertThat(view.declaredDataClass()).isNull();
		assertThat(view.unscannedParts()).isZero();
	}

	@Test
	void aRecordSaysWhatTheCallerDeclaredAndWhatTheDetectorsCouldNotRead() {
		AuditRecordView view = AuditRecordView
			.of(Map.of("event", Map.of("id", "r-3"), "aigov", Map.of("category", "inference", "declared_data_class",
					"INTERNAL", "unscanned_parts", 2, "end_user_pseudonyms", List.of("aigov-Zm9vYmFyYmF6cXV4cXV1eA"))));
		assertThat(view.declaredDataClass()).isEqualTo("INTERNAL");
		assertThat(view.unscannedParts()).isEqualTo(2);
		assertThat(view.endUserPseudonyms()).containsExactly("aigov-Zm9vYmFyYmF6cXV4cXV1eA");
	}

	@Test
	void aFailedCallSaysWhatItsCallerWasAnswered() {
		AuditRecordView failed = AuditRecordView.of(Map.of("event", Map.of("id", "r-4", "outcome", "failure"), "http",
				Map.of("response", Map.of("status_code", 400)), "error",
				Map.of("type", "invalid_request_error", "code", "content_filter"), "aigov",
				Map.of("category", "inference")));
		assertThat(failed.httpStatus()).isEqualTo(400);
		assertThat(failed.errorCode()).isEqualTo("content_filter");
		assertThat(failed.failure()).isEqualTo("HTTP 400 content_filter");
		AuditRecordView answered = AuditRecordView.of(Map.of("event", Map.of("id", "r-5"), "http",
				Map.of("response", Map.of("status_code", 200)), "aigov", Map.of("category", "inference")));
		assertThat(answered.failure()).isNull();
		assertThat(AuditRecordView.of(Map.of("event", Map.of("id", "a-2"), "aigov", Map.of("category", "admin")))
			.failure()).isNull();
	}

	@Test
	void aRecordOverTheSizeLimitsSaysWhatItLeftOut() {
		AuditRecordView view = AuditRecordView.of(Map.of("event", Map.of("id", "r-2"), "aigov",
				Map.of("category", "inference", "detections",
						Map.of("count", 1400, "hits", List.of(Map.of("type", "EMAIL")), "hits_omitted", 400), "prompt",
						Map.of("redacted", "short"), "response", Map.of("length", 9_000_000, "text_omitted", true))));
		assertThat(view.hitsOmitted()).isEqualTo(400);
		assertThat(view.promptOmitted()).isFalse();
		assertThat(view.responseOmitted()).isTrue();
		assertThat(view.response()).isNull();
	}

	@Test
	void anAdministrativeRecordLinksTheVersionItsDetailsName() {
		AuditRecordView view = AuditRecordView.of(Map.of("event", Map.of("id", "a-1"), "aigov",
				Map.of("category", "admin", "details", Map.of("model_version", "urn:x/model-version/compas-risk-1"))));
		assertThat(view.modelVersion()).isEqualTo("compas-risk-1");
		assertThat(view.rules()).isEmpty();
	}

	@Test
	void csvFieldsAreQuotedAndFormulasNeutralised() {
		assertThat(AuditPageController.csvField("plain")).isEqualTo("plain");
		assertThat(AuditPageController.csvField("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
		assertThat(AuditPageController.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(AuditPageController.csvField("-1")).isEqualTo("'-1");
		assertThat(AuditPageController.csvField("")).isEmpty();
	}

}
