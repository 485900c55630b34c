package dev.aigov.proxy;

import java.time.Instant;
import java.util.List;

/**
 * Where application keys are kept (hashed). Implemented by the web module on the graph
 * store's system dataset, so that several proxy instances share their keys.
 */
public interface ApplicationKeyStore {

	/** Stores a new key; its id is new. */
	void add(ApplicationKey key);

	/**
	 * Marks a key revoked.
	 * @return whether a key that was valid is now revoked
	 */
	boolean revoke(String id, Instant at);

	/** Every key, revoked ones included. */
	List<ApplicationKey> findAll();

}
