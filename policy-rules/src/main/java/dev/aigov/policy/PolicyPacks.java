package dev.aigov.policy;

import java.util.List;

/**
 * Manages the active policy packs. A pack is compiled and its fixtures run before it
 * becomes active; a pack that fails either is rejected with the reasons and the pack
 * active before stays active. Activation swaps packs atomically: calls being evaluated
 * finish on the pack they started with.
 */
public interface PolicyPacks {

	/** The active packs, by name. */
	List<PolicyPack> active();

	/** Every activation attempt since start, oldest first. */
	List<PackActivation> activations();

	/**
	 * Activates a pack uploaded as a zip file ({@code pack.properties}, {@code rules/},
	 * {@code fixtures/}).
	 * @param zip the zip file
	 * @param actor who uploads it
	 * @return the pack, now active
	 * @throws PackRejectedException with the compiler's or the fixtures' messages
	 */
	PolicyPack activate(byte[] zip, String actor);

	/**
	 * Loads every pack in the configured packs directory again.
	 * @param actor who asks
	 * @return what each pack's activation gave, accepted or not
	 */
	List<PackActivation> reload(String actor);

}
