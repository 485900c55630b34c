package dev.aigov.policy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.aigov.policy.GovernanceEvaluation;

/**
 * Where recorded governance evaluations live: the résumé in the appliance
 * ({@link ResumeEvaluationStore}), memory for the engine outside Spring.
 */
interface EvaluationStore {

	/**
	 * Records an evaluation durably before returning.
	 * @param evaluation the evaluation (its id becomes the record's id)
	 * @param factsJson its facts' canonical JSON
	 * @return the evaluation as recorded
	 */
	GovernanceEvaluation record(GovernanceEvaluation evaluation, String factsJson);

	/** A version's recorded evaluations, newest first. */
	List<Recorded> list(String versionId);

	/** One recorded evaluation of a version, if there is one with that id. */
	Optional<Recorded> get(String versionId, String evaluationId);

	/**
	 * A recorded evaluation with its facts as stored.
	 *
	 * @param evaluation the evaluation
	 * @param factsJson its facts' canonical JSON
	 */
	record Recorded(GovernanceEvaluation evaluation, String factsJson) {
	}

	Comparator<Recorded> NEWEST_FIRST = Comparator.comparing((Recorded recorded) -> recorded.evaluation().evaluatedAt())
		.thenComparing((recorded) -> recorded.evaluation().id())
		.reversed();

	/** Recorded evaluations kept in memory, for the engine outside the appliance. */
	final class InMemory implements EvaluationStore {

		private final Map<String, List<Recorded>> byVersion = new ConcurrentHashMap<>();

		@Override
		public GovernanceEvaluation record(GovernanceEvaluation evaluation, String factsJson) {
			GovernanceEvaluation recorded = evaluation.recordedAs(evaluation.id());
			this.byVersion.computeIfAbsent(evaluation.version(), (version) -> new CopyOnWriteArrayList<>())
				.add(new Recorded(recorded, factsJson));
			return recorded;
		}

		@Override
		public List<Recorded> list(String versionId) {
			List<Recorded> all = new ArrayList<>(this.byVersion.getOrDefault(versionId, List.of()));
			all.sort(NEWEST_FIRST);
			return all;
		}

		@Override
		public Optional<Recorded> get(String versionId, String evaluationId) {
			return this.byVersion.getOrDefault(versionId, List.of())
				.stream()
				.filter((recorded) -> recorded.evaluation().id().equals(evaluationId))
				.findFirst();
		}

	}

}
