package dev.aigov.reports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.registry.SelfAssessment;
import dev.aigov.registry.SelfAssessmentChecklist.AdoptionMode;
import dev.aigov.registry.SelfAssessmentChecklist.Cell;
import dev.aigov.registry.SelfAssessmentChecklist.Dimension;
import dev.aigov.registry.SelfAssessmentChecklist.ReadinessArea;
import dev.aigov.registry.SelfAssessmentChecklist.Status;
import dev.aigov.registry.SelfAssessments;
import dev.aigov.reports.internal.SelfAssessmentReport;
import dev.aigov.signing.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The self-assessment report's content and HTML, from known revisions. */
class SelfAssessmentReportTests {

	private static final Cell POLICY = new Cell(Dimension.POLICY, null, null);

	private static final Cell TOOLS_DATA = new Cell(null, AdoptionMode.SOFTWARE_TOOLS, ReadinessArea.DATA);

	@Test
	void countsHistoryAndLabelsAreInTheContentAndTheSameInputsGiveTheSameBytes() {
		List<SelfAssessmentReport.Input> inputs = List.of(chatbot(), unassessed());
		byte[] first = JsonCanonicalizer.canonicalizeTree(SelfAssessmentReport.assemble(null, inputs));
		byte[] second = JsonCanonicalizer.canonicalizeTree(SelfAssessmentReport.assemble(null, inputs.reversed()));
		assertThat(second).isEqualTo(first);
		String json = new String(first, StandardCharsets.UTF_8);
		assertThat(json).contains("\"systemsAssessed\":1", "\"systems\":2",
				"\"counts\":{\"assessing\":1,\"not-assessed\":50,\"plan-in-place\":1}", "\"labelZhTw\":\"政策面\"",
				"\"modeZhTw\":\"直接使用軟體工具\"", "\"author\":\"olivia\"", "\"asOf\":\"2026-11-02T00:00:00Z\"");
	}

	@Test
	void theHtmlShowsTheGuidesWordingAndEscapesNotes() {
		String html = SelfAssessmentReport.html(SelfAssessmentReport.assemble("chatbot", List.of(chatbot())), "r-1");
		assertThat(html).contains("自我查核報告", "導入策略", "技術整備度", "已有方案", "評估中", "資策會", "&lt;script&gt;")
			.doesNotContain("<script>");
		assertThat(html).doesNotContain("Not yet assessed");
		String none = SelfAssessmentReport.html(SelfAssessmentReport.assemble(null, List.of(unassessed())), "r-2");
		assertThat(none).contains("尚未填寫", "Not yet assessed");
	}

	private static SelfAssessmentReport.Input chatbot() {
		RevisionInfo one = new RevisionInfo(ref(), 1, Instant.parse("2026-11-01T00:00:00Z"), "mona");
		RevisionInfo two = new RevisionInfo(ref(), 2, Instant.parse("2026-11-02T00:00:00Z"), "olivia");
		SelfAssessment first = new SelfAssessment("chatbot", one,
				Map.of(POLICY, new SelfAssessment.Entry(Status.ASSESSING, "<script>alert(1)</script>")));
		SelfAssessment now = new SelfAssessment("chatbot", two,
				Map.of(POLICY, new SelfAssessment.Entry(Status.PLAN_IN_PLACE, null), TOOLS_DATA,
						new SelfAssessment.Entry(Status.ASSESSING, null)));
		return new SelfAssessmentReport.Input(system("chatbot", "Chatbot"), now,
				List.of(new SelfAssessments.Revision(one, first,
						first.changesSince(SelfAssessment.unassessed("chatbot"))),
						new SelfAssessments.Revision(two, now, now.changesSince(first))));
	}

	private static SelfAssessmentReport.Input unassessed() {
		return new SelfAssessmentReport.Input(system("pilot", "Pilot"), SelfAssessment.unassessed("pilot"), List.of());
	}

	private static EntityRef ref() {
		return new EntityRef(Kind.SELF_ASSESSMENT, "chatbot");
	}

	private static ResumeEntity system(String id, String name) {
		EntityRef ref = new EntityRef(Kind.AI_SYSTEM, id);
		return new ResumeEntity(ref, new RevisionInfo(ref, 1, Instant.parse("2026-10-01T00:00:00Z"), "mona"),
				Map.of("name", name, "riskLevel", "limited", "owner", "mona"));
	}

}
