package dev.aigov.policy.internal;

import java.time.Duration;
import java.util.Set;

import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.Reevaluations;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeEvents;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Evaluates a model version again whenever its résumé changes, so that its latest
 * findings are never older than its résumé. The evaluation runs in the background,
 * coalesced per version ({@link ReevaluationQueue}); until it has run, the version's kept
 * evaluation is dropped, so a read in between evaluates rather than show stale findings.
 */
@Component
class ReevaluationListener implements Reevaluations, DisposableBean {

	/** Kinds that belong to one model version; a change to any other may concern many. */
	private static final Set<Kind> VERSION_KINDS = Set.of(Kind.MODEL_VERSION, Kind.EVALUATION, Kind.INCIDENT,
			Kind.APPROVAL, Kind.DEPLOYMENT, Kind.SBOM, Kind.POLICY_EVALUATION);

	private final PolicyEngine engine;

	private final ReevaluationQueue queue;

	ReevaluationListener(PolicyEngine engine, PolicyProperties properties) {
		this.engine = engine;
		this.queue = new ReevaluationQueue(
				(version, actor) -> engine.evaluate(version, GovernanceEvaluation.Trigger.AUTOMATIC, actor),
				properties.reevaluationDelay());
	}

	/** Submitted, withdrawn, approved, rejected, deployed or retired. */
	@EventListener
	void on(ResumeEvents.LifecycleEvent event) {
		reevaluate(event.version().id(), event.actor());
	}

	/**
	 * A version's own entities changed: evaluate it again. A shared entity (dataset, base
	 * model, training run, system) changed: every kept evaluation may be out of date, so
	 * they are dropped and each is checked against the résumé when next read. A recorded
	 * policy evaluation is not a change to evaluate again.
	 */
	@EventListener
	void on(ResumeEvents.ResumeChanged event) {
		if (event.entities().stream().allMatch((ref) -> ref.kind() == Kind.POLICY_EVALUATION)) {
			return;
		}
		if (event.entities().stream().anyMatch((ref) -> !VERSION_KINDS.contains(ref.kind()))) {
			this.engine.forgetAll();
		}
		event.versions().forEach((version) -> reevaluate(version.id(), event.actor()));
	}

	private void reevaluate(String versionId, String actor) {
		this.engine.forget(versionId);
		this.queue.submit(versionId, actor);
	}

	@Override
	public void drain(Duration timeout) {
		this.queue.drain(timeout);
	}

	@Override
	public void destroy() {
		this.queue.close();
	}

}
