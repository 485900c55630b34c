package dev.aigov.registry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.SelfAssessment.Entry;
import dev.aigov.registry.SelfAssessmentChecklist.AdoptionMode;
import dev.aigov.registry.SelfAssessmentChecklist.Cell;
import dev.aigov.registry.SelfAssessmentChecklist.Dimension;
import dev.aigov.registry.SelfAssessmentChecklist.ReadinessArea;
import dev.aigov.registry.SelfAssessmentChecklist.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The self-assessment checklist on a real TDB2 résumé: history, as-of, diff, bad input.
 */
class SelfAssessmentsIntegrationTests {

	private static final Actor OFFICER = new Actor("olivia", Set.of(Role.COMPLIANCE_OFFICER));

	private static final Actor OWNER = new Actor("mona", Set.of(Role.MODEL_OWNER));

	private static final Actor OTHER_OWNER = new Actor("max", Set.of(Role.MODEL_OWNER));

	private static final Actor AUDITOR = new Actor("audrey", Set.of(Role.AUDITOR));

	private static final Cell DATA = new Cell(Dimension.DATA, null, null);

	private static final Cell API_BUDGET = new Cell(null, AdoptionMode.EXTERNAL_API, ReadinessArea.BUDGET);

	@TempDir
	Path dir;

	private GraphStores stores;

	private RegistryService registry;

	private SelfAssessments assessments;

	@BeforeEach
	void openStore() {
		this.stores = new GraphStores(new GraphStoreProperties(this.dir, null, null, null, null));
		this.registry = new RegistryService(this.stores);
		this.assessments = new SelfAssessments(this.registry);
		Map<String, Object> system = new LinkedHashMap<>();
		system.put("id", "chatbot");
		system.put("name", "客服聊天機器人");
		system.put("purpose", "Answer customer questions");
		system.put("riskLevel", "limited");
		system.put("owner", "mona");
		this.registry.create(Kind.AI_SYSTEM, system, OWNER);
	}

	@AfterEach
	void closeStore() {
		this.stores.close();
	}

	@Test
	void anUnsavedChecklistHasEveryCellNotAssessedAndNoHistory() {
		SelfAssessment checklist = this.assessments.current("chatbot");
		assertThat(checklist.revision()).isNull();
		assertThat(checklist.entries()).hasSize(26);
		assertThat(checklist.counts()).containsEntry(Status.NOT_ASSESSED, 26).containsEntry(Status.ASSESSING, 0);
		assertThat(this.assessments.history("chatbot")).isEmpty();
	}

	@Test
	void everySaveIsARevisionReadableAsOfItsTimeAndDiffedByCell() throws Exception {
		SelfAssessment first = this.assessments.save("chatbot", Map.of(DATA, new Entry(Status.ASSESSING, "盤點客服對話紀錄")),
				OWNER, 0);
		assertThat(first.revision().number()).isEqualTo(1);
		assertThat(first.revision().author()).isEqualTo("mona");
		Instant between = first.revision().at().plusNanos(500);
		Thread.sleep(2);
		SelfAssessment second = this.assessments.save("chatbot",
				Map.of(DATA, new Entry(Status.PLAN_IN_PLACE, null), API_BUDGET, new Entry(Status.ASSESSING, "FY2027")),
				OFFICER, 1);
		assertThat(second.revision().number()).isEqualTo(2);
		assertThat(second.counts(true)).containsEntry(Status.PLAN_IN_PLACE, 1).containsEntry(Status.NOT_ASSESSED, 5);
		assertThat(second.counts(false)).containsEntry(Status.ASSESSING, 1).containsEntry(Status.NOT_ASSESSED, 19);

		SelfAssessment then = this.assessments.asOf("chatbot", between);
		assertThat(then.revision().number()).isEqualTo(1);
		assertThat(then.entry(DATA)).isEqualTo(new Entry(Status.ASSESSING, "盤點客服對話紀錄"));
		assertThat(this.assessments.current("chatbot").entry(API_BUDGET).note()).isEqualTo("FY2027");

		List<SelfAssessments.Revision> history = this.assessments.history("chatbot");
		assertThat(history).extracting((revision) -> revision.info().author()).containsExactly("mona", "olivia");
		assertThat(history.get(0).changes()).extracting(SelfAssessment.Change::cell).containsExactly(DATA);
		assertThat(history.get(1).changes()).extracting(SelfAssessment.Change::cell).containsExactly(DATA, API_BUDGET);
		assertThat(this.assessments.diff("chatbot", 1, 2).get(0).before())
			.isEqualTo(new Entry(Status.ASSESSING, "盤點客服對話紀錄"));
		assertThatExceptionOfType(ResumeNotFoundException.class)
			.isThrownBy(() -> this.assessments.asOf("chatbot", first.revision().at().minusSeconds(60)));
	}

	@Test
	void aStaleRevisionIsRefusedAndChangesNothing() {
		this.assessments.save("chatbot", Map.of(DATA, new Entry(Status.ASSESSING, null)), OWNER, 0);
		long before = quadCount();
		assertThatExceptionOfType(ResumeConflictException.class).isThrownBy(() -> this.assessments.save("chatbot",
				Map.of(DATA, new Entry(Status.PLAN_IN_PLACE, null)), OFFICER, 0));
		assertThat(quadCount()).isEqualTo(before);
		assertThat(this.assessments.current("chatbot").entry(DATA).status()).isEqualTo(Status.ASSESSING);
	}

	@Test
	void unknownDimensionsModesAreasAndStatusesAreRefusedNamingTheField() {
		assertThat(invalidField(Map.of("strategy", Map.of("finance", Map.of("status", "assessing")))))
			.isEqualTo("strategy.finance");
		assertThat(invalidField(Map.of("readiness", Map.of("cloud", Map.of("budget", Map.of("status", "assessing"))))))
			.isEqualTo("readiness.cloud");
		assertThat(invalidField(
				Map.of("readiness", Map.of("external-api", Map.of("staffing", Map.of("status", "assessing"))))))
			.isEqualTo("readiness.external-api.staffing");
		assertThat(invalidField(Map.of("strategy", Map.of("data", Map.of("status", "done")))))
			.isEqualTo("strategy.data.status");
		assertThat(invalidField(Map.of("strategy", Map.of("data", Map.of("note", "x")))))
			.isEqualTo("strategy.data.status");
		assertThat(invalidField(
				Map.of("strategy", Map.of("data", Map.of("status", "assessing", "note", "x".repeat(2001))))))
			.isEqualTo("strategy.data.note");
		assertThat(invalidField(Map.of("matrix", Map.of()))).isEqualTo("matrix");
		assertThat(SelfAssessment
			.parse(Map.of("strategy", Map.of("data", Map.of("status", "plan-in-place", "note", "  ")))))
			.containsExactly(Map.entry(DATA, new Entry(Status.PLAN_IN_PLACE, null)));
	}

	@Test
	void onlyOfficersAndTheSystemsModelOwnersMayEditAndARefusalWritesNothing() {
		assertThat(this.assessments.mayEdit(OWNER, "chatbot")).isTrue();
		assertThat(this.assessments.mayEdit(OFFICER, "chatbot")).isTrue();
		assertThat(this.assessments.mayEdit(OTHER_OWNER, "chatbot")).isFalse();
		assertThat(this.assessments.mayEdit(AUDITOR, "chatbot")).isFalse();
		long before = quadCount();
		assertThatExceptionOfType(SelfAssessmentRefusedException.class)
			.isThrownBy(() -> this.assessments.save("chatbot", Map.of(), OTHER_OWNER, 0));
		assertThat(quadCount()).isEqualTo(before);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("id", "chatbot-model");
		model.put("name", "LLM");
		model.put("system", "chatbot");
		model.put("owner", "max");
		this.registry.create(Kind.MODEL, model, OTHER_OWNER);
		assertThat(this.assessments.mayEdit(OTHER_OWNER, "chatbot")).isTrue();
	}

	@Test
	void theChecklistIsNotWritableThroughTheGenericRegistryAndAnUnknownSystemIsNotFound() {
		assertThatExceptionOfType(InvalidResumeException.class)
			.isThrownBy(() -> this.registry.create(Kind.SELF_ASSESSMENT, Map.of("id", "chatbot"), OFFICER))
			.withMessageContaining("self-assessment checklist");
		assertThatExceptionOfType(ResumeNotFoundException.class)
			.isThrownBy(() -> this.assessments.save("nobody", Map.of(), OFFICER, 0));
		assertThatExceptionOfType(ResumeNotFoundException.class).isThrownBy(() -> this.assessments.current("nobody"));
	}

	@Test
	void theStoredGraphLinksTheChecklistToTheSystemWithStatusIris() {
		this.assessments.save("chatbot", Map.of(API_BUDGET, new Entry(Status.PLAN_IN_PLACE, null)), OWNER, 0);
		boolean linked = this.stores.store(GraphStores.LINEAGE)
			.read((connection) -> connection.queryAsk("PREFIX aigov: <https://aigov.dev/ns#> ASK { GRAPH ?g { "
					+ "<https://aigov.dev/id/self-assessment/chatbot> a aigov:SelfAssessment ; "
					+ "aigov:assessesSystem <https://aigov.dev/id/ai-system/chatbot> ; "
					+ "aigov:readinessExternalApiBudget <https://aigov.dev/ns#assessment-status/plan-in-place> } }"));
		assertThat(linked).isTrue();
	}

	private String invalidField(Map<String, ?> json) {
		long before = quadCount();
		try {
			this.assessments.save("chatbot", SelfAssessment.parse(json), OFFICER, 0);
		}
		catch (InvalidResumeException ex) {
			assertThat(quadCount()).isEqualTo(before);
			return ex.field();
		}
		throw new AssertionError("accepted " + json);
	}

	private long quadCount() {
		return this.stores.store(GraphStores.LINEAGE).read((connection) -> {
			long[] count = { -1 };
			connection.querySelect("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
					(row) -> count[0] = row.getLiteral("n").getLong());
			return count[0];
		});
	}

}
