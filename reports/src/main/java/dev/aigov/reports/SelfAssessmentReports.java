package dev.aigov.reports;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.SelfAssessments;
import dev.aigov.reports.internal.PdfRenderer;
import dev.aigov.reports.internal.ReportStore;
import dev.aigov.reports.internal.SelfAssessmentReport;
import dev.aigov.signing.JsonCanonicalizer;

import org.springframework.stereotype.Service;

/**
 * Generates the self-assessment report (issue 10 item 3) for one AI system or all of
 * them, stored, signed and audited like every other report through {@link ReportService}.
 */
@Service
public class SelfAssessmentReports {

	private final ReportService reports;

	private final RegistryService registry;

	private final SelfAssessments assessments;

	private final Clock clock = Clock.systemUTC();

	public SelfAssessmentReports(ReportService reports, RegistryService registry, SelfAssessments assessments) {
		this.reports = reports;
		this.registry = registry;
		this.assessments = assessments;
	}

	/**
	 * The report's content as its JSON carries it: canonical JSON (RFC 8785), UTF-8.
	 * @param system an AI system's id, or {@code null} for every system
	 * @throws dev.aigov.registry.ResumeNotFoundException if there is no such system
	 */
	public byte[] json(String system) {
		return JsonCanonicalizer.canonicalizeTree(content(system));
	}

	/**
	 * Generates, signs and stores the report.
	 * @param system an AI system's id, or {@code null} for every system
	 * @param requestedBy who asks for it
	 * @return the stored report
	 * @throws dev.aigov.registry.ResumeNotFoundException if there is no such system;
	 * nothing is stored
	 * @throws ReportRenderingUnavailableException if no CJK font is available for the
	 * PDF; nothing is stored
	 */
	public StoredReport generate(String system, String requestedBy) {
		PdfRenderer renderer = this.reports.pdf();
		Map<String, Object> content = content(system);
		java.time.Instant now = this.clock.instant();
		String id = this.reports.newId(ReportType.SELF_ASSESSMENT, now);
		String html = SelfAssessmentReport.html(content, id);
		Map<String, ReportStore.Content> files = ReportStore.files();
		files.put(ReportService.JSON,
				new ReportStore.Content("application/json", JsonCanonicalizer.canonicalizeTree(content)));
		files.put(ReportService.HTML,
				new ReportStore.Content("text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8)));
		files.put(ReportService.PDF, new ReportStore.Content("application/pdf", renderer.render(html)));
		String subject = (system != null) ? system : "all";
		return this.reports.store(new StoredReport(id, ReportType.SELF_ASSESSMENT, subject,
				ReportType.SELF_ASSESSMENT.title() + ": " + subject, now, requestedBy, null, List.of()), files);
	}

	private Map<String, Object> content(String system) {
		List<ResumeEntity> systems = new ArrayList<>();
		if (system != null) {
			systems.add(this.registry.get(new EntityRef(Kind.AI_SYSTEM, system)));
		}
		else {
			systems.addAll(this.registry.listAll(Kind.AI_SYSTEM));
		}
		List<SelfAssessmentReport.Input> inputs = new ArrayList<>();
		for (ResumeEntity entity : systems) {
			String id = entity.ref().id();
			inputs.add(
					new SelfAssessmentReport.Input(entity, this.assessments.current(id), this.assessments.history(id)));
		}
		return SelfAssessmentReport.assemble(system, inputs);
	}

}
