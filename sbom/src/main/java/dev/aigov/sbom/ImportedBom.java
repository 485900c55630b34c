package dev.aigov.sbom;

/**
 * An external SBOM or ML-BOM that passed validation, and what it describes.
 *
 * @param specVersion its CycloneDX version (1.4, 1.5 or 1.6)
 * @param serialNumber its serial number, or {@code null}
 * @param version its BOM version
 * @param subjectName the name of the component it describes ({@code metadata.component}),
 * or {@code null}
 * @param subjectVersion that component's version, or {@code null}
 * @param components the components it lists, nested ones included
 * @param modelComponents how many of them are machine-learning models
 * @param dataComponents how many of them are data
 * @param signature its signature state, judged by the keys embedded in it (an external
 * BOM is signed by others); freshness is not judged
 */
public record ImportedBom(String specVersion, String serialNumber, int version, String subjectName,
		String subjectVersion, int components, int modelComponents, int dataComponents, BomSignatureState signature) {

}
