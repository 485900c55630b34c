package dev.aigov.web.ui.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.RevisionInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a registration form turns submitted text into, and what it refuses before the
 * registry is asked.
 */
class EntityFormTests {

	private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

	@Test
	void textBecomesTheRegistrysValues() {
		EntityForm form = EntityForm.of(Kind.TRAINING_RUN,
				Map.of("id", List.of(" run-1 "), "datasets", List.of("data-a", "data-b"), "energyKwh",
						List.of("1,250.5"), "startedAt", List.of("2026-01-02T09:30:00"), "name", List.of("  ")),
				Map.of());
		Map<String, Object> values = form.values(TAIPEI);
		assertThat(form.hasErrors()).isFalse();
		assertThat(values).containsEntry("id", "run-1")
			.containsEntry("datasets", List.of("data-a", "data-b"))
			.containsEntry("energyKwh", new BigDecimal("1250.5"))
			.containsEntry("startedAt", "2026-01-02T01:30:00Z")
			.doesNotContainKey("name");
	}

	@Test
	void missingRequiredAndUnreadableValuesAreErrorsOnTheirFields() {
		EntityForm form = EntityForm.of(Kind.DATASET_VERSION,
				Map.of("id", List.of("v1"), "containsPersonalData", List.of("maybe")), Map.of());
		form.values(TAIPEI);
		assertThat(form.error("dataset")).isEqualTo("form.required");
		assertThat(form.error("licenseExpression")).isEqualTo("form.required");
		assertThat(form.error("containsPersonalData")).isEqualTo("form.invalid.BOOLEAN");
		assertThat(form.error("description")).isNull();
	}

	@Test
	void metricsAreOnePerLineWithAnOptionalSlice() {
		assertThat(EntityForm.metrics("accuracy, 0.91\nselection_rate, 0.4, group A, under 25\n\n")).containsExactly(
				Map.of("name", "accuracy", "value", new BigDecimal("0.91")),
				Map.of("name", "selection_rate", "value", new BigDecimal("0.4"), "slice", "group A, under 25"));
		assertThatThrownBy(() -> EntityForm.metrics("accuracy")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EntityForm.metrics("accuracy, high")).isInstanceOf(NumberFormatException.class);
	}

	@Test
	void workflowFieldsAreNeverOnAForm() {
		assertThat(EntityForm.empty(Kind.MODEL_VERSION, Map.of()).fields()).extracting(EntityForm.FormField::name)
			.doesNotContain("lifecycleState", "submittedBy")
			.startsWith("id", "model");
	}

	@Test
	void anEntitysValuesSurviveTheEditFormUnchanged() {
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		fields.put("modelVersion", "scorer-1");
		fields.put("evaluationKind", "fairness");
		fields.put("protectedAttributes", List.of("sex", "age band"));
		fields.put("metrics", List.of(Map.of("name", "selection_rate", "value", new BigDecimal("0.25"), "slice", "F"),
				Map.of("name", "accuracy", "value", new BigDecimal("0.9"))));
		fields.put("performedAt", "2026-03-04T05:06:07Z");
		EntityRef ref = new EntityRef(Kind.EVALUATION, "eval-1");
		ResumeEntity entity = new ResumeEntity(ref, new RevisionInfo(ref, 3, Instant.now(), "olga"), fields);
		EntityForm form = EntityForm.of(entity, Map.of(), TAIPEI);
		Map<String, Object> values = form.values(TAIPEI);
		assertThat(form.hasErrors()).isFalse();
		Map<String, Object> expected = new java.util.LinkedHashMap<>(fields);
		expected.put("id", "eval-1");
		assertThat(values).isEqualTo(expected);
	}

	@Test
	void registryErrorsFindTheirField() {
		assertThat(EntityForm.fieldOf("metrics[0].value")).isEqualTo("metrics");
		assertThat(EntityForm.fieldOf("owner")).isEqualTo("owner");
		assertThat(EntityForm.fieldOf(null)).isNull();
	}

}
