package dev.aigov.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the policy engine ({@code aigov.policy.*}). Runs without editing
 * anything: every value has a default here.
 *
 * @param thresholds the numbers the rules compare against, by name; configured values
 * replace the defaults one by one
 * @param commercialUse whether the organisation's use of models is commercial (licences
 * are read against it)
 * @param packsDir a directory whose sub-directories are policy packs, loaded at start
 * after the built-in ones (a pack of the same name replaces the built-in one);
 * {@code null} for none
 * @param onPremProviders serving providers that are on the organisation's premises
 * (anything else is external)
 * @param generativeTasks words that mark a task as generative
 * @param licences the organisation's additions to the SPDX licence table
 * @param reevaluationDelay how long a version waits after a résumé change before it is
 * evaluated again in the background, so that a burst of changes gives one evaluation
 * (default 250 ms; 0 for at once)
 */
@ConfigurationProperties("aigov.policy")
public record PolicyProperties(Map<String, Double> thresholds, Boolean commercialUse, Path packsDir,
		List<String> onPremProviders, List<String> generativeTasks, Licences licences, Duration reevaluationDelay) {

	/** The thresholds of the built-in packs. */
	public static final Map<String, Double> DEFAULT_THRESHOLDS = Map.ofEntries(
			Map.entry("fairness.disparate-impact.min", 0.8), Map.entry("fairness.equalized-odds-difference.max", 0.2),
			Map.entry("fairness.demographic-parity-difference.max", 0.1), Map.entry("reliability.accuracy.min", 0.6),
			Map.entry("reliability.robustness.min", 0.5), Map.entry("reliability.groundedness.min", 0.8),
			Map.entry("reliability.hallucination-rate.max", 0.1));

	public PolicyProperties {
		Map<String, Double> merged = new LinkedHashMap<>(DEFAULT_THRESHOLDS);
		if (thresholds != null) {
			merged.putAll(thresholds);
		}
		thresholds = Map.copyOf(merged);
		commercialUse = (commercialUse != null) ? commercialUse : Boolean.TRUE;
		onPremProviders = (onPremProviders != null) ? List.copyOf(onPremProviders)
				: List.of("on-premises", "on-prem", "edge", "self-hosted");
		generativeTasks = (generativeTasks != null) ? List.copyOf(generativeTasks) : List.of("generation", "generative",
				"chat", "summarisation", "summarization", "translation", "question answering", "text-to");
		licences = (licences != null) ? licences : new Licences(null, null, null, null);
		reevaluationDelay = (reevaluationDelay != null) ? reevaluationDelay : Duration.ofMillis(250);
		if (reevaluationDelay.isNegative()) {
			throw new IllegalArgumentException("aigov.policy.reevaluation-delay must not be negative");
		}
	}

	/** The defaults, as used when nothing is configured. */
	public static PolicyProperties defaults() {
		return new PolicyProperties(null, null, null, null, null, null, null);
	}

	/**
	 * Licence ids (SPDX ids or {@code LicenseRef-}s) the organisation classifies itself,
	 * in addition to the built-in table.
	 *
	 * @param commercial ids that allow commercial use; by default the organisation's own
	 * {@code LicenseRef-internal} and {@code LicenseRef-confidential}
	 * @param nonCommercial ids for non-commercial use only
	 * @param researchOnly ids for research or evaluation only
	 * @param shareAlike ids with share-alike obligations
	 */
	public record Licences(List<String> commercial, List<String> nonCommercial, List<String> researchOnly,
			List<String> shareAlike) {

		public Licences {
			commercial = (commercial != null) ? List.copyOf(commercial)
					: List.of("LicenseRef-internal", "LicenseRef-confidential");
			nonCommercial = (nonCommercial != null) ? List.copyOf(nonCommercial) : List.of();
			researchOnly = (researchOnly != null) ? List.copyOf(researchOnly) : List.of();
			shareAlike = (shareAlike != null) ? List.copyOf(shareAlike) : List.of();
		}

	}

}
