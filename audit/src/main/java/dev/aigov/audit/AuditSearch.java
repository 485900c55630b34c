package dev.aigov.audit;

import java.time.Duration;
import java.time.Instant;

/** Search and aggregations over the audit records in Elasticsearch. */
public interface AuditSearch {

	/**
	 * One page of matching records, newest first; page on with {@link AuditPage#next()}.
	 * @throws IllegalArgumentException when the {@code after} token is not one this
	 * search produced
	 * @throws IllegalStateException when Elasticsearch cannot answer
	 */
	AuditPage search(AuditQuery query);

	/**
	 * Aggregations over a time range.
	 * @param interval histogram interval, at least a minute
	 * @throws IllegalArgumentException for a bad range or interval
	 * @throws IllegalStateException when Elasticsearch cannot answer
	 */
	AuditStatistics statistics(Instant from, Instant to, Duration interval);

}
