package dev.aigov.web.ui.registry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.ApprovalWorkflow.Transition;
import dev.aigov.registry.TransitionNotAllowedException;
import dev.aigov.registry.TransitionNotAllowedException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow's reasons for an unavailable button become translatable messages with the
 * workflow's arguments, and its English sentence is kept.
 */
class WorkflowActionsTests {

	@Test
	void eachKindOfReasonBecomesItsMessage() {
		Map<Transition, TransitionNotAllowedException> refusals = new EnumMap<>(Transition.class);
		refusals.put(Transition.SUBMIT, null);
		refusals.put(Transition.APPROVE, refusal(Reason.SUBMITTER, "mira"));
		refusals.put(Transition.REJECT, refusal(Reason.OWNER, "olga"));
		refusals.put(Transition.WITHDRAW, refusal(Reason.ROLE, "MODEL_OWNER"));
		refusals.put(Transition.DEPLOY, refusal(Reason.STATE, "submitted", "approved or deployed"));
		WorkflowActions actions = WorkflowActions.of(refusals);

		assertThat(actions.get("SUBMIT").allowed()).isTrue();
		assertThat(actions.anyAllowed()).isTrue();
		WorkflowActions.Action approve = actions.get("APPROVE");
		assertThat(approve.allowed()).isFalse();
		assertThat(approve.separationOfDuties()).isTrue();
		assertThat(approve.reasonKey()).isEqualTo("workflow.reason.submitter");
		assertThat(approve.reasonArgs()).containsExactly("mira");
		assertThat(approve.reason()).isEqualTo("SUBMITTER [mira]");
		assertThat(actions.get("REJECT").reasonKey()).isEqualTo("workflow.reason.owner");
		assertThat(actions.get("REJECT").separationOfDuties()).isTrue();
		assertThat(actions.get("REJECT").reasonArgs()).containsExactly("olga");
		assertThat(actions.get("WITHDRAW").reasonKey()).isEqualTo("workflow.reason.role");
		assertThat(actions.get("WITHDRAW").separationOfDuties()).isFalse();
		assertThat(actions.get("DEPLOY").reasonKey()).isEqualTo("workflow.reason.state");
		assertThat(actions.get("DEPLOY").reasonArgs()).containsExactly("submitted", "approved or deployed");
	}

	@Test
	void nothingAllowedIsSaidSo() {
		Map<Transition, TransitionNotAllowedException> refusals = new EnumMap<>(Transition.class);
		for (Transition transition : Transition.values()) {
			refusals.put(transition, refusal(Reason.ROLE, "COMPLIANCE_OFFICER"));
		}
		assertThat(WorkflowActions.of(refusals).anyAllowed()).isFalse();
	}

	private static TransitionNotAllowedException refusal(Reason reason, String... arguments) {
		return new TransitionNotAllowedException(reason, List.of(arguments), reason + " " + List.of(arguments));
	}

}
