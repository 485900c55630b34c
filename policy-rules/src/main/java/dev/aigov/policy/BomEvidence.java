package dev.aigov.policy;

import dev.aigov.registry.Resume;

/**
 * Tells the policy engine whether a signed ML-BOM of a model version exists and verifies.
 * The SBOM module (or the web layer on its behalf) implements it; without an
 * implementation every version's BOM is {@link State#UNKNOWN}, which the governance pack
 * reports as "could not be checked", never as a pass.
 */
public interface BomEvidence {

	/**
	 * @param resume the résumé the BOM must describe
	 * @return what was found, never {@code null}; exceptions count as
	 * {@link State#UNKNOWN}
	 */
	Status check(Resume resume);

	/** What the check found. */
	enum State {

		/** A signed BOM exists, its signature verifies and it matches the résumé. */
		VERIFIED,
		/** No signed BOM exists. */
		ABSENT,
		/** A BOM exists but its signature or content does not verify. */
		INVALID,
		/** The check could not be made. */
		UNKNOWN

	}

	/**
	 * @param state what was found
	 * @param detail a line a compliance officer can act on
	 */
	record Status(State state, String detail) {
	}

}
