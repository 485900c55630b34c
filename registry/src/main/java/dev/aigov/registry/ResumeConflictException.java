package dev.aigov.registry;

/**
 * The request contradicts what is recorded: a duplicate id, an immutable record, a stale
 * revision.
 */
public class ResumeConflictException extends RuntimeException {

	public ResumeConflictException(String message) {
		super(message);
	}

}
