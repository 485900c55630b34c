package dev.aigov.web.registry;

import java.io.IOException;
import java.util.List;

import dev.aigov.registry.ModelCardImporter;
import dev.aigov.registry.ResumeImporter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Imports résumé entities from RDF documents. */
@RestController
@RequestMapping("/api/registry/import")
@PreAuthorize("hasAnyRole('MODEL_OWNER','ADMIN')")
@Tag(name = "Registry", description = "The AI production résumé: entities and their revisions")
class ImportController {

	private final ResumeImporter importer;

	private final ModelCardImporter cards;

	ImportController(ResumeImporter importer, ModelCardImporter cards) {
		this.importer = importer;
		this.cards = cards;
	}

	@PostMapping(path = "/model-card", consumes = { "text/markdown", "text/plain" })
	@Operation(summary = "Register a draft model version from a Hugging Face-style model card",
			description = "Licence, base models, datasets and model-index metrics come from the YAML front matter; "
					+ "intended use, limitations and description from the Markdown sections of those names.")
	List<RegistryController.EntityView> importModelCard(@RequestParam String model, @RequestParam String versionId,
			@RequestParam String version, @RequestBody String card, Authentication authentication) {
		return this.cards.importCard(card, model, versionId, version, Actors.of(authentication))
			.stream()
			.map(RegistryController.EntityView::of)
			.toList();
	}

	@PostMapping(consumes = { "text/turtle", "application/ld+json", "application/n-quads" })
	@Operation(summary = "Import résumé entities from Turtle, JSON-LD or N-Quads",
			description = "All entities are recorded as new revisions in one atomic write, or none is. "
					+ "Approvals and deployments cannot be imported.")
	List<RegistryController.EntityView> importDocument(HttpServletRequest request, Authentication authentication)
			throws IOException {
		MediaType type = MediaType.parseMediaType(request.getContentType());
		String format = type.isCompatibleWith(ModelVersionsController.JSON_LD) ? "jsonld"
				: type.isCompatibleWith(ModelVersionsController.N_QUADS) ? "nquads" : "turtle";
		byte[] content = request.getInputStream().readNBytes(ResumeImporter.MAX_BYTES + 1);
		return this.importer.importDocument(content, format, Actors.of(authentication))
			.stream()
			.map(RegistryController.EntityView::of)
			.toList();
	}

}
