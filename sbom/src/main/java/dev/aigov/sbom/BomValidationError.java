package dev.aigov.sbom;

import java.util.Objects;

/**
 * One reason a BOM is not valid.
 *
 * @param path JSON pointer (RFC 6901) to the offending value, such as
 * {@code /components/0/type}; {@code ""} for the document as a whole
 * @param message what is wrong, for people
 */
public record BomValidationError(String path, String message) {

	public BomValidationError {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(message, "message");
	}

	@Override
	public String toString() {
		return (this.path.isEmpty() ? "(document)" : this.path) + ": " + this.message;
	}

}
