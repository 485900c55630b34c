package dev.aigov.audit;

import java.time.Instant;
import java.util.List;

/**
 * Aggregations over audit records for dashboards.
 *
 * @param total records in the range
 * @param overTime calls, blocks and redactions per interval
 * @param decisions records per decision
 * @param topRules the rules that fired most
 * @param models records per requested model
 * @param applications records per application
 * @param detectorTypes records per detector type that hit
 * @param energyWh estimated energy of the calls in the range
 * @param waterMl estimated water of the calls in the range
 */
public record AuditStatistics(long total, List<Bucket> overTime, List<Count> decisions, List<Count> topRules,
		List<Count> models, List<Count> applications, List<Count> detectorTypes, double energyWh, double waterMl) {

	/** A term and how many records have it. */
	public record Count(String key, long count) {
	}

	/** One interval of the histogram. */
	public record Bucket(Instant start, long calls, long blocked, long redacted) {
	}

}
