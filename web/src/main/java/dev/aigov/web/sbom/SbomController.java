package dev.aigov.web.sbom;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.sbom.BomImporter;
import dev.aigov.sbom.BomSignatureState;
import dev.aigov.sbom.ExternalSboms;
import dev.aigov.sbom.ImportedBom;
import dev.aigov.sbom.MlBomService;
import dev.aigov.sbom.SignedBom;
import dev.aigov.web.problem.RequestValues;
import dev.aigov.web.registry.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
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

	private final ExternalSboms external;

	SbomController(MlBomService boms, BomImporter importer, ExternalSboms external) {
		this.boms = boms;
		this.importer = importer;
		this.external = external;
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

	@PostMapping(path = "/api/registry/model-versions/{id}/sboms", consumes = { CYCLONEDX_JSON, "application/json" })
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Attach an external SBOM or ML-BOM (CycloneDX JSON 1.4 to 1.6) to a model version",
			description = "The document is validated (refused with every schema error otherwise), stored under its "
					+ "SHA-256 and recorded in the résumé; the record never changes.")
	ResponseEntity<AttachedSbom> attach(@PathVariable String id, HttpServletRequest request,
			Authentication authentication) throws IOException {
		ExternalSboms.Attached attached = this.external.attach(id, read(request), Actors.of(authentication));
		return ResponseEntity.created(URI.create("/api/sboms/" + attached.record().ref().id()))
			.body(AttachedSbom.of(attached.record(), attached.bom()));
	}

	@GetMapping("/api/registry/model-versions/{id}/sboms")
	@Operation(summary = "The external SBOMs attached to a model version")
	List<AttachedSbom> attached(@PathVariable String id) {
		return this.external.list(id).stream().map((record) -> AttachedSbom.of(record, null)).toList();
	}

	@GetMapping(path = "/api/sboms/{sbomId}", produces = { CYCLONEDX_JSON, "application/json" })
	@Operation(summary = "Download an attached SBOM exactly as it was imported",
			description = "Its bytes are checked against the SHA-256 recorded in the résumé before they are sent.")
	ResponseEntity<byte[]> download(@PathVariable String sbomId) {
		byte[] content = this.external.content(sbomId)
			.orElseThrow(() -> new ResumeNotFoundException(null, "No SBOM with id '" + sbomId + "'."));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(CYCLONEDX_JSON))
			.header("Content-Disposition",
					ContentDisposition.attachment().filename(sbomId + ".cdx.json").build().toString())
			.body(content);
	}

	private static byte[] read(HttpServletRequest request) throws IOException {
		byte[] content = request.getInputStream().readNBytes(BomImporter.MAX_BYTES + 1);
		if (content.length > BomImporter.MAX_BYTES) {
			throw new InvalidResumeException("body", "The document is larger than 32 MiB.");
		}
		return content;
	}

	/**
	 * An external SBOM attached to a model version.
	 *
	 * @param id the record's id
	 * @param revision the record's revision (always 1: it never changes)
	 * @param fields the record's fields
	 * @param bom what the document describes, when it was just imported
	 */
	record AttachedSbom(String id, int revision, Map<String, Object> fields, ImportedBom bom) {

		static AttachedSbom of(ResumeEntity record, ImportedBom bom) {
			return new AttachedSbom(record.ref().id(), record.revision().number(), record.fields(), bom);
		}

	}

}
