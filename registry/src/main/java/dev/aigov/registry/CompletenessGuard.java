package dev.aigov.registry;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Approval requires a complete résumé: steps 1 to 8 of the development flow (up to and
 * including evaluation) without a SHACL violation. Deployment evidence (step 10) comes
 * after approval, and optimisation (step 9) only warns.
 */
@Component
class CompletenessGuard implements ApprovalGuard {

	private final CompletenessService completeness;

	CompletenessGuard(CompletenessService completeness) {
		this.completeness = completeness;
	}

	@Override
	public Verdict check(Resume resume, Actor actor) {
		List<String> reasons = this.completeness.check(resume)
			.steps()
			.stream()
			.filter((step) -> step.number() <= 8)
			.flatMap((step) -> step.findings()
				.stream()
				.filter((finding) -> finding.severity().equals("violation"))
				.map((finding) -> "Step " + step.number() + " (" + step.name() + "), " + finding.focus() + ": "
						+ finding.message()))
			.toList();
		return new Verdict("completeness", reasons.isEmpty(), reasons);
	}

}
