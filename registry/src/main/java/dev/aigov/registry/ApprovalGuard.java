package dev.aigov.registry;

import java.util.List;

/**
 * Decides whether a model version may be approved. Every guard in the application must
 * pass; the policy engine contributes one that fails on any failing governance finding.
 * Guards fail closed: an exception counts as a failure.
 */
public interface ApprovalGuard {

	/**
	 * @param resume the complete résumé of the version being approved
	 * @param actor who is approving
	 * @return the verdict, with reasons a compliance officer can act on when it fails
	 */
	Verdict check(Resume resume, Actor actor);

	/**
	 * A guard's verdict.
	 *
	 * @param guard the guard's name, e.g. {@code completeness}
	 * @param passed whether approval may proceed
	 * @param reasons why not, one line each
	 * @param evidence the record the guard decided on (a recorded
	 * {@code policy-evaluation}), linked from the approval; {@code null} if none
	 */
	record Verdict(String guard, boolean passed, List<String> reasons, EntityRef evidence) {

		public Verdict {
			reasons = List.copyOf(reasons);
		}

		public Verdict(String guard, boolean passed, List<String> reasons) {
			this(guard, passed, reasons, null);
		}

		public static Verdict pass(String guard) {
			return new Verdict(guard, true, List.of());
		}

	}

}
