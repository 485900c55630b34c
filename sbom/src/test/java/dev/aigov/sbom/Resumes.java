package dev.aigov.sbom;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.RevisionInfo;

/**
 * Résumés built by hand, shaped as {@code ResumeReader} returns them (enumerations as
 * their short names, decimals as {@link BigDecimal}, references as ids).
 */
final class Resumes {

	static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

	private Resumes() {
	}

	/**
	 * A deployed fine-tuned classifier: two base models (one derived from the other), a
	 * fine-tuning run on two dataset versions (one derived from the other), an accuracy
	 * and a fairness evaluation with per-group slices on a third, an approval, a
	 * deployment, an incident and an earlier version.
	 */
	static Resume realistic() {
		Builder resume = new Builder(new EntityRef(Kind.MODEL_VERSION, "compas-risk-2"));
		resume.add(Kind.MODEL_VERSION, "compas-risk-2", 3, "2025-03-10T12:00:00Z", "alice", Map.ofEntries(
				Map.entry("model", "compas-risk"), Map.entry("version", "2.0.0"),
				Map.entry("description", "Recidivism risk classifier, fine-tuned on cleaned COMPAS data."),
				Map.entry("task", "binary classification"), Map.entry("architecture", "DistilBERT with a linear head"),
				Map.entry("intendedUse", "Decision support for pre-trial risk screening, reviewed by a person."),
				Map.entry("limitations", "Not validated outside Broward County; scores are not calibrated per group."),
				Map.entry("explanationMethod", "SHAP values per prediction"), Map.entry("servingProvider", "vLLM 0.6"),
				Map.entry("licenseExpression", "Apache-2.0"),
				Map.entry("outputLicenseTerms", "Scores may be used only inside the screening process."),
				Map.entry("baseModels", List.of("distilbert-base-uncased")),
				Map.entry("derivedFrom", List.of("compas-risk-1")), Map.entry("trainingRun", "run-42"),
				Map.entry("energyPerInferenceWh", new BigDecimal("0.021")), Map.entry("lifecycleState", "deployed"),
				Map.entry("submittedBy", "alice")));
		resume.add(Kind.MODEL_VERSION, "compas-risk-1", 2, "2024-11-02T08:00:00Z", "alice", Map.of("model",
				"compas-risk", "version", "1.0.0", "lifecycleState", "retired", "licenseExpression", "Apache-2.0"));
		resume.add(Kind.MODEL, "compas-risk", 1, "2024-10-01T08:00:00Z", "alice",
				Map.of("name", "COMPAS-style recidivism risk", "system", "pretrial-screening", "owner", "alice"));
		resume.add(Kind.AI_SYSTEM, "pretrial-screening", 2, "2024-10-01T07:00:00Z", "alice",
				Map.of("name", "Pre-trial screening assistant", "purpose",
						"Help pre-trial officers prioritise case reviews.", "riskLevel", "high", "decidesAboutPeople",
						true, "owner", "alice"));
		resume.add(Kind.BASE_MODEL, "distilbert-base-uncased", 1, "2024-09-01T10:00:00Z", "bob",
				Map.of("name", "distilbert-base-uncased", "provider", "Hugging Face", "version", "1.0",
						"licenseExpression", "Apache-2.0", "source", "https://huggingface.co/distilbert-base-uncased",
						"derivedFrom", List.of("bert-base-uncased")));
		resume.add(Kind.BASE_MODEL, "bert-base-uncased", 1, "2024-09-01T10:05:00Z", "bob",
				Map.of("name", "bert-base-uncased", "provider", "Google", "licenseExpression", "Apache-2.0", "source",
						"https://huggingface.co/google-bert/bert-base-uncased"));
		resume.add(Kind.TRAINING_RUN, "run-42", 1, "2025-02-20T18:00:00Z", "dave",
				Map.ofEntries(Map.entry("name", "Fine-tuning on cleaned COMPAS"), Map.entry("runKind", "fine-tuning"),
						Map.entry("datasets", List.of("compas-2016-clean", "compas-2016-raw")),
						Map.entry("baseModels", List.of("distilbert-base-uncased")),
						Map.entry("codeReference", "https://git.example.org/risk/train/commit/ab12cd34"),
						Map.entry("parameters", "learning_rate=2e-5; epochs=3; batch_size=32"),
						Map.entry("compute", "1x NVIDIA A100 80GB"), Map.entry("energyKwh", new BigDecimal("12.5")),
						Map.entry("startedAt", "2025-02-20T09:00:00Z"), Map.entry("endedAt", "2025-02-20T17:30:00Z"),
						Map.entry("operator", "dave")));
		resume.add(Kind.DATASET, "compas", 1, "2024-08-01T10:00:00Z", "bob", Map.of("name",
				"COMPAS two-year recidivism", "publisher", "ProPublica", "owner", "bob", "description",
				"Criminal history, jail and prison time, demographics and COMPAS scores, Broward County 2013-2014."));
		resume.add(Kind.DATASET_VERSION, "compas-2016-raw", 2, "2024-08-02T10:00:00Z", "bob",
				Map.ofEntries(Map.entry("dataset", "compas"), Map.entry("version", "2016-04"),
						Map.entry("source", "https://github.com/propublica/compas-analysis"),
						Map.entry("licenseExpression", "CC-BY-NC-SA-4.0"), Map.entry("sensitivity", "confidential"),
						Map.entry("containsPersonalData", true), Map.entry("legalBasis", "public-task"),
						Map.entry("consentRecorded", false), Map.entry("retentionUntil", "2030-12-31"),
						Map.entry("collection", "Public records request to Broward County Sheriff's Office."),
						Map.entry("labelling", "Two-year recidivism from public criminal records.")));
		resume.add(Kind.DATASET_VERSION, "compas-2016-clean", 1, "2024-08-03T10:00:00Z", "erin",
				Map.ofEntries(Map.entry("dataset", "compas"), Map.entry("version", "2016-04-clean"),
						Map.entry("source", "internal data lake: /curated/compas/2016-04"),
						Map.entry("licenseExpression", "CC-BY-NC-SA-4.0 AND LicenseRef-ProPublica-Terms"),
						Map.entry("sensitivity", "confidential"), Map.entry("containsPersonalData", true),
						Map.entry("legalBasis", "public-task"), Map.entry("anonymisationMethod", "pseudonymised ids"),
						Map.entry("cleaning", "ProPublica's filters: charge within 30 days, known outcome."),
						Map.entry("derivedFrom", List.of("compas-2016-raw"))));
		resume.add(Kind.DATASET_VERSION, "compas-2016-holdout", 1, "2024-08-03T11:00:00Z", "erin",
				Map.of("dataset", "compas", "version", "2016-04-holdout", "licenseExpression", "CC-BY-NC-SA-4.0",
						"sensitivity", "internal", "containsPersonalData", false, "derivedFrom",
						List.of("compas-2016-raw")));
		resume.add(Kind.EVALUATION, "accuracy-2025", 1, "2025-02-21T10:00:00Z", "dave",
				Map.of("modelVersion", "compas-risk-2", "dataset", "compas-2016-holdout", "evaluationKind", "accuracy",
						"method", "Hold-out evaluation, threshold 0.5.", "metrics",
						List.of(metric("accuracy", "0.6812", null), metric("roc_auc", "0.7321", null)), "performedAt",
						"2025-02-21T09:55:00Z"));
		resume.add(Kind.EVALUATION, "fairness-2025", 1, "2025-02-22T10:00:00Z", "dave",
				Map.of("modelVersion", "compas-risk-2", "dataset", "compas-2016-holdout", "evaluationKind", "fairness",
						"method",
						"Computed by the appliance from 1000 uploaded predictions; reference group 'Caucasian'.",
						"protectedAttributes", List.of("race"), "metrics",
						List.of(metric("count", "600", "African-American"),
								metric("selection_rate", "0.5883", "African-American"),
								metric("false_positive_rate", "0.4234", "African-American"),
								metric("false_negative_rate", "0.2848", "African-American"),
								metric("count", "400", "Caucasian"), metric("selection_rate", "0.3479", "Caucasian"),
								metric("false_positive_rate", "0.2201", "Caucasian"),
								metric("false_negative_rate", "0.4963", "Caucasian"),
								metric("demographic_parity_difference", "0.2404", null),
								metric("disparate_impact", "1.6910", "African-American vs Caucasian"),
								metric("statistical_parity_difference", "0.2404", "African-American vs Caucasian")),
						"performedAt", "2025-02-22T09:55:00Z"));
		resume.add(Kind.APPROVAL, "approval-1", 1, "2025-03-05T15:00:00Z", "carol",
				Map.of("modelVersion", "compas-risk-2", "decision", "approved", "justification",
						"Disparities documented; human review is mandatory.", "decidedBy", "carol", "submittedBy",
						"alice", "decidedAt", "2025-03-05T15:00:00Z"));
		resume.add(Kind.DEPLOYMENT, "deploy-prod", 1, "2025-03-06T08:00:00Z", "erin",
				Map.of("modelVersion", "compas-risk-2", "environment", "production", "proxyRoute", "compas-risk",
						"deployedBy", "erin", "startedAt", "2025-03-06T08:00:00Z"));
		resume.add(Kind.INCIDENT, "inc-7", 2, "2025-03-09T10:00:00Z", "carol",
				Map.of("modelVersion", "compas-risk-2", "title", "Elevated false positives for one group", "severity",
						"high", "status", "mitigated", "reportedAt", "2025-03-08T10:00:00Z", "handling",
						"Threshold raised for review queue; retraining scheduled."));
		return resume.build();
	}

	/** A model version with nothing else recorded yet. */
	static Resume minimal() {
		Builder resume = new Builder(new EntityRef(Kind.MODEL_VERSION, "bare-1"));
		resume.add(Kind.MODEL_VERSION, "bare-1", 1, "2025-01-01T00:00:00Z", "alice",
				Map.of("model", "bare", "version", "1"));
		return resume.build();
	}

	static Map<String, Object> metric(String name, String value, String slice) {
		Map<String, Object> metric = new LinkedHashMap<>();
		metric.put("name", name);
		metric.put("value", new BigDecimal(value));
		if (slice != null) {
			metric.put("slice", slice);
		}
		return metric;
	}

	/** The résumé with one entity at a new revision with the given fields changed. */
	static Resume revise(Resume resume, EntityRef ref, Instant at, Map<String, Object> changes) {
		Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>(resume.entities());
		ResumeEntity entity = entities.get(ref);
		Map<String, Object> fields = new LinkedHashMap<>(entity.fields());
		fields.putAll(changes);
		entities.put(ref, new ResumeEntity(ref,
				new RevisionInfo(ref, entity.revision().number() + 1, at, entity.revision().author()), fields));
		return new Resume(resume.version(), resume.asOf(), entities);
	}

	/**
	 * The same résumé with its entities in reverse order, as another read might list
	 * them.
	 */
	static Resume reversed(Resume resume) {
		List<Map.Entry<EntityRef, ResumeEntity>> entries = new ArrayList<>(resume.entities().entrySet());
		Collections.reverse(entries);
		Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>();
		entries.forEach((entry) -> entities.put(entry.getKey(), entry.getValue()));
		return new Resume(resume.version(), Instant.now(), entities);
	}

	static final class Builder {

		private final EntityRef version;

		private final Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>();

		Builder(EntityRef version) {
			this.version = version;
		}

		Builder add(Kind kind, String id, int revision, String at, String author, Map<String, ?> fields) {
			EntityRef ref = new EntityRef(kind, id);
			this.entities.put(ref, new ResumeEntity(ref, new RevisionInfo(ref, revision, Instant.parse(at), author),
					Map.copyOf(fields)));
			return this;
		}

		Resume build() {
			return new Resume(this.version, null, this.entities);
		}

	}

}
