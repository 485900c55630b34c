package dev.aigov.web.reports;

import java.net.URI;

import dev.aigov.reports.ReportRenderingUnavailableException;
import dev.aigov.reports.SelfAssessmentReports;
import dev.aigov.reports.StoredReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Generates the self-assessment report of one AI system or all of them; it is then
 * listed, verified and downloaded like every report ({@link ReportsController}).
 */
@RestController
@Tag(name = "Reports")
class SelfAssessmentReportsController {

	private final SelfAssessmentReports reports;

	SelfAssessmentReportsController(SelfAssessmentReports reports) {
		this.reports = reports;
	}

	@PostMapping("/api/reports/self-assessments")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','ADMIN')")
	@Operation(
			summary = "Generate the self-assessment report (the guide's table 1 with its history), signed and "
					+ "stored",
			description = "For one AI system ('system') or, without it, every system. JSON "
					+ "(deterministic for the same revisions), HTML and PDF, in a JSF-signed manifest.")
	ResponseEntity<ReportsController.ReportView> generate(@RequestBody(required = false) Request request,
			Authentication authentication) {
		String system = (request == null || request.system() == null || request.system().isBlank()) ? null
				: request.system().strip();
		StoredReport report = this.reports.generate(system, authentication.getName());
		return ResponseEntity.created(URI.create("/api/reports/" + report.id()))
			.body(ReportsController.ReportView.of(report));
	}

	@ExceptionHandler(ReportRenderingUnavailableException.class)
	ProblemDetail renderingUnavailable(ReportRenderingUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Reports cannot be rendered");
		return problem;
	}

	/**
	 * Which system to report on.
	 *
	 * @param system an AI system's id; absent for every system
	 */
	record Request(String system) {
	}

}
