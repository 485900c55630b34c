package dev.aigov.policy;

import java.time.Instant;
import java.util.List;

/**
 * The governance packs' evaluation of one model version's résumé. An evaluation that
 * could not complete has status {@link Status#ERROR} and blocks approval like a failing
 * finding: it never reads as "no findings".
 *
 * @param id this evaluation's id
 * @param version the model version's id
 * @param asOf the instant the résumé was read at, {@code null} for "now"
 * @param evaluatedAt when it ran
 * @param status whether it completed
 * @param error why not, when it did not
 * @param packs the packs evaluated, as {@code name@version}, sorted
 * @param facts the facts the rules saw, one line each
 * @param findings what the rules found
 * @param trigger why it ran
 * @param triggeredBy who asked, or whose change caused it ({@code system} when unknown)
 * @param factsSha256 hex SHA-256 of the facts' canonical JSON: equal digests mean the
 * rules saw the same facts
 * @param resumeSha256 hex SHA-256 over the résumé's entities and revision numbers as
 * read, {@code null} for a résumé given directly
 * @param recordedAs the id of the résumé record ({@code policy-evaluation}) holding this
 * result: its own id when recorded, an earlier evaluation's when that one had the same
 * packs, facts and outcome; {@code null} when not recorded
 */
public record GovernanceEvaluation(String id, String version, Instant asOf, Instant evaluatedAt, Status status,
		String error, List<String> packs, List<String> facts, List<Finding> findings, Trigger trigger,
		String triggeredBy, String factsSha256, String resumeSha256, String recordedAs) {

	public GovernanceEvaluation {
		packs = List.copyOf(packs);
		facts = List.copyOf(facts);
		findings = List.copyOf(findings);
	}

	/** Whether approval may proceed on this evaluation. */
	public boolean blocksApproval() {
		return this.status == Status.ERROR
				|| this.findings.stream().anyMatch((finding) -> finding.severity() == Finding.Severity.FAIL);
	}

	/**
	 * Whether the evaluation saw the same packs and facts and came to the same outcome.
	 */
	public boolean sameResultAs(GovernanceEvaluation other) {
		return other != null && this.packs.equals(other.packs) && this.factsSha256.equals(other.factsSha256)
				&& this.status == other.status && java.util.Objects.equals(this.error, other.error);
	}

	/** This evaluation, recorded under the given record id. */
	public GovernanceEvaluation recordedAs(String recordId) {
		return new GovernanceEvaluation(this.id, this.version, this.asOf, this.evaluatedAt, this.status, this.error,
				this.packs, this.facts, this.findings, this.trigger, this.triggeredBy, this.factsSha256,
				this.resumeSha256, recordId);
	}

	/** Whether the evaluation completed. */
	public enum Status {

		COMPLETED, ERROR

	}

	/**
	 * Why an evaluation ran; {@link #ON_DEMAND}, {@link #AUTOMATIC} and {@link #APPROVAL}
	 * are recorded.
	 */
	public enum Trigger {

		/** Someone asked for it; always recorded. */
		ON_DEMAND("on-demand"),
		/**
		 * After a résumé change or on reading findings that were out of date; recorded
		 * unless the last recorded evaluation of the version had the same result.
		 */
		AUTOMATIC("automatic"),
		/**
		 * The check before an approval, over the résumé being approved; always recorded,
		 * and the approval links the record it passed.
		 */
		APPROVAL("approval"),
		/** A résumé evaluated as given (fixtures, tools); not recorded. */
		DIRECT("direct"),
		/** A recorded evaluation's facts run again; not recorded. */
		REPLAY("replay");

		private final String value;

		Trigger(String value) {
			this.value = value;
		}

		/** The value stored in the résumé, e.g. {@code on-demand}. */
		public String value() {
			return this.value;
		}

		public static Trigger of(String value) {
			for (Trigger trigger : values()) {
				if (trigger.value.equals(value)) {
					return trigger;
				}
			}
			throw new IllegalArgumentException("Unknown trigger '" + value + "'");
		}

	}

}
