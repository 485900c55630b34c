package dev.aigov.sbom;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.aigov.registry.Resume;
import dev.aigov.sbom.internal.BomJson;
import dev.aigov.sbom.internal.MlBomMapping;
import dev.aigov.sbom.internal.NameBasedUuid;

/**
 * Generates the CycloneDX 1.6 ML-BOM (JSON) of a model version from its résumé: the model
 * as a {@code machine-learning-model} component with its model card, each dataset version
 * as a {@code data} component, base models in {@code pedigree.ancestors}, the training
 * run, evaluations and deployments in {@code formulation}. {@code sbom/README.md} lists
 * where each résumé field goes.
 * <p>
 * The output is deterministic: the same revisions of the same résumé entities always give
 * the same bytes. The serial number is a name-based UUID (version 5) of the model
 * version's IRI and the {@link ResumeRevision#digest() revision digest}; the timestamp is
 * the time of the latest revision; the revision itself is recorded in
 * {@code metadata.properties} ({@value MlBomMapping#RESUME},
 * {@value MlBomMapping#RESUME_DIGEST}, {@value MlBomMapping#RESUME_REVISED_AT},
 * {@value MlBomMapping#RESUME_ENTITIES}) so that a signed BOM can later be judged stale.
 * The text is indented with two spaces and uses {@code \n}; it is unsigned (see
 * {@link SignedBoms}).
 * <p>
 * Immutable and thread-safe.
 */
public final class MlBomGenerator {

	/** The CycloneDX version generated. */
	public static final String SPEC_VERSION = "1.6";

	/**
	 * Names this mapping in the serial number, so that a changed mapping never reuses the
	 * serial number of an earlier BOM of the same revision.
	 */
	static final String MAPPING_VERSION = "aigov-ml-bom/1";

	private final String apiBaseUrl;

	/** A generator whose links to the appliance's API are relative ({@code /api/...}). */
	public MlBomGenerator() {
		this(null);
	}

	/**
	 * A generator whose links to the appliance's API start with its public URL.
	 * @param publicUrl the appliance's public http(s) URL, or {@code null} for relative
	 * links
	 * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
	 */
	public MlBomGenerator(URI publicUrl) {
		this.apiBaseUrl = (publicUrl != null) ? SbomProperties.checkPublicUrl(publicUrl) : "";
	}

	/**
	 * The ML-BOM of a résumé.
	 * @param resume the model version's résumé
	 * @return CycloneDX 1.6 JSON
	 * @throws IllegalArgumentException if the résumé lacks its model version
	 */
	public String generate(Resume resume) {
		ResumeRevision revision = ResumeRevision.of(resume);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(MlBomMapping.RESUME, revision.version());
		properties.put(MlBomMapping.RESUME_DIGEST, revision.digest());
		properties.put(MlBomMapping.RESUME_REVISED_AT, revision.revisedAt().toString());
		properties.put(MlBomMapping.RESUME_ENTITIES, String.valueOf(revision.entities()));
		MlBomMapping mapping = new MlBomMapping(resume, this.apiBaseUrl);
		return BomJson.write(mapping.bom(serialNumber(revision), revision.revisedAt().toString(), properties));
	}

	/**
	 * The serial number of the BOM of a résumé revision: {@code urn:uuid:} and a UUID v5.
	 */
	public static String serialNumber(ResumeRevision revision) {
		String name = MAPPING_VERSION + " " + revision.version() + " " + revision.digest();
		return "urn:uuid:" + NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, name);
	}

}
