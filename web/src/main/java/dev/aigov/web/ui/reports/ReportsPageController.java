package dev.aigov.web.ui.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.aigov.reports.ManifestVerification;
import dev.aigov.reports.OperationsScope;
import dev.aigov.reports.ReportNotFoundException;
import dev.aigov.reports.ReportRenderingUnavailableException;
import dev.aigov.reports.ReportService;
import dev.aigov.reports.StoredReport;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.web.ui.UiFormats;
import dev.aigov.web.ui.registry.Inventory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The stored reports with their files and manifest verification, and generating a model
 * dossier or an operations report through {@link ReportService}, as the API does. Files
 * are downloaded from the API's file endpoint, which checks them against the manifest
 * first.
 */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','ADMIN')")
class ReportsPageController {

	private final ReportService reports;

	private final Inventory inventory;

	private final UiFormats formats;

	private final MessageSource messages;

	ReportsPageController(ReportService reports, Inventory inventory, UiFormats formats, MessageSource messages) {
		this.reports = reports;
		this.inventory = inventory;
		this.formats = formats;
		this.messages = messages;
	}

	@GetMapping("/reports")
	String reports(@RequestParam(required = false) String verify, Model model) {
		List<StoredReport> stored = this.reports.list();
		model.addAttribute("reports", stored);
		model.addAttribute("versions", this.inventory.read().rows());
		LocalDate today = LocalDate.now(this.formats.zone());
		model.addAttribute("defaultFrom", today.minusDays(30).toString());
		model.addAttribute("defaultTo", today.plusDays(1).toString());
		if (verify != null && stored.stream().anyMatch((r) -> r.id().equals(verify))) {
			ManifestVerification verification = this.reports.verify(verify);
			model.addAttribute("verifiedId", verify);
			model.addAttribute("verification", verification);
		}
		return "reports/reports";
	}

	@PostMapping("/reports/model-dossiers")
	String dossier(@RequestParam(required = false) String modelVersion, Authentication authentication,
			RedirectAttributes redirect) {
		if (modelVersion == null || modelVersion.isBlank()) {
			redirect.addFlashAttribute("flashError", message("reports.pickVersion"));
			return "redirect:/reports";
		}
		return generate(redirect,
				() -> this.reports.generateDossier(modelVersion.trim(), null, authentication.getName()));
	}

	@PostMapping("/reports/operations")
	String operations(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			Authentication authentication, RedirectAttributes redirect) {
		Instant start;
		Instant end;
		try {
			start = LocalDate.parse(String.valueOf(from)).atStartOfDay(this.formats.zone()).toInstant();
			end = LocalDate.parse(String.valueOf(to)).atStartOfDay(this.formats.zone()).toInstant();
		}
		catch (DateTimeParseException ex) {
			redirect.addFlashAttribute("flashError", message("reports.badPeriod"));
			return "redirect:/reports";
		}
		return generate(redirect, () -> this.reports.generateOperations(new OperationsScope(start, end, null, null),
				authentication.getName()));
	}

	private String generate(RedirectAttributes redirect, java.util.function.Supplier<StoredReport> generation) {
		try {
			StoredReport report = generation.get();
			redirect.addFlashAttribute("flash", message("reports.generated", report.title()));
			return "redirect:/reports?verify=" + report.id();
		}
		catch (IllegalArgumentException | ResumeNotFoundException | ReportNotFoundException
				| ReportRenderingUnavailableException ex) {
			redirect.addFlashAttribute("flashError", message("reports.failed", ex.getMessage()));
			return "redirect:/reports";
		}
	}

	private String message(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}
