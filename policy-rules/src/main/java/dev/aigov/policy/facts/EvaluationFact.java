package dev.aigov.policy.facts;

import java.util.List;

/**
 * An evaluation of the model version.
 *
 * @param id the evaluation's id
 * @param kind {@code accuracy}, {@code fairness}, {@code robustness},
 * {@code groundedness}, {@code hallucination}, ...
 * @param protectedAttributes the protected attributes a fairness evaluation covers
 */
public record EvaluationFact(String id, String kind, List<String> protectedAttributes) {

	public EvaluationFact {
		protectedAttributes = List.copyOf(protectedAttributes);
	}

}
