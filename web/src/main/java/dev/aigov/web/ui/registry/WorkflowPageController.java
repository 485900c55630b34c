package dev.aigov.web.ui.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import dev.aigov.registry.ApprovalGuard;
import dev.aigov.registry.ApprovalRefusedException;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.TransitionNotAllowedException;
import dev.aigov.web.ui.CurrentUser;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The approval workflow's buttons. Each posts here and comes back to the résumé page with
 * what happened; refusals (separation of duties, a failing guard, a missing
 * justification) are shown there and change nothing. Role checks are the API's: the
 * workflow itself decides, and the same rules apply to both.
 */
@Controller
class WorkflowPageController {

	private final ApprovalWorkflow workflow;

	private final MessageSource messages;

	WorkflowPageController(ApprovalWorkflow workflow, MessageSource messages) {
		this.workflow = workflow;
		this.messages = messages;
	}

	@PostMapping("/model-versions/{id}/submit")
	@PreAuthorize("hasRole('MODEL_OWNER')")
	String submit(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return run(id, "submit", redirect, () -> this.workflow.submit(id, actor(authentication)));
	}

	@PostMapping("/model-versions/{id}/withdraw")
	@PreAuthorize("hasRole('MODEL_OWNER')")
	String withdraw(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return run(id, "withdraw", redirect, () -> this.workflow.withdraw(id, actor(authentication)));
	}

	@PostMapping("/model-versions/{id}/approve")
	@PreAuthorize("hasRole('COMPLIANCE_OFFICER')")
	String approve(@PathVariable String id, @RequestParam(defaultValue = "") String justification,
			Authentication authentication, RedirectAttributes redirect) {
		return run(id, "approve", redirect, () -> this.workflow.approve(id, justification, actor(authentication)));
	}

	@PostMapping("/model-versions/{id}/reject")
	@PreAuthorize("hasRole('COMPLIANCE_OFFICER')")
	String reject(@PathVariable String id, @RequestParam(defaultValue = "") String justification,
			Authentication authentication, RedirectAttributes redirect) {
		return run(id, "reject", redirect, () -> this.workflow.reject(id, justification, actor(authentication)));
	}

	@PostMapping("/model-versions/{id}/deploy")
	@PreAuthorize("hasAnyRole('MODEL_OWNER','ADMIN')")
	String deploy(@PathVariable String id, @RequestParam(defaultValue = "") String environment,
			@RequestParam(required = false) String proxyRoute, Authentication authentication,
			RedirectAttributes redirect) {
		return run(id, "deploy", redirect, () -> {
			if (environment.isBlank()) {
				throw new InvalidResumeException("environment", message("workflow.environmentRequired"));
			}
			this.workflow.deploy(id, environment.strip(), proxyRoute, actor(authentication));
		});
	}

	@PostMapping("/model-versions/{id}/retire")
	@PreAuthorize("hasAnyRole('MODEL_OWNER','COMPLIANCE_OFFICER','ADMIN')")
	String retire(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return run(id, "retire", redirect, () -> this.workflow.retire(id, actor(authentication)));
	}

	private String run(String id, String transition, RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", message("workflow.done." + transition));
		}
		catch (TransitionNotAllowedException ex) {
			WorkflowActions.Action refused = WorkflowActions.Action
				.of(ApprovalWorkflow.Transition.valueOf(transition.toUpperCase(Locale.ROOT)), ex);
			redirect.addFlashAttribute("flashError", message(refused.reasonKey(), refused.reasonArgs()));
		}
		catch (ApprovalRefusedException ex) {
			redirect.addFlashAttribute("flashError", message("workflow.refused"));
			redirect.addFlashAttribute("refusals", failing(ex.verdicts()));
		}
		catch (InvalidResumeException ex) {
			redirect.addFlashAttribute("flashError",
					"justification".equals(ex.field()) ? message("workflow.justificationRequired") : ex.getMessage());
			redirect.addFlashAttribute("decisionError", true);
		}
		return "redirect:/model-versions/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
	}

	private static List<ApprovalGuard.Verdict> failing(List<ApprovalGuard.Verdict> verdicts) {
		return verdicts.stream().filter((verdict) -> !verdict.passed()).toList();
	}

	private String message(String key, Object... args) {
		return this.messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	private static dev.aigov.registry.Actor actor(Authentication authentication) {
		return CurrentUser.of(authentication).actor();
	}

}
