package dev.aigov.web.ui.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.aigov.registry.FairnessEvaluations;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.fairness.PredictionsCsvException;
import dev.aigov.registry.fairness.PredictionsCsvSpec;
import dev.aigov.web.ui.CurrentUser;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Upload of evaluation predictions from the résumé page: the appliance computes the
 * fairness metrics itself and records them as an evaluation. A bad file is refused with
 * its line and column, and nothing is recorded.
 */
@Controller
class FairnessUploadController {

	private final FairnessEvaluations fairness;

	private final MessageSource messages;

	FairnessUploadController(FairnessEvaluations fairness, MessageSource messages) {
		this.fairness = fairness;
		this.messages = messages;
	}

	@PostMapping("/model-versions/{id}/fairness")
	@PreAuthorize("hasAnyRole('MODEL_OWNER','COMPLIANCE_OFFICER','ADMIN')")
	String upload(@PathVariable String id, @RequestParam(required = false) MultipartFile predictions,
			@RequestParam(defaultValue = "") String groups, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "") String prediction, @RequestParam(defaultValue = "") String score,
			@RequestParam(defaultValue = "") String threshold, @RequestParam(defaultValue = "1") String favourable,
			@RequestParam(defaultValue = "") String privileged, @RequestParam(defaultValue = "") String dataset,
			Authentication authentication, RedirectAttributes redirect) {
		String back = "redirect:/model-versions/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8)
				+ "#evaluations";
		if (predictions == null || predictions.isEmpty()) {
			redirect.addFlashAttribute("flashError", message("fairness.fileRequired"));
			return back;
		}
		List<String> groupColumns = Arrays.stream(groups.split(","))
			.map(String::strip)
			.filter((g) -> !g.isEmpty())
			.toList();
		try (InputStream in = predictions.getInputStream()) {
			PredictionsCsvSpec spec = (!score.isBlank())
					? PredictionsCsvSpec.forScores(groupColumns, label.strip(), score.strip(), parse(threshold),
							favourable.strip())
					: PredictionsCsvSpec.forPredictions(groupColumns, label.strip(),
							prediction.isBlank() ? null : prediction.strip(), favourable.strip());
			if (!privileged.isBlank()) {
				spec = spec.withPrivilegedGroup(privileged.strip());
			}
			FairnessEvaluations.Result result = this.fairness.evaluate(id, null, dataset.isBlank() ? null : dataset, in,
					spec, CurrentUser.of(authentication).actor());
			redirect.addFlashAttribute("flash",
					message("fairness.recorded", result.evaluation().ref().id(), result.report().rows()));
		}
		catch (PredictionsCsvException ex) {
			redirect.addFlashAttribute("flashError", message("fairness.invalidFile") + " " + ex.getMessage());
		}
		catch (IllegalArgumentException | InvalidResumeException ex) {
			redirect.addFlashAttribute("flashError", message("fairness.invalidSpec") + " " + ex.getMessage());
		}
		catch (IOException ex) {
			redirect.addFlashAttribute("flashError", message("fairness.unreadable"));
		}
		return back;
	}

	private static double parse(String threshold) {
		try {
			return Double.parseDouble(threshold.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("threshold: '" + threshold + "' is not a number");
		}
	}

	private String message(String key, Object... args) {
		return this.messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

}
