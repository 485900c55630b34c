package dev.aigov.audit;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of verifying the audit log over a time range.
 *
 * @param from start of the range (inclusive, by append time)
 * @param to end of the range (exclusive)
 * @param intact {@code true} when no discrepancy was found and every checkpoint in the
 * range verified
 * @param records how many documents were read
 * @param streams what was found per hash chain
 * @param discrepancies every record that was modified, deleted, inserted or reordered,
 * and every checkpoint that failed
 * @param tookMs how long verification took
 */
public record AuditVerification(Instant from, Instant to, boolean intact, long records, List<Stream> streams,
		List<Discrepancy> discrepancies, long tookMs) {

	public AuditVerification {
		streams = List.copyOf(streams);
		discrepancies = List.copyOf(discrepancies);
	}

	/** What a discrepancy is. */
	public enum Kind {

		/** The record's content no longer matches its hash, or its signed checkpoint. */
		MODIFIED,

		/** A record of the chain is missing. */
		DELETED,

		/** A document that is not part of the chain. */
		INSERTED,

		/** A genuine record stored under another record's id (its place was changed). */
		REORDERED,

		/** A checkpoint whose signature does not verify. */
		CHECKPOINT_INVALID

	}

	/**
	 * One discrepancy.
	 *
	 * @param kind what it is
	 * @param recordId the document id concerned (for a deleted record: the id it had)
	 * @param stream the hash chain
	 * @param sequence the position in the chain, or -1 if unknown
	 * @param detail a sentence for people
	 */
	public record Discrepancy(Kind kind, String recordId, String stream, long sequence, String detail) {
	}

	/**
	 * One hash chain within the range.
	 *
	 * @param stream its name
	 * @param firstSequence first sequence found
	 * @param lastSequence last sequence found
	 * @param checkpointsVerified signed checkpoints in the range that verified
	 * @param lastCheckpointSequence the highest sequence covered by a verified
	 * checkpoint, or 0; later records are chained but not yet signed
	 */
	public record Stream(String stream, long firstSequence, long lastSequence, int checkpointsVerified,
			long lastCheckpointSequence) {

		/**
		 * Records at the end of the chain that no verified checkpoint covers yet:
		 * chained, so a change to one of them breaks the link to its successor, but a
		 * rewrite of the whole tail from there on verifies until the next checkpoint
		 * signs it.
		 */
		public long unsignedRecords() {
			return Math.max(0, this.lastSequence - Math.max(this.lastCheckpointSequence, this.firstSequence - 1));
		}

	}

}
