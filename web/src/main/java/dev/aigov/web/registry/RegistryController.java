package dev.aigov.web.registry;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.RevisionDiff;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.web.problem.RequestValues;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Résumé entities of every kind ({@code ai-systems}, {@code model-versions},
 * {@code dataset-versions}, ...). Every write is a new revision; reads take an optional
 * {@code asOf} instant. The ETag of an entity is its revision number; send it back in
 * {@code If-Match} to update only what you read.
 */
@RestController
@RequestMapping("/api/registry")
@Tag(name = "Registry", description = "The AI production résumé: entities and their revisions")
class RegistryController {

	private final RegistryService registry;

	RegistryController(RegistryService registry) {
		this.registry = registry;
	}

	@GetMapping("/{kind}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "List the entities of a kind as they are now")
	List<EntityView> list(@PathVariable String kind, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		return this.registry.list(Kind.fromSegment(kind), offset, limit).stream().map(EntityView::of).toList();
	}

	@PostMapping("/{kind}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Register a new entity", description = "The body holds 'id' and the kind's fields.")
	ResponseEntity<EntityView> create(@PathVariable String kind, @RequestBody Map<String, Object> fields,
			Authentication authentication) {
		Kind parsed = Kind.fromSegment(kind);
		Actor actor = Actors.of(authentication);
		requireMayRegister(actor, parsed);
		ResumeEntity created = this.registry.create(parsed, fields, actor);
		return ResponseEntity.created(URI.create("/api/registry/" + kind + "/" + created.ref().id()))
			.eTag(etag(created))
			.body(EntityView.of(created));
	}

	@GetMapping("/{kind}/{id}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Read an entity, now or as of an instant")
	ResponseEntity<EntityView> get(@PathVariable String kind, @PathVariable String id,
			@RequestParam(required = false) String asOf) {
		ResumeEntity entity = this.registry.get(new EntityRef(Kind.fromSegment(kind), id), instant(asOf));
		return ResponseEntity.ok().eTag(etag(entity)).body(EntityView.of(entity));
	}

	@PutMapping("/{kind}/{id}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Record a new revision", description = "The body replaces all fields. "
			+ "Send If-Match with the ETag you read to refuse the write if someone changed it since.")
	ResponseEntity<EntityView> update(@PathVariable String kind, @PathVariable String id,
			@RequestBody Map<String, Object> fields, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Authentication authentication) {
		Kind parsed = Kind.fromSegment(kind);
		Actor actor = Actors.of(authentication);
		requireMayRegister(actor, parsed);
		if (fields.get("id") != null && !id.equals(fields.get("id"))) {
			throw new InvalidResumeException("id", "The body's id '" + fields.get("id") + "' differs from the URL's '"
					+ id + "'; an id never changes.");
		}
		ResumeEntity updated = this.registry.update(new EntityRef(parsed, id), fields, actor, revision(ifMatch));
		return ResponseEntity.ok().eTag(etag(updated)).body(EntityView.of(updated));
	}

	@GetMapping("/{kind}/{id}/revisions")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "The entity's revisions, oldest first")
	List<RevisionView> revisions(@PathVariable String kind, @PathVariable String id) {
		return this.registry.revisions(new EntityRef(Kind.fromSegment(kind), id))
			.stream()
			.map(RevisionView::of)
			.toList();
	}

	@GetMapping("/{kind}/{id}/revisions/{number}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "One revision of the entity")
	EntityView revision(@PathVariable String kind, @PathVariable String id, @PathVariable int number) {
		return EntityView.of(this.registry.revision(new EntityRef(Kind.fromSegment(kind), id), number));
	}

	@GetMapping("/{kind}/{id}/diff")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Compare two revisions field by field",
			description = "Without 'from', compares revision 'to' with the one before it.")
	RevisionDiff diff(@PathVariable String kind, @PathVariable String id, @RequestParam(required = false) Integer from,
			@RequestParam int to) {
		int older = (from != null) ? from : to - 1;
		return this.registry.diff(new EntityRef(Kind.fromSegment(kind), id), older, to);
	}

	private static void requireMayRegister(Actor actor, Kind kind) {
		if (!actor.mayRegister(kind)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"Your role may not register a " + kind.segment() + ".");
			problem.setTitle("Forbidden");
			throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
		}
	}

	static Instant instant(String asOf) {
		return RequestValues.instant("asOf", asOf);
	}

	static String etag(ResumeEntity entity) {
		return "\"" + entity.revision().number() + "\"";
	}

	private static Integer revision(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String value = ifMatch.strip().replace("W/", "").replace("\"", "");
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidResumeException("If-Match", "If-Match must be the ETag you read, e.g. \"3\".");
		}
	}

	/** An entity as the API shows it. */
	record EntityView(String kind, String id, String iri, RevisionView revision, Map<String, Object> fields) {

		static EntityView of(ResumeEntity entity) {
			return new EntityView(entity.ref().kind().segment(), entity.ref().id(), entity.ref().iri(),
					RevisionView.of(entity.revision()), new LinkedHashMap<>(entity.fields()));
		}

	}

	/** A revision as the API shows it. */
	record RevisionView(int number, Instant at, String author) {

		static RevisionView of(RevisionInfo info) {
			return new RevisionView(info.number(), info.at(), info.author());
		}

	}

}
