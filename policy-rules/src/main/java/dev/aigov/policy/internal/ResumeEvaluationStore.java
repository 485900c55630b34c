package dev.aigov.policy.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;

/**
 * Records evaluations in the résumé as {@code policy-evaluation} activities
 * ({@code aigov:PolicyEvaluation}, {@code prov:used} the model version), immutable like
 * approvals. They are linked to the version but are not part of its résumé as read for
 * facts, the ML-BOM or completeness: an evaluation is about the résumé, not a change to
 * it.
 */
final class ResumeEvaluationStore implements EvaluationStore {

	private static final int MAX_ERROR = 2_000;

	private final RegistryService registry;

	ResumeEvaluationStore(RegistryService registry) {
		this.registry = registry;
	}

	@Override
	public GovernanceEvaluation record(GovernanceEvaluation evaluation, String factsJson) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("modelVersion", evaluation.version());
		fields.put("packs", evaluation.packs());
		fields.put("status", (evaluation.status() == GovernanceEvaluation.Status.COMPLETED) ? "ok" : "error");
		if (evaluation.error() != null && !evaluation.error().isBlank()) {
			String error = evaluation.error();
			fields.put("error", (error.length() > MAX_ERROR) ? error.substring(0, MAX_ERROR) + "…" : error);
		}
		fields.put("trigger", evaluation.trigger().value());
		fields.put("triggeredBy", evaluation.triggeredBy());
		fields.put("evaluatedAt", evaluation.evaluatedAt().toString());
		fields.put("resumeSha256", evaluation.resumeSha256());
		fields.put("factsSha256", evaluation.factsSha256());
		fields.put("facts", factsJson);
		fields.put("findings", RecordCodec.findings(evaluation.findings()));
		List<String> results = evaluation.findings()
			.stream()
			.map((finding) -> finding.severity() + " " + finding.ruleId())
			.distinct()
			.toList();
		if (!results.isEmpty()) {
			fields.put("results", results);
		}
		this.registry.recordPolicyEvaluation(evaluation.id(), fields, new Actor(evaluation.triggeredBy(), Set.of()));
		return evaluation.recordedAs(evaluation.id());
	}

	@Override
	public List<Recorded> list(String versionId) {
		return this.registry
			.referring(Kind.POLICY_EVALUATION, "modelVersion", new EntityRef(Kind.MODEL_VERSION, versionId))
			.stream()
			.map(ResumeEvaluationStore::recorded)
			.sorted(NEWEST_FIRST)
			.toList();
	}

	@Override
	public Optional<Recorded> get(String versionId, String evaluationId) {
		try {
			ResumeEntity entity = this.registry.get(new EntityRef(Kind.POLICY_EVALUATION, evaluationId));
			return versionId.equals(entity.text("modelVersion")) ? Optional.of(recorded(entity)) : Optional.empty();
		}
		catch (ResumeNotFoundException ex) {
			return Optional.empty();
		}
	}

	@SuppressWarnings("unchecked")
	private static Recorded recorded(ResumeEntity entity) {
		Map<String, Object> fields = entity.fields();
		String factsJson = (String) fields.get("facts");
		List<String> facts = RecordCodec.facts(factsJson).stream().map(Object::toString).toList();
		List<Finding> findings = RecordCodec.findings((String) fields.get("findings"));
		GovernanceEvaluation evaluation = new GovernanceEvaluation(entity.ref().id(), entity.text("modelVersion"), null,
				Instant.parse(entity.text("evaluatedAt")),
				"ok".equals(fields.get("status")) ? GovernanceEvaluation.Status.COMPLETED
						: GovernanceEvaluation.Status.ERROR,
				entity.text("error"), (List<String>) fields.getOrDefault("packs", List.of()), facts, findings,
				GovernanceEvaluation.Trigger.of(entity.text("trigger")), entity.text("triggeredBy"),
				entity.text("factsSha256"), entity.text("resumeSha256"), entity.ref().id());
		return new Recorded(evaluation, factsJson);
	}

}
