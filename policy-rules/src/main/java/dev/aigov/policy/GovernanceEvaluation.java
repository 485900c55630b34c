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
 * @param packs the packs evaluated, as {@code name@version}
 * @param facts the facts the rules saw, one line each
 * @param findings what the rules found
 */
public record GovernanceEvaluation(String id, String version, Instant asOf, Instant evaluatedAt, Status status,
		String error, List<String> packs, List<String> facts, List<Finding> findings) {

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

	/** Whether the evaluation completed. */
	public enum Status {

		COMPLETED, ERROR

	}

}
