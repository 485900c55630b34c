package dev.aigov.lineage;

/**
 * A graph store could not do what was asked: it rejected a write, or it cannot be
 * reached. The message names the store and the reason.
 */
public class GraphStoreException extends RuntimeException {

	public GraphStoreException(String message, Throwable cause) {
		super(message, cause);
	}

	public GraphStoreException(String message) {
		super(message);
	}

}
