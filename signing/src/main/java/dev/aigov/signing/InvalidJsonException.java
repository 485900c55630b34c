package dev.aigov.signing;

/**
 * The text is not JSON that RFC 8785 can canonicalize: a syntax error, a duplicate
 * property name, a lone surrogate, malformed UTF-8, or a number outside the IEEE-754
 * double range. The message says what and where (line and column), and never echoes large
 * parts of the input.
 */
public class InvalidJsonException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what is wrong and where
	 */
	public InvalidJsonException(String message) {
		super(message);
	}

}
