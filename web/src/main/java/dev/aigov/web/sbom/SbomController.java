package dev.aigov.web.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.sbom.BomImporter;
import dev.aigov.sbom.BomSignatureState;
import dev.aigov.sbom.BomValidator;
import dev.aigov.sbom.ImportedBom;
import dev.aigov.sbom.MlBomService;
import dev.aigov.sbom.SignedBom;
import dev.aigov.web.problem.RequestValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed CycloneDX ML-BOM of each model version, and checks of any CycloneDX
 * document.
 */
@RestController
@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
@Tag(name = "ML-BOM", description = "Signed CycloneDX 1.6 ML-BOMs and their verification")
class SbomController {

	static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";

	private final MlBomService boms;

	private final BomImporter importer;

	SbomController(MlBomService boms, BomValidator validator) {
		this.boms = boms;
		this.importer = new BomImporter(validator);
	}

	@GetMapping(path = "/api/registry/model-versions/{id}/ml-bom", produces = { CYCLONEDX_JSON, "application/json" })
	@Operation(summary = "The signed CycloneDX 1.6 ML-BOM of a model version, now or as of an instant",
			description = "Deterministic: the same résumé revision gives the same bytes. Verify offline with the "
					+ "JWKS at /.well-known/jwks.json and aigov-verify.jar.")
	ResponseEntity<String> mlBom(@PathVariable String id, @RequestParam(required = false) String asOf) {
		SignedBom bom = this.boms.forVersion(id, RequestValues.instant("asOf", asOf))
			.orElseThrow(() -> new ResumeNotFoundException(null, "No model-version with id '" + id + "'."));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(CYCLONEDX_JSON))
			.header("Content-Disposition",
					ContentDisposition.attachment().filename(id + ".cdx.json").build().toString())
			.header("Aigov-Bom-Freshness", bom.signature().freshness().name())
			.body(bom.json());
	}

	@PostMapping(path = "/api/sboms/verify", consumes = { CYCLONEDX_JSON, "application/json" })
	@Operation(summary = "Verify an ML-BOM's signature against this appliance's keys, and whether it is stale")
	BomSignatureState verify(HttpServletRequest request) throws IOException {
		return this.boms.verify(new String(read(request), StandardCharsets.UTF_8));
	}

	@PostMapping(path = "/api/sboms/validate", consumes = { CYCLONEDX_JSON, "application/json" })
	@Operation(summary = "Validate a CycloneDX JSON document (1.4 to 1.6) and summarise it",
			description = "An invalid document is refused with every schema error and its JSON pointer.")
	ImportedBom validate(HttpServletRequest request) throws IOException {
		return this.importer.read(read(request));
	}

	private static byte[] read(HttpServletRequest request) throws IOException {
		byte[] content = request.getInputStream().readNBytes(BomImporter.MAX_BYTES + 1);
		if (content.length > BomImporter.MAX_BYTES) {
			throw new InvalidResumeException("body", "The document is larger than 32 MiB.");
		}
		return content;
	}

}
