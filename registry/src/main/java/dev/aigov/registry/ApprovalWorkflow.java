package dev.aigov.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The lifecycle of a model version: draft, submitted, approved or rejected, deployed,
 * retired. Each transition is checked against the current state and the actor's role, and
 * approval against separation of duties (never by the submitter or the model's owner) and
 * every {@link ApprovalGuard}. Decisions are recorded as immutable approval records in
 * the same atomic write as the version's new state.
 */
@Service
public class ApprovalWorkflow {

	/** The transitions, for listing what an actor may do. */
	public enum Transition {

		SUBMIT, WITHDRAW, APPROVE, REJECT, DEPLOY, RETIRE

	}

	static final int MIN_JUSTIFICATION = 10;

	private final RegistryService registry;

	private final ResumeReader reader;

	private final List<ApprovalGuard> guards;

	private final ApplicationEventPublisher events;

	public ApprovalWorkflow(RegistryService registry, ResumeReader reader, List<ApprovalGuard> guards,
			ApplicationEventPublisher events) {
		this.registry = registry;
		this.reader = reader;
		this.guards = List.copyOf(guards);
		this.events = events;
	}

	public ResumeEntity submit(String versionId, Actor actor) {
		ResumeEntity version = check(Transition.SUBMIT, versionId, actor);
		Map<String, Object> fields = new LinkedHashMap<>(version.fields());
		fields.put("lifecycleState", "submitted");
		fields.put("submittedBy", actor.username());
		ResumeEntity recorded = record(version, fields, null, actor).get(0);
		this.events.publishEvent(
				new ResumeEvents.ModelVersionSubmitted(version.ref(), actor.username(), recorded.revision().at()));
		return recorded;
	}

	public ResumeEntity withdraw(String versionId, Actor actor) {
		ResumeEntity version = check(Transition.WITHDRAW, versionId, actor);
		Map<String, Object> fields = new LinkedHashMap<>(version.fields());
		fields.put("lifecycleState", "draft");
		fields.remove("submittedBy");
		ResumeEntity recorded = record(version, fields, null, actor).get(0);
		this.events.publishEvent(
				new ResumeEvents.ModelVersionWithdrawn(version.ref(), actor.username(), recorded.revision().at()));
		return recorded;
	}

	/**
	 * Approves a submitted version.
	 * @return the approval record
	 * @throws ApprovalRefusedException if a guard fails (no decision is recorded; a guard
	 * may record the check it made, as the policy guard does)
	 */
	public ResumeEntity approve(String versionId, String justification, Actor actor) {
		ResumeEntity version = check(Transition.APPROVE, versionId, actor);
		requireJustification(justification);
		Resume resume = this.reader.read(versionId, null);
		List<ApprovalGuard.Verdict> verdicts = new ArrayList<>();
		for (ApprovalGuard guard : this.guards) {
			ApprovalGuard.Verdict verdict;
			try {
				verdict = guard.check(resume, actor);
			}
			catch (RuntimeException ex) {
				verdict = new ApprovalGuard.Verdict(guard.getClass().getSimpleName(), false,
						List.of("The check could not be completed (" + ex.getClass().getSimpleName()
								+ "); approval fails closed."));
			}
			verdicts.add(verdict);
		}
		if (verdicts.stream().anyMatch((verdict) -> !verdict.passed())) {
			throw new ApprovalRefusedException(verdicts);
		}
		EntityRef evaluation = verdicts.stream()
			.map(ApprovalGuard.Verdict::evidence)
			.filter((evidence) -> evidence != null && evidence.kind() == Kind.POLICY_EVALUATION)
			.findFirst()
			.orElse(null);
		return decide(version, "approved", justification, evaluation, actor);
	}

	/** Rejects a submitted version; the owner may rework it and submit again. */
	public ResumeEntity reject(String versionId, String justification, Actor actor) {
		ResumeEntity version = check(Transition.REJECT, versionId, actor);
		requireJustification(justification);
		return decide(version, "rejected", justification, null, actor);
	}

	private ResumeEntity decide(ResumeEntity version, String decision, String justification, EntityRef evaluation,
			Actor actor) {
		EntityRef approvalRef = new EntityRef(Kind.APPROVAL, "approval-" + UUID.randomUUID());
		Map<String, Object> approval = new LinkedHashMap<>();
		approval.put("modelVersion", version.ref().id());
		approval.put("decision", decision);
		approval.put("justification", justification);
		approval.put("decidedBy", actor.username());
		if (version.fields().get("submittedBy") != null) {
			approval.put("submittedBy", version.fields().get("submittedBy"));
		}
		approval.put("decidedAt", Instant.now().toString());
		if (evaluation != null) {
			approval.put("policyEvaluation", evaluation.id());
		}
		Map<String, Object> fields = new LinkedHashMap<>(version.fields());
		fields.put("lifecycleState", decision);
		List<ResumeEntity> recorded = record(version, fields,
				new RegistryService.PendingChange(approvalRef, approval, 0), actor);
		Instant at = recorded.get(0).revision().at();
		this.events.publishEvent(decision.equals("approved")
				? new ResumeEvents.ModelVersionApproved(version.ref(), approvalRef, actor.username(), at)
				: new ResumeEvents.ModelVersionRejected(version.ref(), approvalRef, actor.username(), at));
		return recorded.get(1);
	}

	/**
	 * Deploys an approved version.
	 * @param environment where it is served, e.g. {@code production}
	 * @param proxyRoute the policy-proxy route it is served through
	 * @return the deployment record
	 */
	public ResumeEntity deploy(String versionId, String environment, String proxyRoute, Actor actor) {
		ResumeEntity version = check(Transition.DEPLOY, versionId, actor);
		EntityRef deploymentRef = new EntityRef(Kind.DEPLOYMENT, "deployment-" + UUID.randomUUID());
		Map<String, Object> deployment = new LinkedHashMap<>();
		deployment.put("modelVersion", versionId);
		deployment.put("environment", environment);
		if (proxyRoute != null && !proxyRoute.isBlank()) {
			deployment.put("proxyRoute", proxyRoute);
		}
		deployment.put("deployedBy", actor.username());
		deployment.put("startedAt", Instant.now().toString());
		Map<String, Object> fields = new LinkedHashMap<>(version.fields());
		fields.put("lifecycleState", "deployed");
		List<ResumeEntity> recorded = record(version, fields,
				new RegistryService.PendingChange(deploymentRef, deployment, 0), actor);
		this.events.publishEvent(new ResumeEvents.ModelVersionDeployed(version.ref(), deploymentRef, environment,
				proxyRoute, actor.username(), recorded.get(0).revision().at()));
		return recorded.get(1);
	}

	public ResumeEntity retire(String versionId, Actor actor) {
		ResumeEntity version = check(Transition.RETIRE, versionId, actor);
		Map<String, Object> fields = new LinkedHashMap<>(version.fields());
		fields.put("lifecycleState", "retired");
		ResumeEntity recorded = record(version, fields, null, actor).get(0);
		this.events.publishEvent(
				new ResumeEvents.ModelVersionRetired(version.ref(), actor.username(), recorded.revision().at()));
		return recorded;
	}

	/**
	 * What the actor may do with the version now, and for each transition not allowed,
	 * why.
	 * @return transition to {@code null} when allowed, else the reason
	 */
	public Map<Transition, String> options(String versionId, Actor actor) {
		Map<Transition, String> options = new LinkedHashMap<>();
		refusals(versionId, actor)
			.forEach((transition, refusal) -> options.put(transition, (refusal != null) ? refusal.getMessage() : null));
		return options;
	}

	/**
	 * What the actor may do with a version now, with the rule that forbids each
	 * transition they may not make.
	 * @return transition to {@code null} when allowed, else the refusal
	 */
	public Map<Transition, TransitionNotAllowedException> refusals(String versionId, Actor actor) {
		Map<Transition, TransitionNotAllowedException> refusals = new LinkedHashMap<>();
		for (Transition transition : Transition.values()) {
			try {
				check(transition, versionId, actor);
				refusals.put(transition, null);
			}
			catch (TransitionNotAllowedException ex) {
				refusals.put(transition, ex);
			}
		}
		return refusals;
	}

	private ResumeEntity check(Transition transition, String versionId, Actor actor) {
		ResumeEntity version = this.registry.get(new EntityRef(Kind.MODEL_VERSION, versionId));
		String state = String.valueOf(version.fields().get("lifecycleState"));
		Set<String> from = switch (transition) {
			case SUBMIT -> Set.of("draft", "rejected");
			case WITHDRAW, APPROVE, REJECT -> Set.of("submitted");
			case DEPLOY -> Set.of("approved", "deployed");
			case RETIRE -> Set.of("approved", "deployed");
		};
		Set<Role> roles = switch (transition) {
			case SUBMIT, WITHDRAW -> Set.of(Role.MODEL_OWNER);
			case APPROVE, REJECT -> Set.of(Role.COMPLIANCE_OFFICER);
			case DEPLOY -> Set.of(Role.MODEL_OWNER, Role.ADMIN);
			case RETIRE -> Set.of(Role.MODEL_OWNER, Role.COMPLIANCE_OFFICER, Role.ADMIN);
		};
		String verb = transition.name().toLowerCase(java.util.Locale.ROOT);
		if (!from.contains(state)) {
			String needs = String.join(" or ", from.stream().sorted().toList());
			throw new TransitionNotAllowedException(TransitionNotAllowedException.Reason.STATE, List.of(state, needs),
					"Cannot " + verb + " " + versionId + ": it is " + state + " (needs " + needs + ").");
		}
		if (roles.stream().noneMatch(actor::has)) {
			List<String> may = roles.stream().map(Role::name).sorted().toList();
			throw new TransitionNotAllowedException(TransitionNotAllowedException.Reason.ROLE,
					List.of(String.join(", ", may)), "Only " + may + " may " + verb + " a model version.");
		}
		if (transition == Transition.APPROVE || transition == Transition.REJECT) {
			if (actor.username().equals(version.fields().get("submittedBy"))) {
				throw new TransitionNotAllowedException(TransitionNotAllowedException.Reason.SUBMITTER,
						List.of(actor.username()), "Separation of duties: " + actor.username()
								+ " submitted this version and cannot also decide on it.");
			}
			ResumeEntity model = this.registry.get(new EntityRef(Kind.MODEL, version.text("model")));
			if (actor.username().equals(model.fields().get("owner"))) {
				throw new TransitionNotAllowedException(TransitionNotAllowedException.Reason.OWNER,
						List.of(actor.username()), "Separation of duties: " + actor.username()
								+ " owns the model and cannot decide on its versions.");
			}
		}
		return version;
	}

	private static void requireJustification(String justification) {
		if (justification == null || justification.strip().length() < MIN_JUSTIFICATION) {
			throw new InvalidResumeException("justification",
					"A justification of at least " + MIN_JUSTIFICATION + " characters is required.");
		}
	}

	private List<ResumeEntity> record(ResumeEntity version, Map<String, Object> fields,
			RegistryService.PendingChange extra, Actor actor) {
		List<RegistryService.PendingChange> changes = new ArrayList<>();
		changes.add(new RegistryService.PendingChange(version.ref(), fields, version.revision().number()));
		if (extra != null) {
			changes.add(extra);
		}
		return this.registry.record(changes, actor);
	}

}
