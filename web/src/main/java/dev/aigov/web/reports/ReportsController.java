package dev.aigov.web.reports;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.aigov.reports.ManifestVerification;
import dev.aigov.reports.OperationsScope;
import dev.aigov.reports.ReportFile;
import dev.aigov.reports.ReportManifests;
import dev.aigov.reports.ReportNotFoundException;
import dev.aigov.reports.ReportRenderingUnavailableException;
import dev.aigov.reports.ReportService;
import dev.aigov.reports.StoredReport;
import dev.aigov.web.problem.RequestValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exported reports: a model version's dossier along EU AI Act Annex IV, the operations
 * audit report of a period. Each is JSON, HTML and PDF with a signed manifest; generating
 * one is published as an event for the audit log.
 */
@RestController
@Tag(name = "Reports", description = "Signed model dossiers and operations audit reports")
class ReportsController {

	private static final String READERS = "hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','ADMIN')";

	private final ReportService reports;

	ReportsController(ReportService reports) {
		this.reports = reports;
	}

	@PostMapping("/api/reports/model-dossiers")
	@PreAuthorize(READERS)
	@Operation(summary = "Generate a model version's dossier (EU AI Act Annex IV), signed and stored",
			description = "JSON (deterministic for the same résumé revision), HTML, PDF and the signed ML-BOM, "
					+ "listed with their SHA-256 in a JSF-signed manifest.")
	ResponseEntity<ReportView> dossier(@RequestBody(required = false) DossierRequest request,
			Authentication authentication) {
		if (request == null || request.modelVersion() == null || request.modelVersion().isBlank()) {
			throw new IllegalArgumentException("'modelVersion' is required: the id of the model version to document.");
		}
		StoredReport report = this.reports.generateDossier(request.modelVersion(),
				RequestValues.instant("asOf", request.asOf()), authentication.getName());
		return created(report);
	}

	@PostMapping("/api/reports/operations")
	@PreAuthorize(READERS)
	@Operation(summary = "Generate the operations audit report of a period, signed and stored",
			description = "Without a connected audit source the report says so and carries no figures.")
	ResponseEntity<ReportView> operations(@RequestBody(required = false) OperationsRequest request,
			Authentication authentication) {
		if (request == null) {
			throw new IllegalArgumentException("'from' and 'to' are required.");
		}
		Instant from = RequestValues.instant("from", request.from());
		Instant to = RequestValues.instant("to", request.to());
		if (from == null || to == null) {
			throw new IllegalArgumentException("'from' and 'to' are required, as instants like 2026-11-01T00:00:00Z.");
		}
		OperationsScope scope = new OperationsScope(from, to, blankToNull(request.application()),
				blankToNull(request.modelVersion()));
		return created(this.reports.generateOperations(scope, authentication.getName()));
	}

	@GetMapping("/api/reports")
	@PreAuthorize(READERS)
	@Operation(summary = "The stored reports, newest first")
	List<ReportView> list() {
		return this.reports.list().stream().map(ReportView::of).toList();
	}

	@GetMapping("/api/reports/{id}")
	@PreAuthorize(READERS)
	@Operation(summary = "A stored report as its signed manifest describes it")
	ReportView get(@PathVariable String id) {
		return this.reports.find(id).map(ReportView::of).orElseThrow(() -> notFound(id));
	}

	@GetMapping("/api/reports/{id}/verification")
	@PreAuthorize(READERS)
	@Operation(summary = "Verify a stored report: the manifest's signature with this appliance's keys, every "
			+ "file's SHA-256")
	VerificationView verify(@PathVariable String id) {
		ManifestVerification verification = this.reports.verify(id);
		return new VerificationView(verification.valid(), verification);
	}

	@GetMapping("/api/reports/{id}/files/{name}")
	@PreAuthorize(READERS)
	@Operation(summary = "Download a file of a report (manifest.json included)",
			description = "The bytes are checked against the manifest before they are sent.")
	ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String name) {
		StoredReport report = this.reports.find(id).orElseThrow(() -> notFound(id));
		String mediaType = ReportManifests.MANIFEST.equals(name) ? "application/json"
				: report.file(name)
					.map(ReportFile::mediaType)
					.orElseThrow(() -> new ReportNotFoundException("No file '" + name + "' in report '" + id + "'."));
		byte[] content = this.reports.content(id, name);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(mediaType))
			.header("Content-Disposition", ContentDisposition.attachment().filename(id + "-" + name).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(content);
	}

	@ExceptionHandler(ReportNotFoundException.class)
	ProblemDetail notFound(ReportNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found");
		return problem;
	}

	@ExceptionHandler(ReportRenderingUnavailableException.class)
	ProblemDetail renderingUnavailable(ReportRenderingUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Reports cannot be rendered");
		return problem;
	}

	/**
	 * A source the report needs cannot answer (Elasticsearch down, the governance
	 * evaluation ended in error): nothing was stored, and the caller may try again.
	 */
	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail sourceUnavailable(IllegalStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("A source of the report cannot answer");
		return problem;
	}

	private static ReportNotFoundException notFound(String id) {
		return new ReportNotFoundException("No report '" + id + "'.");
	}

	private static ResponseEntity<ReportView> created(StoredReport report) {
		return ResponseEntity.created(URI.create("/api/reports/" + report.id())).body(ReportView.of(report));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * Which model version to document.
	 *
	 * @param modelVersion the model version's id
	 * @param asOf an instant to document the résumé as it was then; absent for now
	 */
	record DossierRequest(String modelVersion, String asOf) {
	}

	/**
	 * Which period to report on.
	 *
	 * @param from first instant included
	 * @param to first instant after the period
	 * @param application only this application, or all
	 * @param modelVersion only this model version, or all
	 */
	record OperationsRequest(String from, String to, String application, String modelVersion) {
	}

	/**
	 * A stored report.
	 *
	 * @param id its id
	 * @param type {@code model-dossier} or {@code operations}
	 * @param subject the model version, or the period
	 * @param title its title
	 * @param generatedAt when
	 * @param generatedBy who asked for it
	 * @param keyId the key that signed its manifest
	 * @param files its files with their SHA-256 and download links
	 */
	record ReportView(String id, String type, String subject, String title, Instant generatedAt, String generatedBy,
			String keyId, List<FileView> files) {

		static ReportView of(StoredReport report) {
			List<FileView> files = new java.util.ArrayList<>();
			files.add(new FileView(ReportManifests.MANIFEST, "application/json", null, null,
					"/api/reports/" + report.id() + "/files/" + ReportManifests.MANIFEST));
			report.files()
				.forEach((file) -> files.add(new FileView(file.name(), file.mediaType(), file.size(), file.sha256(),
						"/api/reports/" + report.id() + "/files/" + file.name())));
			return new ReportView(report.id(), report.type().slug(), report.subject(), report.title(),
					report.generatedAt(), report.generatedBy(), report.keyId(), files);
		}

	}

	/**
	 * A file of a report.
	 *
	 * @param name its name
	 * @param mediaType its media type
	 * @param size its length in bytes (absent for the manifest)
	 * @param sha256 its SHA-256 as the manifest lists it (absent for the manifest)
	 * @param href where to download it
	 */
	record FileView(String name, String mediaType, Long size, String sha256, String href) {
	}

	/**
	 * A report's verification.
	 *
	 * @param valid whether the signature and every file verify
	 * @param details the signature's verdict and each file's check
	 */
	record VerificationView(boolean valid, ManifestVerification details) {
	}

}
