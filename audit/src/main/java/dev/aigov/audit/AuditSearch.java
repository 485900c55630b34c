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

	/**
	 * The operations figures of the inference calls in a period, aggregated in one
	 * search.
	 * @param from first event time (inclusive)
	 * @param to last event time (exclusive)
	 * @param application only this application (its name or key id), or {@code null}
	 * @param model only this model version IRI or requested model name, or {@code null}
	 * @throws IllegalArgumentException when {@code from} is not before {@code to}
	 * @throws IllegalStateException when Elasticsearch cannot answer
	 */
	AuditOperations operations(Instant from, Instant to, String application, String model);

}
