package dev.aigov.policy;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the history of pack activations, and the packs uploaded as zip files, across
 * restarts. The web layer implements it over the graph store's {@code system} dataset;
 * without one, history and uploads last until the engine stops.
 */
public interface PackActivationStore {

	/** Every activation recorded, oldest first. */
	List<PackActivation> history();

	/**
	 * Records one activation attempt durably before returning.
	 * @throws RuntimeException if it could not be stored
	 */
	void append(PackActivation activation);

	/**
	 * Keeps an uploaded pack's zip file under its version (the content hash), durably
	 * before returning, so that the pack can be activated again after a restart. Keeping
	 * a version already kept changes nothing.
	 * @throws RuntimeException if it could not be stored
	 */
	void archive(String version, byte[] zip);

	/** The zip file kept for a pack version, if any. */
	Optional<byte[]> archived(String version);

}
