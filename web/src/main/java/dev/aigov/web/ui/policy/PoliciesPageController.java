package dev.aigov.web.ui.policy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.policy.PackActivation;
import dev.aigov.policy.PackRejectedException;
import dev.aigov.policy.PolicyPack;
import dev.aigov.policy.PolicyPacks;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The active policy packs with their rules, framework mapping and version hash, the
 * thresholds in force, the activation history, uploading a pack (compiled and its
 * fixtures run by {@link PolicyPacks#activate}; a refused pack shows its problems and the
 * previous one stays active), and evaluating a model version now.
 */
@Controller
class PoliciesPageController {

	/** The largest pack accepted, as in the API. */
	static final int MAX_UPLOAD = 8 * 1024 * 1024;

	private final PolicyPacks packs;

	private final GovernancePolicy governance;

	private final ObjectProvider<PolicyProperties> properties;

	private final MessageSource messages;

	PoliciesPageController(PolicyPacks packs, GovernancePolicy governance, ObjectProvider<PolicyProperties> properties,
			MessageSource messages) {
		this.packs = packs;
		this.governance = governance;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping("/policies")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	String policies(Authentication authentication, Model model) {
		List<PolicyPack> active = this.packs.active();
		model.addAttribute("packs", active);
		PolicyProperties configured = this.properties.getIfAvailable();
		Map<String, Double> thresholds = new TreeMap<>(
				(configured != null) ? configured.thresholds() : PolicyProperties.DEFAULT_THRESHOLDS);
		model.addAttribute("thresholds", thresholds);
		boolean historyAllowed = authentication.getAuthorities()
			.stream()
			.anyMatch(
					(a) -> List.of("ROLE_COMPLIANCE_OFFICER", "ROLE_AUDITOR", "ROLE_ADMIN").contains(a.getAuthority()));
		if (historyAllowed) {
			List<PackActivation> history = new java.util.ArrayList<>(this.packs.activations());
			java.util.Collections.reverse(history);
			model.addAttribute("activations", history);
		}
		return "policy/policies";
	}

	@PostMapping("/policies/upload")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','ADMIN')")
	String upload(@RequestParam("pack") MultipartFile file, Authentication authentication, RedirectAttributes redirect)
			throws IOException {
		if (file.isEmpty()) {
			redirect.addFlashAttribute("flashError", message("policies.upload.empty"));
			return "redirect:/policies#upload";
		}
		if (file.getSize() > MAX_UPLOAD) {
			redirect.addFlashAttribute("flashError", message("policies.upload.tooLarge"));
			return "redirect:/policies#upload";
		}
		try {
			PolicyPack pack = this.packs.activate(file.getBytes(), authentication.getName());
			redirect.addFlashAttribute("flash",
					message("policies.upload.accepted", pack.name(), pack.version(), pack.fixtures()));
		}
		catch (PackRejectedException ex) {
			redirect.addFlashAttribute("flashError", message("policies.upload.rejected"));
			redirect.addFlashAttribute("uploadProblems", ex.problems());
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("flashError", message("policies.upload.rejected"));
			redirect.addFlashAttribute("uploadProblems", List.of(String.valueOf(ex.getMessage())));
		}
		return "redirect:/policies#upload";
	}

	/** Evaluates the version's current résumé with the active packs, as the API does. */
	@PostMapping("/model-versions/{id}/evaluate")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	String evaluate(@PathVariable String id, RedirectAttributes redirect) {
		String version = new EntityRef(Kind.MODEL_VERSION, id).id();
		GovernanceEvaluation evaluation = this.governance.evaluate(version);
		redirect.addFlashAttribute((evaluation.status() == GovernanceEvaluation.Status.ERROR) ? "flashError" : "flash",
				message("findings.evaluated." + evaluation.status().name(), evaluation.findings().size()));
		return "redirect:/model-versions/" + version + "#findings";
	}

	private String message(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}
