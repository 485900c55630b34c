package dev.aigov.policy.internal;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
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

	private final PolicyEngine engine;

	ReevaluationListener(PolicyEngine engine) {
		this.engine = engine;
	}

	/** Submitted, withdrawn, approved, rejected, deployed or retired. */
	@EventListener
	void on(ResumeEvents.LifecycleEvent event) {
		reevaluate(event.version());
	}

	/**
	 * A version's own entities changed: evaluate it again now. A shared entity (dataset,
	 * base model, training run, system) changed: every kept evaluation may be out of
	 * date, so they are dropped and evaluated again when next read.
	 */
	@EventListener
	void on(ResumeEvents.ResumeChanged event) {
		if (event.entities()
			.stream()
			.anyMatch((ref) -> ref.kind() != Kind.MODEL_VERSION && ref.kind() != Kind.EVALUATION
					&& ref.kind() != Kind.INCIDENT && ref.kind() != Kind.APPROVAL && ref.kind() != Kind.DEPLOYMENT
					&& ref.kind() != Kind.SBOM)) {
			this.engine.forgetAll();
		}
		event.versions().forEach(this::reevaluate);
	}

	private void reevaluate(EntityRef version) {
		try {
			this.engine.evaluate(version.id());
		}
		catch (RuntimeException ex) {
			// The change itself succeeded; the next read of the findings evaluates again.
			logger.warn("Could not re-evaluate {} after a change: {}", version, ex.toString());
		}
	}

}
