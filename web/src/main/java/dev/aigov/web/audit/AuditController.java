package dev.aigov.web.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.aigov.audit.AuditPage;
import dev.aigov.audit.AuditPipeline;
import dev.aigov.audit.AuditQuery;
import dev.aigov.audit.AuditSearch;
import dev.aigov.audit.AuditStatistics;
import dev.aigov.audit.AuditStatus;
import dev.aigov.audit.AuditVerification;
import dev.aigov.audit.AuditVerifier;
import dev.aigov.web.problem.RequestValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inference and administrative audit log: search with paging, statistics for
 * dashboards, verification of the hash chains and signed checkpoints, and the pipeline's
 * status. Read-only; auditors, compliance officers and administrators only.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Search, statistics and verification of the tamper-evident audit log")
class AuditController {

	private static final String READERS = "hasAnyRole('AUDITOR','COMPLIANCE_OFFICER','ADMIN')";

	private final AuditSearch search;

	private final AuditVerifier verifier;

	private final AuditPipeline pipeline;

	AuditController(AuditSearch search, AuditVerifier verifier, AuditPipeline pipeline) {
		this.search = search;
		this.verifier = verifier;
		this.pipeline = pipeline;
	}

	@GetMapping("/records")
	@PreAuthorize(READERS)
	@Operation(summary = "Search audit records, newest first",
			description = "Every filter is optional. Page on with the 'next' token of the previous page as 'after'.")
	AuditPage records(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String category, @RequestParam(required = false) String application,
			@RequestParam(required = false) String user, @RequestParam(required = false) String model,
			@RequestParam(required = false) String decision, @RequestParam(required = false) String rule,
			@RequestParam(required = false) String detector, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String after) {
		return this.search.search(new AuditQuery(RequestValues.instant("from", from), RequestValues.instant("to", to),
				category, application, user, model, decision, rule, detector, q, size, after));
	}

	@GetMapping("/statistics")
	@PreAuthorize(READERS)
	@Operation(summary = "Calls, blocks and redactions over time; top rules, models, applications, detector types")
	AuditStatistics statistics(@RequestParam String from, @RequestParam String to,
			@RequestParam(defaultValue = "PT1H") String interval) {
		return this.search.statistics(required("from", from), required("to", to), duration("interval", interval));
	}

	@GetMapping("/verification")
	@PreAuthorize(READERS)
	@Operation(summary = "Verify the hash chains and signed checkpoints of a time range",
			description = "Names every record that was modified, deleted, inserted or reordered.")
	AuditVerification verification(@RequestParam String from, @RequestParam String to) {
		return this.verifier.verify(required("from", from), required("to", to));
	}

	@GetMapping("/status")
	@PreAuthorize("hasAnyRole('AUDITOR','ADMIN')")
	@Operation(summary = "The journal and shipping status: writable, backlog, lag, last error")
	AuditStatus status() {
		return this.pipeline.status();
	}

	/** Elasticsearch cannot answer: the records are safe in the journal, try later. */
	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail unavailable(IllegalStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The audit index cannot be read right now; records are kept in the journal. Try again later.");
		problem.setTitle("Audit index unavailable");
		return problem;
	}

	private static Instant required(String name, String value) {
		Instant instant = RequestValues.instant(name, value);
		if (instant == null) {
			throw new IllegalArgumentException("'" + name + "' is required, e.g. 2026-11-23T10:15:30Z");
		}
		return instant;
	}

	private static Duration duration(String name, String value) {
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 duration such as PT1H or P1D");
		}
	}

}
