package dev.aigov.sbom;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.aigov.sbom.internal.CycloneDx;

/**
 * Validates CycloneDX JSON documents of spec version 1.4, 1.5 or 1.6 against the JSON
 * schema of the version they declare (the schemas and validator of cyclonedx-core-java),
 * and checks what the schema cannot: strict JSON (no duplicate member names, nothing
 * after the document) and unique {@code bom-ref}s. Each error names the JSON pointer of
 * the offending value; at most {@value CycloneDx#MAX_ERRORS} are listed, then a count of
 * the rest. Schemas are loaded once per version. Thread-safe.
 */
public final class BomValidator {

	/** The spec versions accepted. */
	public static final List<String> SUPPORTED_VERSIONS = CycloneDx.SUPPORTED_VERSIONS;

	/**
	 * Validates a document given as UTF-8 bytes.
	 * @param json the document
	 * @return the declared spec version and the errors; never throws for bad input
	 */
	public BomValidation validate(byte[] json) {
		CycloneDx.Result result = CycloneDx.validate(json);
		return new BomValidation(result.specVersion(),
				result.problems()
					.stream()
					.map((problem) -> new BomValidationError(problem.path(), problem.message()))
					.toList());
	}

	/**
	 * Validates a document.
	 * @param json the document
	 * @return the declared spec version and the errors; never throws for bad input
	 */
	public BomValidation validate(String json) {
		return validate(json.getBytes(StandardCharsets.UTF_8));
	}

}
