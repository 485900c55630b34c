package dev.aigov.web.registry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.Actor;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.SelfAssessment;
import dev.aigov.registry.SelfAssessmentChecklist.Cell;
import dev.aigov.registry.SelfAssessments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An AI system's self-assessment checklist (the guide's table 1). The ETag is the
 * checklist's revision, {@code "0"} before its first save; a save must send it back in
 * {@code If-Match} and is refused with 409 when someone saved in between.
 */
@RestController
@RequestMapping("/api/registry/ai-systems/{id}/self-assessment")
@Tag(name = "Self-assessment", description = "The guide's self-assessment checklist per AI system, with history")
class SelfAssessmentController {

	private final SelfAssessments assessments;

	SelfAssessmentController(SelfAssessments assessments) {
		this.assessments = assessments;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Read the checklist, now or as of an instant")
	ResponseEntity<Map<String, Object>> get(@PathVariable String id, @RequestParam(required = false) String asOf) {
		Instant at = RegistryController.instant(asOf);
		SelfAssessment checklist = (at != null) ? this.assessments.asOf(id, at) : this.assessments.current(id);
		return ResponseEntity.ok().eTag(etag(checklist)).body(view(checklist));
	}

	@PutMapping
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER')")
	@Operation(summary = "Save a new revision of the checklist",
			description = "The body holds 'strategy' and 'readiness' as GET returns them; cells left out are "
					+ "not assessed. If-Match must carry the ETag you read.")
	ResponseEntity<Map<String, Object>> save(@PathVariable String id, @RequestBody Map<String, Object> body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication authentication) {
		Actor actor = Actors.of(authentication);
		int expected = revision(ifMatch);
		Map<Cell, SelfAssessment.Entry> entries = SelfAssessment.parse(body);
		if (!this.assessments.mayEdit(actor, id)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"Only compliance officers and the model owners of " + id + " may edit its self-assessment.");
			problem.setTitle("Forbidden");
			throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
		}
		SelfAssessment saved = this.assessments.save(id, entries, actor, expected);
		return ResponseEntity.ok().eTag(etag(saved)).body(view(saved));
	}

	@GetMapping("/revisions")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Every saved revision, oldest first, with the cells it changed")
	List<Map<String, Object>> history(@PathVariable String id) {
		return this.assessments.history(id).stream().map((revision) -> {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("number", revision.info().number());
			view.put("at", revision.info().at());
			view.put("author", revision.info().author());
			view.put("changes", changes(revision.changes()));
			return view;
		}).toList();
	}

	@GetMapping("/revisions/{number}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "One saved revision of the checklist")
	ResponseEntity<Map<String, Object>> revision(@PathVariable String id, @PathVariable int number) {
		SelfAssessment checklist = this.assessments.revision(id, number);
		return ResponseEntity.ok().eTag(etag(checklist)).body(view(checklist));
	}

	@GetMapping("/diff")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "The cells that differ between two revisions",
			description = "Without 'from', compares revision 'to' with the one before it.")
	List<Map<String, Object>> diff(@PathVariable String id, @RequestParam(required = false) Integer from,
			@RequestParam int to) {
		return changes(this.assessments.diff(id, (from != null) ? from : to - 1, to));
	}

	/** The checklist in the shape a save takes, plus its revision and counts. */
	static Map<String, Object> view(SelfAssessment checklist) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("system", checklist.system());
		view.put("revision",
				(checklist.revision() != null) ? RegistryController.RevisionView.of(checklist.revision()) : null);
		Map<String, Object> strategy = new LinkedHashMap<>();
		Map<String, Map<String, Object>> readiness = new LinkedHashMap<>();
		checklist.entries().forEach((cell, entry) -> {
			if (cell.strategy()) {
				strategy.put(cell.dimension().key(), entry(entry));
			}
			else {
				readiness.computeIfAbsent(cell.mode().key(), (key) -> new LinkedHashMap<>())
					.put(cell.area().key(), entry(entry));
			}
		});
		view.put("strategy", strategy);
		view.put("readiness", readiness);
		Map<String, Integer> counts = new LinkedHashMap<>();
		checklist.counts().forEach((status, count) -> counts.put(status.key(), count));
		view.put("counts", counts);
		return view;
	}

	private static Map<String, Object> entry(SelfAssessment.Entry entry) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("status", entry.status().key());
		if (entry.note() != null) {
			view.put("note", entry.note());
		}
		return view;
	}

	private static List<Map<String, Object>> changes(List<SelfAssessment.Change> changes) {
		return changes.stream().map((change) -> {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("cell", change.cell().id());
			view.put("before", entry(change.before()));
			view.put("after", entry(change.after()));
			return view;
		}).toList();
	}

	private static String etag(SelfAssessment checklist) {
		return "\"" + ((checklist.revision() != null) ? checklist.revision().number() : 0) + "\"";
	}

	private static int revision(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new InvalidResumeException("If-Match", "If-Match must carry the ETag you read (\"0\" before the "
					+ "first save), so that a save never overwrites one you have not seen.");
		}
		try {
			return Integer.parseInt(ifMatch.strip().replace("W/", "").replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw new InvalidResumeException("If-Match", "If-Match must be the ETag you read, e.g. \"3\".");
		}
	}

}
