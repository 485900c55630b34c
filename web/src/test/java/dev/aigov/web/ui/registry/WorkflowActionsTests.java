package dev.aigov.web.ui.registry;

import java.util.EnumMap;
import java.util.Map;

import dev.aigov.registry.ApprovalWorkflow.Transition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow's reasons for an unavailable button become translatable messages; one the
 * UI does not recognise is still shown, in the workflow's own words.
 */
class WorkflowActionsTests {

	@Test
	void eachKindOfReasonIsRecognised() {
		Map<Transition, String> options = new EnumMap<>(Transition.class);
		options.put(Transition.SUBMIT, null);
		options.put(Transition.APPROVE,
				"Separation of duties: mira submitted this version and cannot also decide on it.");
		options.put(Transition.REJECT, "Separation of duties: olga owns the model and cannot decide on its versions.");
		options.put(Transition.WITHDRAW, "Only [MODEL_OWNER] may withdraw a model version.");
		options.put(Transition.DEPLOY, "Cannot deploy compas-risk-1: it is submitted (needs approved or deployed).");
		options.put(Transition.RETIRE, "A reason nobody has seen before.");
		WorkflowActions actions = WorkflowActions.of(options);

		assertThat(actions.get("SUBMIT").allowed()).isTrue();
		assertThat(actions.anyAllowed()).isTrue();
		WorkflowActions.Action approve = actions.get("APPROVE");
		assertThat(approve.allowed()).isFalse();
		assertThat(approve.separationOfDuties()).isTrue();
		assertThat(approve.reasonKey()).isEqualTo("workflow.reason.submitter");
		assertThat(approve.reasonArgs()).containsExactly("mira");
		assertThat(actions.get("REJECT").reasonKey()).isEqualTo("workflow.reason.owner");
		assertThat(actions.get("REJECT").reasonArgs()).containsExactly("olga");
		assertThat(actions.get("WITHDRAW").reasonKey()).isEqualTo("workflow.reason.role");
		assertThat(actions.get("WITHDRAW").separationOfDuties()).isFalse();
		assertThat(actions.get("DEPLOY").reasonKey()).isEqualTo("workflow.reason.state");
		assertThat(actions.get("DEPLOY").reasonArgs()).containsExactly("submitted", "approved or deployed");
		WorkflowActions.Action unknown = actions.get("RETIRE");
		assertThat(unknown.allowed()).isFalse();
		assertThat(unknown.reasonKey()).isNull();
		assertThat(unknown.reason()).isEqualTo("A reason nobody has seen before.");
	}

	@Test
	void nothingAllowedIsSaidSo() {
		Map<Transition, String> options = new EnumMap<>(Transition.class);
		for (Transition transition : Transition.values()) {
			options.put(transition, "Only [COMPLIANCE_OFFICER] may " + transition + " a model version.");
		}
		assertThat(WorkflowActions.of(options).anyAllowed()).isFalse();
	}

}
