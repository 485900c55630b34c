package dev.aigov.audit;

/**
 * The audit journal cannot make a record durable (disk full, read-only, journal over its
 * bound). Whatever the record describes must be refused.
 */
public class AuditUnavailableException extends RuntimeException {

	public AuditUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
