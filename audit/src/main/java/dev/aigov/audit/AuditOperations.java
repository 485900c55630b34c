package dev.aigov.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the inference calls of a period add up to, aggregated by Elasticsearch in one
 * search (no record is read into memory).
 *
 * @param from first event time (inclusive)
 * @param to last event time (exclusive)
 * @param calls inference calls recorded
 * @param inputTokens sum of prompt tokens
 * @param outputTokens sum of completion tokens
 * @param blocked calls with decision {@code block}
 * @param redacted calls with decision {@code redact}
 * @param rerouted calls with decision {@code reroute}
 * @param failed calls with decision {@code error}, or with outcome {@code failure} and a
 * decision other than {@code block} (a block is a refusal, not a failure)
 * @param failuresByCause the failed calls per error code they were answered with
 * ({@code error.code}, e.g. {@code upstream_timeout}), most frequent first; records
 * written before the code was recorded count under {@value #CAUSE_NOT_RECORDED}
 * @param redactionsByDetector redacted calls per detector type that hit in them
 * @param topRules the rules that fired on most calls, most frequent first (at most 10)
 * @param latencyMs percentiles of the total latency in milliseconds, keys {@code p50},
 * {@code p95}, {@code p99}; empty when no call in the period has a latency
 * @param energyWh estimated energy of the calls
 * @param waterMl estimated water of the calls
 * @param breakdown the same counts per application and model version, ordered by
 * application then model version
 */
public record AuditOperations(Instant from, Instant to, long calls, long inputTokens, long outputTokens, long blocked,
		long redacted, long rerouted, long failed, Map<String, Long> failuresByCause,
		Map<String, Long> redactionsByDetector, List<AuditStatistics.Count> topRules, Map<String, Double> latencyMs,
		double energyWh, double waterMl, List<Breakdown> breakdown) {

	/** The cause of a failed call whose record has no error code. */
	public static final String CAUSE_NOT_RECORDED = "(not recorded)";

	public AuditOperations {
		failuresByCause = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failuresByCause));
		redactionsByDetector = Map.copyOf(redactionsByDetector);
		topRules = List.copyOf(topRules);
		latencyMs = Map.copyOf(latencyMs);
		breakdown = List.copyOf(breakdown);
	}

	/**
	 * The calls of one application to one model version.
	 *
	 * @param application the application's name as recorded ({@code ""} when none was)
	 * @param modelVersion the model version IRI as recorded, or the requested model name
	 * when the call was not resolved to a model version
	 * @param calls calls
	 * @param inputTokens sum of prompt tokens
	 * @param outputTokens sum of completion tokens
	 * @param blocked blocked calls
	 * @param redacted redacted calls
	 * @param energyWh estimated energy
	 */
	public record Breakdown(String application, String modelVersion, long calls, long inputTokens, long outputTokens,
			long blocked, long redacted, double energyWh) {
	}

}
