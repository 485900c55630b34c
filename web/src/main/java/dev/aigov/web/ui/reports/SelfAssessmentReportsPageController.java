package dev.aigov.web.ui.reports;

import java.util.List;

import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.reports.ReportRenderingUnavailableException;
import dev.aigov.reports.SelfAssessmentReports;
import dev.aigov.reports.StoredReport;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Generates the self-assessment report from the reports page, for one AI system or all of
 * them; the page then lists and verifies it like every report.
 */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','ADMIN')")
class SelfAssessmentReportsPageController {

	private final SelfAssessmentReports reports;

	private final MessageSource messages;

	SelfAssessmentReportsPageController(SelfAssessmentReports reports, MessageSource messages) {
		this.reports = reports;
		this.messages = messages;
	}

	@PostMapping("/reports/self-assessments")
	String generate(@RequestParam(required = false) String system, Authentication authentication,
			RedirectAttributes redirect) {
		try {
			StoredReport report = this.reports.generate((system == null || system.isBlank()) ? null : system.strip(),
					authentication.getName());
			redirect.addFlashAttribute("flash", message("reports.generated", report.title()));
			return "redirect:/reports?verify=" + report.id();
		}
		catch (IllegalArgumentException | ResumeNotFoundException | ReportRenderingUnavailableException ex) {
			redirect.addFlashAttribute("flashError", message("reports.failed", ex.getMessage()));
			return "redirect:/reports";
		}
	}

	private String message(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

	/** The AI systems the reports page offers for a self-assessment report. */
	@ControllerAdvice(assignableTypes = ReportsPageController.class)
	static class AiSystems {

		private final RegistryService registry;

		AiSystems(RegistryService registry) {
			this.registry = registry;
		}

		@ModelAttribute("aiSystems")
		List<ResumeEntity> aiSystems() {
			return this.registry.list(Kind.AI_SYSTEM, 0, 1000);
		}

	}

}
