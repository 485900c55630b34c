package dev.aigov.sbom;

import java.util.Objects;

/**
 * A model version's signed ML-BOM.
 *
 * @param versionId the model version's id
 * @param json the signed CycloneDX 1.6 JSON, as served
 * @param serialNumber its {@code urn:uuid:} serial number
 * @param revision the résumé revision it was generated from
 * @param signature its signature state as verified with the appliance's keys, with
 * freshness judged against the current résumé
 */
public record SignedBom(String versionId, String json, String serialNumber, ResumeRevision revision,
		BomSignatureState signature) {

	public SignedBom {
		Objects.requireNonNull(versionId, "versionId");
		Objects.requireNonNull(json, "json");
		Objects.requireNonNull(serialNumber, "serialNumber");
		Objects.requireNonNull(revision, "revision");
		Objects.requireNonNull(signature, "signature");
	}

}
