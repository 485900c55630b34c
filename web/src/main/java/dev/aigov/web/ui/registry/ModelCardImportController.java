package dev.aigov.web.ui.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.ModelCardImporter;
import dev.aigov.registry.ResumeConflictException;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.web.ui.CurrentUser;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Registers a draft model version from a Hugging Face-style model card, pasted or
 * uploaded, through the same importer as the API.
 */
@Controller
@PreAuthorize("hasAnyRole('MODEL_OWNER','ADMIN')")
class ModelCardImportController {

	/** A model card is text; a megabyte is far more than any real one. */
	static final int MAX_CARD_BYTES = 1024 * 1024;

	private final ModelCardImporter cards;

	ModelCardImportController(ModelCardImporter cards) {
		this.cards = cards;
	}

	@GetMapping("/registry/import/model-card")
	String form() {
		return "registry/model-card";
	}

	@PostMapping("/registry/import/model-card")
	String importCard(@RequestParam(defaultValue = "") String model, @RequestParam(defaultValue = "") String versionId,
			@RequestParam(defaultValue = "") String version, @RequestParam(defaultValue = "") String card,
			@RequestParam(required = false) MultipartFile file, Authentication authentication, Model page,
			RedirectAttributes redirect) throws IOException {
		String text = card;
		if (file != null && !file.isEmpty()) {
			if (file.getSize() > MAX_CARD_BYTES) {
				return refuse(page, "card", "modelCard.tooLarge", model, versionId, version, card);
			}
			text = new String(file.getBytes(), StandardCharsets.UTF_8);
		}
		if (model.isBlank()) {
			return refuse(page, "model", "form.required", model, versionId, version, card);
		}
		if (versionId.isBlank()) {
			return refuse(page, "versionId", "form.required", model, versionId, version, card);
		}
		if (version.isBlank()) {
			return refuse(page, "version", "form.required", model, versionId, version, card);
		}
		if (text.isBlank()) {
			return refuse(page, "card", "form.required", model, versionId, version, card);
		}
		try {
			List<ResumeEntity> created = this.cards.importCard(text, model.strip(), versionId.strip(), version.strip(),
					CurrentUser.of(authentication).actor());
			redirect.addFlashAttribute("flash", created.stream().map((e) -> e.ref().toString()).toList().toString());
			return "redirect:/model-versions/" + UriUtils.encodePathSegment(versionId.strip(), StandardCharsets.UTF_8);
		}
		catch (InvalidResumeException | ResumeConflictException | ResumeNotFoundException ex) {
			String field = (ex instanceof InvalidResumeException invalid && invalid.field() != null)
					? EntityForm.fieldOf(invalid.field()) : "card";
			return refuse(page, List.of("model", "versionId", "version").contains(field) ? field : "card",
					ex.getMessage(), model, versionId, version, card);
		}
	}

	private static String refuse(Model page, String field, String error, String model, String versionId, String version,
			String card) {
		page.addAttribute("errorField", field);
		page.addAttribute("error", error);
		page.addAttribute("model", model);
		page.addAttribute("versionId", versionId);
		page.addAttribute("version", version);
		page.addAttribute("card", card);
		return "registry/model-card";
	}

}
