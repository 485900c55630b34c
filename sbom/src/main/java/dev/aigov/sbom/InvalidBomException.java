package dev.aigov.sbom;

import java.util.List;

/**
 * A BOM was refused: not CycloneDX JSON 1.4 to 1.6, or not valid against its schema. The
 * errors say where and what.
 */
public class InvalidBomException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<BomValidationError> errors;

	public InvalidBomException(String message, List<BomValidationError> errors) {
		super(message);
		this.errors = List.copyOf(errors);
	}

	/** What is wrong, each with the JSON pointer of the offending value. */
	public List<BomValidationError> errors() {
		return this.errors;
	}

}
