package dev.aigov.registry;

import java.util.List;

/** Approval was refused because a guard failed; lists every failing guard's reasons. */
public class ApprovalRefusedException extends RuntimeException {

	private final List<ApprovalGuard.Verdict> verdicts;

	public ApprovalRefusedException(List<ApprovalGuard.Verdict> verdicts) {
		super("Approval refused: " + verdicts.stream()
			.filter((v) -> !v.passed())
			.map((v) -> v.guard() + ": " + String.join("; ", v.reasons()))
			.toList());
		this.verdicts = List.copyOf(verdicts);
	}

	public List<ApprovalGuard.Verdict> verdicts() {
		return this.verdicts;
	}

}
