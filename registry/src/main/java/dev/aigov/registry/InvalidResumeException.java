package dev.aigov.registry;

/**
 * Input that cannot be recorded. Names the field (a JSON property, a CSV column, or an
 * RDF term) and, where known, the line, so the caller can fix it; nothing was written.
 */
public class InvalidResumeException extends RuntimeException {

	private final String field;

	private final Long line;

	public InvalidResumeException(String field, String message) {
		this(field, null, message);
	}

	public InvalidResumeException(String field, Long line, String message) {
		super(message);
		this.field = field;
		this.line = line;
	}

	/** The offending field, or {@code null} when the input as a whole is wrong. */
	public String field() {
		return this.field;
	}

	/** The line in the uploaded document, when the input was a document. */
	public Long line() {
		return this.line;
	}

}
