package dev.aigov.sbom;

import java.util.List;

/**
 * The outcome of validating a CycloneDX JSON document.
 *
 * @param specVersion the {@code specVersion} it declares, or {@code null} when it
 * declares none or is not JSON
 * @param errors what is wrong, in document order as far as the validator reports it;
 * empty when the document is valid
 */
public record BomValidation(String specVersion, List<BomValidationError> errors) {

	public BomValidation {
		errors = List.copyOf(errors);
	}

	/** Whether the document is valid. */
	public boolean valid() {
		return this.errors.isEmpty();
	}

}
