package dev.aigov.policy;

import java.util.List;

/**
 * Keeps the history of pack activations across restarts. The web layer implements it over
 * the graph store's {@code system} dataset; without one, history lasts until the engine
 * stops.
 */
public interface PackActivationStore {

	/** Every activation recorded, oldest first. */
	List<PackActivation> history();

	/**
	 * Records one activation attempt durably before returning.
	 * @throws RuntimeException if it could not be stored
	 */
	void append(PackActivation activation);

}
