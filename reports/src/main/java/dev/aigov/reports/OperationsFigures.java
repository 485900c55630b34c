package dev.aigov.reports;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The aggregated operations figures of a period, as the audit log counts them.
 *
 * @param calls inference calls recorded (allowed, redacted, blocked, failed)
 * @param promptTokens tokens sent upstream
 * @param completionTokens tokens received
 * @param blocked calls blocked by a runtime policy
 * @param redactions redactions by detector type (e.g. {@code tw-national-id})
 * @param rerouted calls routed to an on-premises model because of data sensitivity
 * @param failed calls that failed (an upstream's failure or refusal, a timeout, the
 * caller gone, the policy or audit log unable to decide or record); blocked calls are not
 * failures
 * @param failuresByCause the failed calls per error code they were answered with, most
 * frequent first
 * @param topRules the rules fired most often, most frequent first
 * @param latencyMs latency percentiles in milliseconds: keys {@code p50}, {@code p95},
 * {@code p99}
 * @param energyWh estimated energy in watt-hours
 * @param waterMl estimated cooling water in millilitres
 * @param breakdown the same counts per application and model version
 * @param chain the audit chain's verification over the period
 */
public record OperationsFigures(long calls, long promptTokens, long completionTokens, long blocked,
		Map<String, Long> redactions, long rerouted, long failed, Map<String, Long> failuresByCause,
		List<RuleCount> topRules, Map<String, Double> latencyMs, double energyWh, double waterMl,
		List<Breakdown> breakdown, ChainVerification chain) {

	public OperationsFigures {
		redactions = Map.copyOf(redactions);
		failuresByCause = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failuresByCause));
		topRules = List.copyOf(topRules);
		latencyMs = Map.copyOf(latencyMs);
		breakdown = List.copyOf(breakdown);
		Objects.requireNonNull(chain, "chain");
	}

	/**
	 * How often one rule fired.
	 *
	 * @param ruleId the rule's id
	 * @param count how many calls it fired on
	 */
	public record RuleCount(String ruleId, long count) {
	}

	/**
	 * The counts of one application calling one model version.
	 *
	 * @param application the application's id
	 * @param modelVersion the model version's id
	 * @param calls calls
	 * @param tokens prompt and completion tokens
	 * @param blocked blocked calls
	 * @param redacted calls with at least one redaction
	 */
	public record Breakdown(String application, String modelVersion, long calls, long tokens, long blocked,
			long redacted) {
	}

	/**
	 * The hash chain's verification over the period.
	 *
	 * @param verified whether every record's hash and every signed checkpoint verified
	 * @param recordsChecked how many records were checked
	 * @param checkpoints how many signed checkpoints were checked
	 * @param firstBrokenRecord the id of the first record that failed, or {@code null}
	 * @param reason one sentence for people
	 */
	public record ChainVerification(boolean verified, long recordsChecked, long checkpoints, String firstBrokenRecord,
			String reason) {
	}

}
