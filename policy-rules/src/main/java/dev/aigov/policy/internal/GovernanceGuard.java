package dev.aigov.policy.internal;

import java.util.ArrayList;
import java.util.List;

import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.registry.Actor;
import dev.aigov.registry.ApprovalGuard;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;

import org.springframework.stereotype.Component;

/**
 * Approval requires a completed governance evaluation without a failing finding. An
 * evaluation that could not complete blocks approval too. Each check is recorded, and its
 * record is the verdict's evidence.
 */
@Component
class GovernanceGuard implements ApprovalGuard {

	private final GovernancePolicy policy;

	GovernanceGuard(GovernancePolicy policy) {
		this.policy = policy;
	}

	@Override
	public Verdict check(Resume resume, Actor actor) {
		GovernanceEvaluation evaluation = this.policy.evaluateForApproval(resume, actor.username());
		EntityRef record = new EntityRef(Kind.POLICY_EVALUATION, evaluation.recordedAs());
		if (evaluation.status() == GovernanceEvaluation.Status.ERROR) {
			return new Verdict("policy", false, List.of("The governance evaluation could not complete ("
					+ evaluation.error() + "); approval stays blocked until it does."), record);
		}
		List<String> reasons = new ArrayList<>();
		for (Finding finding : evaluation.findings()) {
			if (finding.severity() == Finding.Severity.FAIL) {
				reasons.add("Policy " + finding.ruleId() + ": " + finding.message().en());
			}
		}
		return new Verdict("policy", reasons.isEmpty(), reasons, record);
	}

}
