package dev.aigov.policy.internal;

import dev.aigov.policy.GovernancePolicy;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.ResumeEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Evaluates a model version again whenever its résumé changes, so that its latest
 * findings are never older than its résumé.
 */
@Component
class ReevaluationListener {

	private static final Logger logger = LoggerFactory.getLogger(ReevaluationListener.class);

	private final GovernancePolicy policy;

	ReevaluationListener(GovernancePolicy policy) {
		this.policy = policy;
	}

	@EventListener
	void on(ResumeEvents.ModelVersionSubmitted event) {
		reevaluate(event.version());
	}

	@EventListener
	void on(ResumeEvents.ModelVersionWithdrawn event) {
		reevaluate(event.version());
	}

	@EventListener
	void on(ResumeEvents.ModelVersionApproved event) {
		reevaluate(event.version());
	}

	@EventListener
	void on(ResumeEvents.ModelVersionRejected event) {
		reevaluate(event.version());
	}

	@EventListener
	void on(ResumeEvents.ModelVersionDeployed event) {
		reevaluate(event.version());
	}

	@EventListener
	void on(ResumeEvents.ModelVersionRetired event) {
		reevaluate(event.version());
	}

	private void reevaluate(EntityRef version) {
		try {
			this.policy.evaluate(version.id());
		}
		catch (RuntimeException ex) {
			// The change itself succeeded; the next read of the findings evaluates again.
			logger.warn("Could not re-evaluate {} after a change: {}", version, ex.toString());
		}
	}

}
