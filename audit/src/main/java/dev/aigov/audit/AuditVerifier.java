package dev.aigov.audit;

import java.time.Instant;

/**
 * Reads audit records back from Elasticsearch and checks their hash chains and signed
 * checkpoints.
 */
public interface AuditVerifier {

	/**
	 * Verifies every record appended in {@code [from, to)}.
	 * @param from first instant (inclusive)
	 * @param to last instant (exclusive)
	 * @return what was checked and every discrepancy found, each naming its record
	 * @throws IllegalArgumentException when {@code from} is not before {@code to}
	 * @throws IllegalStateException when Elasticsearch cannot be read
	 */
	AuditVerification verify(Instant from, Instant to);

}
