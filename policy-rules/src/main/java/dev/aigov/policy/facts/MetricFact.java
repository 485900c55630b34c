package dev.aigov.policy.facts;

/**
 * One metric of an evaluation.
 *
 * @param evaluationId the evaluation it belongs to
 * @param evaluationKind that evaluation's kind
 * @param name the metric's name, e.g. {@code disparate_impact}
 * @param slice the group or comparison it is about (e.g.
 * {@code African-American vs Caucasian}), {@code ""} for the whole
 * @param value its value
 */
public record MetricFact(String evaluationId, String evaluationKind, String name, String slice, double value) {
}
