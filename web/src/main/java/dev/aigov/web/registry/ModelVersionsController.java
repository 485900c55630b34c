package dev.aigov.web.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.CompletenessReport;
import dev.aigov.registry.CompletenessService;
import dev.aigov.registry.FairnessEvaluations;
import dev.aigov.registry.fairness.FairnessReport;
import dev.aigov.registry.fairness.PredictionsCsvSpec;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A model version's whole résumé, and its approval workflow.
 */
@RestController
@RequestMapping("/api/registry/model-versions/{id}")
@Tag(name = "Model versions", description = "The résumé of a model version and its approval workflow")
class ModelVersionsController {

	static final MediaType TURTLE = MediaType.parseMediaType("text/turtle");

	static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

	static final MediaType N_QUADS = MediaType.parseMediaType("application/n-quads");

	private final ResumeReader reader;

	private final ApprovalWorkflow workflow;

	private final CompletenessService completeness;

	private final FairnessEvaluations fairness;

	ModelVersionsController(ResumeReader reader, ApprovalWorkflow workflow, CompletenessService completeness,
			FairnessEvaluations fairness) {
		this.reader = reader;
		this.workflow = workflow;
		this.completeness = completeness;
		this.fairness = fairness;
	}

	@GetMapping(path = "/resume", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "The complete résumé, now or as of an instant",
			description = "Also as Turtle, JSON-LD or N-Quads (Accept: text/turtle, application/ld+json, "
					+ "application/n-quads).")
	ResumeView resume(@PathVariable String id, @RequestParam(required = false) String asOf) {
		Resume resume = this.reader.read(id, RegistryController.instant(asOf));
		List<RegistryController.EntityView> entities = new ArrayList<>();
		resume.all().forEach((entity) -> entities.add(RegistryController.EntityView.of(entity)));
		return new ResumeView(id, resume.asOf(), entities);
	}

	@GetMapping(path = "/resume", produces = { "text/turtle", "application/ld+json", "application/n-quads" })
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	ResponseEntity<String> resumeRdf(@PathVariable String id, @RequestParam(required = false) String asOf,
			@org.springframework.web.bind.annotation.RequestHeader("Accept") String accept) {
		Resume resume = this.reader.read(id, RegistryController.instant(asOf));
		MediaType type = MediaType.parseMediaTypes(accept)
			.stream()
			.filter((candidate) -> candidate.isCompatibleWith(TURTLE) || candidate.isCompatibleWith(JSON_LD)
					|| candidate.isCompatibleWith(N_QUADS))
			.findFirst()
			.orElse(TURTLE);
		String format = type.isCompatibleWith(JSON_LD) ? "jsonld"
				: type.isCompatibleWith(N_QUADS) ? "nquads" : "turtle";
		MediaType produced = switch (format) {
			case "jsonld" -> JSON_LD;
			case "nquads" -> N_QUADS;
			default -> TURTLE;
		};
		return ResponseEntity.ok()
			.contentType(new MediaType(produced, java.nio.charset.StandardCharsets.UTF_8))
			.body(this.reader.export(resume, format));
	}

	@GetMapping("/completeness")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "SHACL completeness along the ten development steps, now or as of an instant",
			description = "Violations block approval; warnings do not. Messages in English and zh-TW.")
	CompletenessReport completeness(@PathVariable String id, @RequestParam(required = false) String asOf) {
		return this.completeness.check(id, RegistryController.instant(asOf));
	}

	@PostMapping(path = "/fairness-evaluations", consumes = { "text/csv", "text/plain", "application/octet-stream" })
	@PreAuthorize("hasAnyRole('MODEL_OWNER','COMPLIANCE_OFFICER','ADMIN')")
	@Operation(summary = "Upload predictions; the appliance computes and records a fairness evaluation",
			description = "CSV with a header row. 'groups' names the protected-attribute column(s) (several are "
					+ "intersected), 'label' the true outcome, and either 'prediction' or 'score' with 'threshold'. "
					+ "'favourable' is the label value counted as positive; 'privileged' the reference group for "
					+ "AIF360's pairwise metrics.")
	ResponseEntity<FairnessView> fairness(@PathVariable String id, @RequestParam List<String> groups,
			@RequestParam String label, @RequestParam(required = false) String prediction,
			@RequestParam(required = false) String score, @RequestParam(required = false) Double threshold,
			@RequestParam(defaultValue = "1") String favourable, @RequestParam(required = false) String privileged,
			@RequestParam(required = false) String dataset, @RequestParam(required = false) String evaluationId,
			jakarta.servlet.http.HttpServletRequest request, Authentication authentication) throws java.io.IOException {
		PredictionsCsvSpec spec;
		try {
			spec = (score != null) ? PredictionsCsvSpec.forScores(groups, label, score,
					(threshold != null) ? threshold : Double.NaN, favourable)
					: PredictionsCsvSpec.forPredictions(groups, label, prediction, favourable);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new dev.aigov.registry.InvalidResumeException("spec", "Cannot read the predictions: "
					+ ((ex.getMessage() != null) ? ex.getMessage() : "name 'prediction', or 'score' and 'threshold'."));
		}
		if (privileged != null) {
			spec = spec.withPrivilegedGroup(privileged);
		}
		FairnessEvaluations.Result result = this.fairness.evaluate(id, evaluationId, dataset, request.getInputStream(),
				spec, Actors.of(authentication));
		return ResponseEntity
			.created(java.net.URI.create("/api/registry/evaluations/" + result.evaluation().ref().id()))
			.body(new FairnessView(RegistryController.EntityView.of(result.evaluation()), result.report()));
	}

	@GetMapping("/options")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "What I may do with this version now, and why not",
			description = "Each transition maps to null when allowed, else the reason (for the UI's disabled buttons).")
	Map<ApprovalWorkflow.Transition, String> options(@PathVariable String id, Authentication authentication) {
		return this.workflow.options(id, Actors.of(authentication));
	}

	@PostMapping("/submit")
	@PreAuthorize("hasRole('MODEL_OWNER')")
	@Operation(summary = "Submit for approval")
	RegistryController.EntityView submit(@PathVariable String id, Authentication authentication) {
		return RegistryController.EntityView.of(this.workflow.submit(id, Actors.of(authentication)));
	}

	@PostMapping("/withdraw")
	@PreAuthorize("hasRole('MODEL_OWNER')")
	@Operation(summary = "Withdraw from review, back to draft")
	RegistryController.EntityView withdraw(@PathVariable String id, Authentication authentication) {
		return RegistryController.EntityView.of(this.workflow.withdraw(id, Actors.of(authentication)));
	}

	@PostMapping("/approve")
	@PreAuthorize("hasRole('COMPLIANCE_OFFICER')")
	@Operation(summary = "Approve for production",
			description = "Never by the submitter or the model's owner; refused while a guard fails.")
	RegistryController.EntityView approve(@PathVariable String id, @RequestBody Decision decision,
			Authentication authentication) {
		return RegistryController.EntityView
			.of(this.workflow.approve(id, decision.justification(), Actors.of(authentication)));
	}

	@PostMapping("/reject")
	@PreAuthorize("hasRole('COMPLIANCE_OFFICER')")
	@Operation(summary = "Reject, with a justification")
	RegistryController.EntityView reject(@PathVariable String id, @RequestBody Decision decision,
			Authentication authentication) {
		return RegistryController.EntityView
			.of(this.workflow.reject(id, decision.justification(), Actors.of(authentication)));
	}

	@PostMapping("/deploy")
	@PreAuthorize("hasAnyRole('MODEL_OWNER','ADMIN')")
	@Operation(summary = "Record a deployment of an approved version")
	RegistryController.EntityView deploy(@PathVariable String id, @RequestBody DeploymentRequest request,
			Authentication authentication) {
		if (request.environment() == null || request.environment().isBlank()) {
			throw new dev.aigov.registry.InvalidResumeException("environment", "'environment' is required.");
		}
		return RegistryController.EntityView
			.of(this.workflow.deploy(id, request.environment(), request.proxyRoute(), Actors.of(authentication)));
	}

	@PostMapping("/retire")
	@PreAuthorize("hasAnyRole('MODEL_OWNER','COMPLIANCE_OFFICER','ADMIN')")
	@Operation(summary = "Retire the version; it may no longer be served")
	RegistryController.EntityView retire(@PathVariable String id, Authentication authentication) {
		ResumeEntity retired = this.workflow.retire(id, Actors.of(authentication));
		return RegistryController.EntityView.of(retired);
	}

	record FairnessView(RegistryController.EntityView evaluation, FairnessReport report) {
	}

	record Decision(String justification) {
	}

	record DeploymentRequest(String environment, String proxyRoute) {
	}

	record ResumeView(String modelVersion, Instant asOf, List<RegistryController.EntityView> entities) {
	}

}
