package dev.aigov.detect;

/**
 * A scan that could not finish, so its hits are not known: a configured confidential
 * marker pattern used up its step budget on the text (catastrophic backtracking, as in
 * {@code (a+)+?b}) or overflowed the stack (a repeated group over a long run of
 * characters). A caller must treat the text as unchecked and fail closed. The message
 * names the pattern's type, never the text.
 */
public class ScanFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ScanFailedException(String message) {
		super(message);
	}

}
