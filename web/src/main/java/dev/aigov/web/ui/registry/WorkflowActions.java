package dev.aigov.web.ui.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.ApprovalWorkflow.Transition;
import dev.aigov.registry.TransitionNotAllowedException;

/**
 * The workflow buttons of a model version page: each transition, whether the reader may
 * make it now, and if not, why, as a message key with arguments so the reason reads in
 * the reader's language. The workflow's own sentence (English) is kept beside it.
 *
 * @param actions one per transition, in the workflow's order
 */
public record WorkflowActions(List<Action> actions) {

	static WorkflowActions of(Map<Transition, TransitionNotAllowedException> refusals) {
		List<Action> actions = new ArrayList<>();
		refusals.forEach((transition, refusal) -> actions.add(Action.of(transition, refusal)));
		return new WorkflowActions(actions);
	}

	/** Whether the reader may make at least one transition now. */
	public boolean anyAllowed() {
		return this.actions.stream().anyMatch(Action::allowed);
	}

	public Action get(String transition) {
		return this.actions.stream()
			.filter((action) -> action.transition().name().equals(transition))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * One transition.
	 *
	 * @param transition which
	 * @param allowed whether the reader may make it now
	 * @param reasonKey the message key of why not, or {@code null}
	 * @param reasonArgs its arguments
	 * @param reason the workflow's own sentence
	 * @param separationOfDuties whether separation of duties is the reason
	 */
	public record Action(Transition transition, boolean allowed, String reasonKey, Object[] reasonArgs, String reason,
			boolean separationOfDuties) {

		static Action of(Transition transition, TransitionNotAllowedException refusal) {
			if (refusal == null) {
				return new Action(transition, true, null, new Object[0], null, false);
			}
			String key = "workflow.reason." + switch (refusal.reason()) {
				case STATE -> "state";
				case ROLE -> "role";
				case SUBMITTER -> "submitter";
				case OWNER -> "owner";
			};
			return new Action(transition, false, key, refusal.arguments().toArray(), refusal.getMessage(),
					refusal.separationOfDuties());
		}

		public String name() {
			return this.transition.name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
