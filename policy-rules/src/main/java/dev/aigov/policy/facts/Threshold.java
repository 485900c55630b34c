package dev.aigov.policy.facts;

/**
 * A configured threshold ({@code aigov.policy.thresholds.*}), so that no number lives in
 * a rule's text. A pack names the thresholds it needs in its manifest and is refused when
 * one is not configured.
 *
 * @param name e.g. {@code fairness.disparate-impact.min}
 * @param value its value
 */
public record Threshold(String name, double value) {
}
