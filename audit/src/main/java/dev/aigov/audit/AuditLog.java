package dev.aigov.audit;

/**
 * The audit log. {@link #append} returns only once the record is durable in the local
 * journal (fsynced, possibly together with other records); shipping to Elasticsearch
 * happens afterwards and survives outages and crashes.
 */
public interface AuditLog {

	/**
	 * Appends a record durably and chains it to its predecessor.
	 * @param record the event
	 * @return where it was written
	 * @throws AuditUnavailableException if the record could not be made durable; the
	 * caller must then refuse the call it describes (fail closed)
	 */
	AuditReceipt append(AuditRecord record);

	/**
	 * Where a record was written.
	 *
	 * @param id the record's document id in Elasticsearch (idempotent on replay)
	 * @param stream the hash chain it belongs to
	 * @param sequence its position in that chain
	 * @param hash its hash, which the next record of the stream carries
	 */
	record AuditReceipt(String id, String stream, long sequence, String hash) {
	}

}
