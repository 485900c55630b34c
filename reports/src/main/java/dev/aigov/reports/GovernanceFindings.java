package dev.aigov.reports;

import java.util.List;

import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.registry.Resume;

import org.springframework.stereotype.Component;

/**
 * The dossier's findings, from the policy engine: the active governance packs evaluated
 * over the résumé the dossier documents, so that a dossier "as of" an earlier instant
 * shows the findings of that résumé, not of today's. An evaluation that ended in error
 * stops the report rather than printing an empty findings section.
 */
@Component
class GovernanceFindings implements FindingsSource {

	private final GovernancePolicy policy;

	GovernanceFindings(GovernancePolicy policy) {
		this.policy = policy;
	}

	@Override
	public List<Finding> findingsFor(Resume resume) {
		GovernanceEvaluation evaluation = this.policy.evaluate(resume);
		if (evaluation.status() == GovernanceEvaluation.Status.ERROR) {
			throw new IllegalStateException("The governance policies could not be evaluated for "
					+ resume.version().id() + ": " + evaluation.error());
		}
		return evaluation.findings();
	}

}
