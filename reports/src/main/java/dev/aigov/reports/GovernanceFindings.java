package dev.aigov.reports;

import java.util.List;

import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;

import org.springframework.stereotype.Component;

/**
 * The dossier's findings, from the policy engine: the active governance packs evaluated
 * over the version's current résumé. An evaluation that ended in error stops the report
 * rather than printing an empty findings section.
 */
@Component
class GovernanceFindings implements FindingsSource {

	private final GovernancePolicy policy;

	GovernanceFindings(GovernancePolicy policy) {
		this.policy = policy;
	}

	@Override
	public List<Finding> findingsFor(String versionId) {
		GovernanceEvaluation evaluation = this.policy.evaluate(versionId);
		if (evaluation.status() == GovernanceEvaluation.Status.ERROR) {
			throw new IllegalStateException(
					"The governance policies could not be evaluated for " + versionId + ": " + evaluation.error());
		}
		return evaluation.findings();
	}

}
