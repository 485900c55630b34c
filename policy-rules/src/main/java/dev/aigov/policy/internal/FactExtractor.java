package dev.aigov.policy.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.aigov.policy.BomEvidence;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.facts.BomFact;
import dev.aigov.policy.facts.DatasetFact;
import dev.aigov.policy.facts.EvaluationFact;
import dev.aigov.policy.facts.IncidentFact;
import dev.aigov.policy.facts.IntendedUse;
import dev.aigov.policy.facts.MetricFact;
import dev.aigov.policy.facts.ModelVersionFact;
import dev.aigov.policy.facts.Threshold;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;

/**
 * Turns a résumé into the plain facts the governance pack reasons over. A value of the
 * wrong shape is an error, never skipped: an evaluation on partial facts could pass what
 * it should fail.
 */
final class FactExtractor {

	private final PolicyProperties properties;

	private final LicenceTable licences;

	FactExtractor(PolicyProperties properties) {
		this.properties = properties;
		this.licences = new LicenceTable(properties.licences());
	}

	/**
	 * @param resume the version's résumé
	 * @param bom what the BOM check found
	 * @param today the evaluation date (retention is compared with it)
	 * @return the facts, in a stable order
	 * @throws FactException naming the entity and field whose value is unusable
	 */
	List<Object> extract(Resume resume, BomEvidence.Status bom, LocalDate today) {
		List<Object> facts = new ArrayList<>();
		ResumeEntity version = resume.versionEntity();
		if (version == null) {
			throw new FactException(resume.version().toString(), "the résumé does not contain its model version");
		}
		ResumeEntity model = entity(resume, Kind.MODEL, version.text("model"));
		ResumeEntity system = (model != null) ? entity(resume, Kind.AI_SYSTEM, model.text("system")) : null;
		String task = version.text("task");
		String provider = version.text("servingProvider");
		facts.add(new ModelVersionFact(version.ref().id(), (system != null) ? system.ref().id() : null,
				(system != null) ? system.text("riskLevel") : null,
				system != null && oneOf(system.text("riskLevel"), "high", "unacceptable"),
				(system != null) ? bool(system, "decidesAboutPeople") : null, generative(task), task,
				version.text("architecture"), blankToNull(version.text("intendedUse")),
				blankToNull(version.text("limitations")), blankToNull(version.text("explanationMethod")), provider,
				provider != null && !onPrem(provider), blankToNull(version.text("outputLicenseTerms")),
				decimal(version, "energyPerInferenceWh")));
		facts.add(new IntendedUse(this.properties.commercialUse()));

		Set<String> training = new LinkedHashSet<>();
		for (ResumeEntity run : resume.all(Kind.TRAINING_RUN)) {
			training.addAll(strings(run, "datasets"));
		}
		Set<String> evaluation = new LinkedHashSet<>();
		for (ResumeEntity eval : resume.all(Kind.EVALUATION)) {
			if (eval.text("dataset") != null) {
				evaluation.add(eval.text("dataset"));
			}
		}
		for (ResumeEntity dataset : resume.all(Kind.DATASET_VERSION)) {
			String id = dataset.ref().id();
			if (!training.contains(id) && !evaluation.contains(id)) {
				continue; // an ancestor of a dataset used: its own use is recorded on the
							// one derived
			}
			LocalDate retention = date(dataset, "retentionUntil");
			facts.add(new DatasetFact(id, training.contains(id) ? "training" : "evaluation",
					dataset.text("sensitivity"), oneOf(dataset.text("sensitivity"), "confidential", "restricted"),
					bool(dataset, "containsPersonalData"), dataset.text("legalBasis"), bool(dataset, "consentRecorded"),
					retention, retention != null && retention.isBefore(today),
					blankToNull(dataset.text("anonymisationMethod"))));
			facts.add(this.licences.read(dataset.ref().toString(), dataset.text("licenseExpression")));
		}
		for (ResumeEntity base : resume.all(Kind.BASE_MODEL)) {
			facts.add(this.licences.read(base.ref().toString(), base.text("licenseExpression")));
		}
		for (ResumeEntity eval : resume.all(Kind.EVALUATION)) {
			String kind = eval.text("evaluationKind");
			if (kind == null) {
				throw new FactException(eval.ref().toString(), "evaluationKind is missing");
			}
			facts.add(new EvaluationFact(eval.ref().id(), kind, strings(eval, "protectedAttributes")));
			for (Object metric : list(eval, "metrics")) {
				if (!(metric instanceof Map<?, ?> values) || !(values.get("name") instanceof String name)) {
					throw new FactException(eval.ref().toString(), "a metric has no name");
				}
				Object value = values.get("value");
				double number = number(eval, "metrics." + name, value);
				Object slice = values.get("slice");
				facts.add(new MetricFact(eval.ref().id(), kind, name, (slice != null) ? slice.toString() : "", number));
			}
		}
		for (ResumeEntity incident : resume.all(Kind.INCIDENT)) {
			facts.add(new IncidentFact(incident.ref().id(), incident.text("title"), incident.text("severity"),
					oneOf(incident.text("severity"), "high", "critical"), incident.text("status")));
		}
		facts.add(new BomFact(bom.state(), bom.detail()));
		this.properties.thresholds().forEach((name, value) -> facts.add(new Threshold(name, value)));
		return facts;
	}

	private boolean generative(String task) {
		if (task == null) {
			return false;
		}
		String lower = task.toLowerCase(Locale.ROOT);
		return this.properties.generativeTasks()
			.stream()
			.anyMatch((word) -> lower.contains(word.toLowerCase(Locale.ROOT)));
	}

	private boolean onPrem(String provider) {
		return this.properties.onPremProviders().stream().anyMatch((name) -> name.equalsIgnoreCase(provider.strip()));
	}

	private static ResumeEntity entity(Resume resume, Kind kind, String id) {
		return (id != null) ? resume.entities().get(new EntityRef(kind, id)) : null;
	}

	private static boolean oneOf(String value, String... options) {
		return value != null && java.util.Arrays.asList(options).contains(value);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static Boolean bool(ResumeEntity entity, String field) {
		Object value = entity.fields().get(field);
		if (value == null || value instanceof Boolean) {
			return (Boolean) value;
		}
		throw new FactException(entity.ref().toString(), field + " is not true or false: " + value);
	}

	private static Double decimal(ResumeEntity entity, String field) {
		Object value = entity.fields().get(field);
		return (value != null) ? number(entity, field, value) : null;
	}

	private static double number(ResumeEntity entity, String field, Object value) {
		double number;
		if (value instanceof BigDecimal decimal) {
			number = decimal.doubleValue();
		}
		else if (value instanceof Number other) {
			number = other.doubleValue();
		}
		else {
			throw new FactException(entity.ref().toString(), field + " is not a number: " + value);
		}
		if (Double.isNaN(number) || Double.isInfinite(number)) {
			throw new FactException(entity.ref().toString(), field + " is not a finite number: " + value);
		}
		return number;
	}

	private static LocalDate date(ResumeEntity entity, String field) {
		Object value = entity.fields().get(field);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.toString());
		}
		catch (java.time.DateTimeException ex) {
			throw new FactException(entity.ref().toString(), field + " is not a date: " + value);
		}
	}

	private static List<?> list(ResumeEntity entity, String field) {
		Object value = entity.fields().get(field);
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list) {
			return list;
		}
		throw new FactException(entity.ref().toString(), field + " is not a list");
	}

	private static List<String> strings(ResumeEntity entity, String field) {
		return list(entity, field).stream().map(String::valueOf).toList();
	}

	/** A fact the rules need has a value they cannot use. */
	static final class FactException extends RuntimeException {

		FactException(String entity, String problem) {
			super(entity + ": " + problem);
		}

	}

}
