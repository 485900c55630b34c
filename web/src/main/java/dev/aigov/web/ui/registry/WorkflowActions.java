package dev.aigov.web.ui.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.registry.ApprovalWorkflow.Transition;

/**
 * The workflow buttons of a model version page: each transition, whether the reader may
 * make it now, and if not, why, as a message key with arguments so the reason reads in
 * the reader's language. The workflow's own sentence (English) is kept as the fallback
 * for a reason this class does not recognise.
 *
 * @param actions one per transition, in the workflow's order
 */
public record WorkflowActions(List<Action> actions) {

	private static final Pattern SEPARATION_SUBMITTER = Pattern
		.compile("Separation of duties: (.+) submitted this version.*");

	private static final Pattern SEPARATION_OWNER = Pattern.compile("Separation of duties: (.+) owns the model.*");

	private static final Pattern ROLE = Pattern.compile("Only \\[(.+)] may .*");

	private static final Pattern STATE = Pattern.compile("Cannot \\w+ .+: it is (\\w+) \\(needs (.+)\\)\\.");

	static WorkflowActions of(Map<Transition, String> options) {
		List<Action> actions = new ArrayList<>();
		options.forEach((transition, reason) -> actions.add(Action.of(transition, reason)));
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

		static Action of(Transition transition, String reason) {
			if (reason == null) {
				return new Action(transition, true, null, new Object[0], null, false);
			}
			Matcher matcher;
			if ((matcher = SEPARATION_SUBMITTER.matcher(reason)).matches()) {
				return new Action(transition, false, "workflow.reason.submitter", new Object[] { matcher.group(1) },
						reason, true);
			}
			if ((matcher = SEPARATION_OWNER.matcher(reason)).matches()) {
				return new Action(transition, false, "workflow.reason.owner", new Object[] { matcher.group(1) }, reason,
						true);
			}
			if ((matcher = ROLE.matcher(reason)).matches()) {
				return new Action(transition, false, "workflow.reason.role", new Object[] { matcher.group(1) }, reason,
						false);
			}
			if ((matcher = STATE.matcher(reason)).matches()) {
				return new Action(transition, false, "workflow.reason.state",
						new Object[] { matcher.group(1), matcher.group(2) }, reason, false);
			}
			return new Action(transition, false, null, new Object[0], reason, false);
		}

		public String name() {
			return this.transition.name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
