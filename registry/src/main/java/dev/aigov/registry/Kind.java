package dev.aigov.registry;

import java.util.Locale;

/**
 * The kinds of entity in an AI production résumé. Each has a path segment used in IRIs
 * and in the REST API ({@code model-version}), and a place in PROV-O: entities are
 * things, activities are what happened to them.
 */
public enum Kind {

	AI_SYSTEM("ai-system"), MODEL("model"), MODEL_VERSION("model-version"), DATASET("dataset"),
	DATASET_VERSION("dataset-version"), BASE_MODEL("base-model"), TRAINING_RUN("training-run"),
	EVALUATION("evaluation"), APPROVAL("approval"), DEPLOYMENT("deployment"), INCIDENT("incident"), SBOM("sbom"),
	SELF_ASSESSMENT("self-assessment"),
	/** A governance evaluation by the policy engine; recorded by the engine only. */
	POLICY_EVALUATION("policy-evaluation");

	private final String segment;

	Kind(String segment) {
		this.segment = segment;
	}

	/** The name used in IRIs and URLs, e.g. {@code model-version}. */
	public String segment() {
		return this.segment;
	}

	/**
	 * The kind for a URL segment, accepting the plural form used by the REST API.
	 * @throws IllegalArgumentException naming the valid kinds
	 */
	public static Kind fromSegment(String segment) {
		String singular = segment.toLowerCase(Locale.ROOT);
		if (singular.endsWith("ies")) {
			singular = singular.substring(0, singular.length() - 3) + "y";
		}
		else if (singular.endsWith("s")) {
			singular = singular.substring(0, singular.length() - 1);
		}
		for (Kind kind : values()) {
			if (kind.segment.equals(singular)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown kind '" + segment + "'; expected one of "
				+ java.util.Arrays.stream(values()).map(Kind::segment).toList());
	}

}
