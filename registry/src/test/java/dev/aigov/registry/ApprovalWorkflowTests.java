package dev.aigov.registry;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.aigov.registry.RegistryFixture.OFFICER;
import static dev.aigov.registry.RegistryFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lifecycle: each transition from the right state by the right role only; whoever
 * submitted a version or owns its model can never decide on it; approval needs every
 * guard to pass and fails closed; a refused step records nothing.
 */
class ApprovalWorkflowTests {

	private static final String JUSTIFICATION = "Evidence reviewed against the checklist.";

	/** Holds both roles, so only separation of duties can stop them. */
	private static final Actor SAM = new Actor("sam", Set.of(Role.MODEL_OWNER, Role.COMPLIANCE_OFFICER));

	private final RegistryFixture fixture = new RegistryFixture();

	private final EntityRef v1 = new EntityRef(Kind.MODEL_VERSION, "v1");

	@Test
	void aVersionGoesFromDraftToRetiredWithEveryDecisionRecorded() {
		ApprovalWorkflow workflow = this.fixture.workflow((resume, actor) -> ApprovalGuard.Verdict.pass("test"));
		this.fixture.draftVersion("v1", "olga");

		workflow.submit("v1", OWNER);
		ResumeEntity approval = workflow.approve("v1", JUSTIFICATION, OFFICER);
		ResumeEntity deployment = workflow.deploy("v1", "production", "loans", OWNER);
		workflow.retire("v1", OFFICER);

		assertThat(approval.fields()).containsEntry("decision", "approved")
			.containsEntry("decidedBy", "chen")
			.containsEntry("submittedBy", "olga")
			.containsEntry("modelVersion", "v1");
		assertThat(deployment.fields()).containsEntry("proxyRoute", "loans").containsEntry("modelVersion", "v1");
		assertThat(this.fixture.registry.revisions(this.v1))
			.extracting((info) -> this.fixture.registry.revision(this.v1, info.number()).fields().get("lifecycleState"))
			.containsExactly("draft", "submitted", "approved", "deployed", "retired");
		assertThat(this.fixture.reader.read("v1", null).all()).extracting(ResumeEntity::ref)
			.contains(approval.ref(), deployment.ref());
	}

	@Test
	void anApprovalOnceRecordedCanNeverChange() {
		ApprovalWorkflow workflow = this.fixture.workflow();
		this.fixture.draftVersion("v1", "olga");
		workflow.submit("v1", OWNER);
		ResumeEntity approval = workflow.approve("v1", JUSTIFICATION, OFFICER);

		assertThatExceptionOfType(ResumeConflictException.class)
			.isThrownBy(() -> this.fixture.registry.update(approval.ref(), approval.fields(), OFFICER, 1));
	}

	@Test
	void theSubmitterCannotDecideEvenHoldingTheOfficerRole() {
		ApprovalWorkflow workflow = this.fixture.workflow();
		this.fixture.draftVersion("v1", "olga");
		workflow.submit("v1", SAM);
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(TransitionNotAllowedException.class)
			.isThrownBy(() -> workflow.approve("v1", JUSTIFICATION, SAM))
			.withMessageContaining("Separation of duties: sam submitted this version")
			.satisfies((ex) -> assertThat(ex.forbiddenForActor()).isTrue())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TransitionNotAllowedException.Reason.SUBMITTER))
			.satisfies((ex) -> assertThat(ex.arguments()).containsExactly("sam"));
		assertThatExceptionOfType(TransitionNotAllowedException.class)
			.isThrownBy(() -> workflow.reject("v1", JUSTIFICATION, SAM));

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
		assertThat(workflow.options("v1", SAM).get(ApprovalWorkflow.Transition.APPROVE)).contains("submitted");
	}

	@Test
	void theModelOwnerCannotDecideOnItsVersions() {
		ApprovalWorkflow workflow = this.fixture.workflow();
		this.fixture.draftVersion("v1", "sam");
		workflow.submit("v1", OWNER);

		assertThatExceptionOfType(TransitionNotAllowedException.class)
			.isThrownBy(() -> workflow.approve("v1", JUSTIFICATION, SAM))
			.withMessageContaining("sam owns the model")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TransitionNotAllowedException.Reason.OWNER))
			.satisfies((ex) -> assertThat(ex.separationOfDuties()).isTrue());
		assertThat(workflow.approve("v1", JUSTIFICATION, OFFICER).fields()).containsEntry("decision", "approved");
	}

	@Test
	void transitionsFromTheWrongStateOrByTheWrongRoleAreRefused() {
		ApprovalWorkflow workflow = this.fixture.workflow();
		this.fixture.draftVersion("v1", "olga");
		Actor auditor = new Actor("ada", Set.of(Role.AUDITOR));

		assertThatExceptionOfType(TransitionNotAllowedException.class)
			.isThrownBy(() -> workflow.approve("v1", JUSTIFICATION, OFFICER))
			.withMessageContaining("it is draft (needs submitted)")
			.satisfies((ex) -> assertThat(ex.forbiddenForActor()).isFalse())
			.satisfies((ex) -> assertThat(ex.arguments()).containsExactly("draft", "submitted"));
		assertThatExceptionOfType(TransitionNotAllowedException.class)
			.isThrownBy(() -> workflow.deploy("v1", "production", null, OWNER))
			.satisfies((ex) -> assertThat(ex.arguments()).as("needs, in a stable order")
				.containsExactly("draft", "approved or deployed"));
		assertThatExceptionOfType(TransitionNotAllowedException.class).isThrownBy(() -> workflow.submit("v1", OFFICER))
			.withMessageContaining("Only [MODEL_OWNER] may submit")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TransitionNotAllowedException.Reason.ROLE))
			.satisfies((ex) -> assertThat(ex.arguments()).containsExactly("MODEL_OWNER"));
		workflow.submit("v1", OWNER);
		assertThatExceptionOfType(TransitionNotAllowedException.class)
			.isThrownBy(() -> workflow.approve("v1", JUSTIFICATION, auditor));
	}

	@Test
	void aWithdrawnVersionIsEditableAgainAndForgetsItsSubmitter() {
		ApprovalWorkflow workflow = this.fixture.workflow();
		this.fixture.draftVersion("v1", "olga");
		workflow.submit("v1", OWNER);

		ResumeEntity withdrawn = workflow.withdraw("v1", OWNER);

		assertThat(withdrawn.fields()).containsEntry("lifecycleState", "draft").doesNotContainKey("submittedBy");
		assertThat(this.fixture.registry
			.update(this.v1, java.util.Map.of("model", "model-olga", "version", "1.1"), OWNER,
					withdrawn.revision().number())
			.fields()).containsEntry("version", "1.1").containsEntry("lifecycleState", "draft");
	}

	@Test
	void aFailingGuardBlocksApprovalWithItsReasonsAndRecordsNothing() {
		ApprovalWorkflow workflow = this.fixture.workflow((resume, actor) -> ApprovalGuard.Verdict.pass("completeness"),
				(resume, actor) -> new ApprovalGuard.Verdict("policy", false,
						List.of("fairness.equalized-odds failed")));
		this.fixture.draftVersion("v1", "olga");
		workflow.submit("v1", OWNER);
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> workflow.approve("v1", JUSTIFICATION, OFFICER))
			.satisfies((ex) -> assertThat(ex.verdicts()).extracting(ApprovalGuard.Verdict::passed)
				.containsExactly(true, false))
			.withMessageContaining("fairness.equalized-odds failed");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
		assertThat(this.fixture.registry.get(this.v1).fields()).containsEntry("lifecycleState", "submitted");
	}

	@Test
	void aGuardThatThrowsFailsClosed() {
		ApprovalWorkflow workflow = this.fixture.workflow((resume, actor) -> {
			throw new IllegalStateException("policy engine down");
		});
		this.fixture.draftVersion("v1", "olga");
		workflow.submit("v1", OWNER);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> workflow.approve("v1", JUSTIFICATION, OFFICER))
			.withMessageContaining("fails closed");
		assertThat(this.fixture.registry.get(this.v1).fields()).containsEntry("lifecycleState", "submitted");
	}

	@Test
	void aDecisionNeedsAJustificationOfTenCharacters() {
		ApprovalWorkflow workflow = this.fixture.workflow();
		this.fixture.draftVersion("v1", "olga");
		workflow.submit("v1", OWNER);

		assertThatExceptionOfType(InvalidResumeException.class)
			.isThrownBy(() -> workflow.reject("v1", "   too short   ", OFFICER))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("justification"));
		assertThat(this.fixture.registry.get(this.v1).fields()).containsEntry("lifecycleState", "submitted");
	}

}
