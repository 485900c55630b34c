package dev.aigov.web.policy;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import dev.aigov.policy.EvaluationComparison;
import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.policy.PackActivation;
import dev.aigov.policy.PackRejectedException;
import dev.aigov.policy.PolicyPack;
import dev.aigov.policy.PolicyPacks;
import dev.aigov.policy.RuleDefinition;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Governance evaluations of model versions, the findings with their reasons, and the
 * policy packs that produce them.
 */
@RestController
@Tag(name = "Policy", description = "Drools policy packs, governance evaluations and findings")
class PolicyController {

	static final String ZIP = "application/zip";

	private final GovernancePolicy governance;

	private final PolicyPacks packs;

	PolicyController(GovernancePolicy governance, PolicyPacks packs) {
		this.governance = governance;
		this.packs = packs;
	}

	@PostMapping("/api/policy/model-versions/{id}/evaluations")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Evaluate a model version's current résumé with the active governance packs",
			description = "The evaluation is recorded in the résumé (policy-evaluation). One that cannot complete "
					+ "has status ERROR and blocks approval.")
	ResponseEntity<GovernanceEvaluation> evaluate(@PathVariable String id, Authentication user) {
		String version = versionId(id);
		GovernanceEvaluation evaluation = this.governance.evaluate(version, GovernanceEvaluation.Trigger.ON_DEMAND,
				user.getName());
		return ResponseEntity
			.created(URI.create("/api/policy/model-versions/" + version + "/evaluations/" + evaluation.recordedAs()))
			.body(evaluation);
	}

	@GetMapping("/api/policy/model-versions/{id}/evaluations")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "The governance evaluations recorded for a model version, newest first (without facts)")
	List<RecordedEvaluation> recorded(@PathVariable String id) {
		return this.governance.recorded(versionId(id)).stream().map(RecordedEvaluation::of).toList();
	}

	@GetMapping("/api/policy/model-versions/{id}/evaluations/{evaluationId}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "One recorded governance evaluation: packs, facts, findings, trigger")
	GovernanceEvaluation recorded(@PathVariable String id, @PathVariable String evaluationId) {
		return this.governance.recorded(versionId(id), evaluationId);
	}

	@PostMapping("/api/policy/model-versions/{id}/evaluations/{evaluationId}/replay")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Run a recorded evaluation's stored facts again and compare the result with it",
			description = "packs=active (default) uses the packs active now; packs=recorded the pack versions it "
					+ "recorded, which must still be known (409 otherwise). Nothing is recorded.")
	Replay replay(@PathVariable String id, @PathVariable String evaluationId,
			@RequestParam(defaultValue = "active") String packs) {
		boolean recordedPacks = switch (packs) {
			case "active" -> false;
			case "recorded" -> true;
			default -> throw new InvalidResumeException("packs", "'packs' must be 'active' or 'recorded'.");
		};
		String version = versionId(id);
		GovernanceEvaluation original = this.governance.recorded(version, evaluationId);
		GovernanceEvaluation replayed = this.governance.replay(version, evaluationId, recordedPacks);
		return new Replay(replayed, EvaluationComparison.of(original, replayed));
	}

	@GetMapping("/api/policy/model-versions/{id}/evaluations/{from}/comparison/{to}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "How two recorded evaluations of a model version differ: findings added, removed, changed")
	EvaluationComparison compare(@PathVariable String id, @PathVariable String from, @PathVariable String to) {
		String version = versionId(id);
		return EvaluationComparison.of(this.governance.recorded(version, from), this.governance.recorded(version, to));
	}

	@GetMapping("/api/policy/model-versions/{id}/findings")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "The latest governance evaluation of a model version, evaluating it if none is current",
			description = "After a restart this is the last recorded evaluation when the résumé and the active "
					+ "packs are unchanged since.")
	GovernanceEvaluation findings(@PathVariable String id, Authentication user) {
		String version = versionId(id);
		return this.governance.latest(version)
			.orElseGet(() -> this.governance.evaluate(version, GovernanceEvaluation.Trigger.AUTOMATIC, user.getName()));
	}

	@GetMapping("/api/policy/model-versions/{id}/findings/{ruleId}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Why a rule fired on a model version: its findings, the facts, the rule's text and mapping")
	Explanation explain(@PathVariable String id, @PathVariable String ruleId, Authentication user) {
		GovernanceEvaluation evaluation = findings(id, user);
		List<Finding> findings = evaluation.findings().stream().filter((f) -> f.ruleId().equals(ruleId)).toList();
		if (findings.isEmpty()) {
			throw new ResumeNotFoundException(null, "Rule '" + ruleId + "' did not fire in the latest evaluation of "
					+ id + " (" + evaluation.status() + ", " + evaluation.evaluatedAt() + ").");
		}
		String pack = findings.get(0).pack();
		RuleDefinition rule = this.packs.active()
			.stream()
			.filter((p) -> p.name().equals(pack))
			.flatMap((p) -> p.rules().stream())
			.filter((r) -> r.id().equals(ruleId))
			.findFirst()
			.orElse(null);
		return new Explanation(evaluation.id(), evaluation.version(), evaluation.evaluatedAt().toString(),
				evaluation.packs(), findings, rule, evaluation.facts());
	}

	@GetMapping("/api/policy/packs")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "The active policy packs, their rules and the framework items each rule evidences")
	List<PolicyPack> packs() {
		return this.packs.active();
	}

	@GetMapping("/api/policy/packs/activations")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','ADMIN')")
	@Operation(summary = "Every pack activation, accepted or rejected, with who and when (kept across restarts)")
	List<PackActivation> activations() {
		return this.packs.activations();
	}

	@PostMapping(path = "/api/policy/packs", consumes = ZIP)
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','ADMIN')")
	@Operation(summary = "Upload a policy pack (zip: pack.properties, rules/*.drl, fixtures/) and activate it",
			description = "The pack is compiled and its fixtures run first; a pack that fails either is refused "
					+ "with the reasons (422) and the active pack of that name stays active.")
	ResponseEntity<PolicyPack> upload(HttpServletRequest request, Authentication user) throws IOException {
		byte[] zip = request.getInputStream().readNBytes(MAX_UPLOAD + 1);
		if (zip.length > MAX_UPLOAD) {
			throw new InvalidResumeException("body", "The pack is larger than 8 MiB.");
		}
		PolicyPack pack = this.packs.activate(zip, user.getName());
		return ResponseEntity.created(URI.create("/api/policy/packs")).body(pack);
	}

	@PostMapping("/api/policy/packs/reload")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Load every pack in the configured packs directory (aigov.policy.packs-dir) again")
	List<PackActivation> reload(Authentication user) {
		return this.packs.reload(user.getName());
	}

	@ExceptionHandler(PackRejectedException.class)
	ProblemDetail rejected(PackRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Policy pack rejected");
		problem.setProperty("problems", ex.problems());
		return problem;
	}

	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail notConfigured(IllegalStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Not possible now");
		return problem;
	}

	private static final int MAX_UPLOAD = 8 * 1024 * 1024;

	private static String versionId(String id) {
		return new EntityRef(Kind.MODEL_VERSION, id).id();
	}

	/**
	 * A recorded evaluation without its facts and messages, for lists.
	 *
	 * @param id the record's id
	 * @param evaluatedAt when it ran
	 * @param trigger {@code ON_DEMAND} or {@code AUTOMATIC}
	 * @param triggeredBy who asked, or whose change caused it
	 * @param status whether it completed
	 * @param packs the packs evaluated, {@code name@version}
	 * @param factsSha256 digest of the facts' canonical JSON
	 * @param fail how many FAIL findings
	 * @param warn how many WARN findings
	 * @param info how many INFO findings
	 */
	record RecordedEvaluation(String id, String evaluatedAt, GovernanceEvaluation.Trigger trigger, String triggeredBy,
			GovernanceEvaluation.Status status, List<String> packs, String factsSha256, long fail, long warn,
			long info) {

		static RecordedEvaluation of(GovernanceEvaluation evaluation) {
			return new RecordedEvaluation(evaluation.id(), evaluation.evaluatedAt().toString(), evaluation.trigger(),
					evaluation.triggeredBy(), evaluation.status(), evaluation.packs(), evaluation.factsSha256(),
					count(evaluation, Finding.Severity.FAIL), count(evaluation, Finding.Severity.WARN),
					count(evaluation, Finding.Severity.INFO));
		}

		private static long count(GovernanceEvaluation evaluation, Finding.Severity severity) {
			return evaluation.findings().stream().filter((finding) -> finding.severity() == severity).count();
		}

	}

	/**
	 * A replayed evaluation and how it differs from the recorded one.
	 *
	 * @param replay the evaluation of the stored facts, now
	 * @param comparison recorded (from) against replayed (to)
	 */
	record Replay(GovernanceEvaluation replay, EvaluationComparison comparison) {
	}

	/**
	 * Why a rule fired.
	 *
	 * @param evaluation the evaluation's id
	 * @param version the model version
	 * @param evaluatedAt when
	 * @param packs the packs evaluated
	 * @param findings the rule's findings in it
	 * @param rule the rule's definition (text, severity, references), {@code null} if its
	 * pack has been replaced since
	 * @param facts every fact the rules saw
	 */
	record Explanation(String evaluation, String version, String evaluatedAt, List<String> packs,
			List<Finding> findings, RuleDefinition rule, List<String> facts) {
	}

}
