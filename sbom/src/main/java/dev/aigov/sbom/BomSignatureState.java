package dev.aigov.sbom;

import java.util.Objects;

/**
 * What is known about a BOM's signature and whether it still reflects its résumé: a fact
 * for the policy engine.
 *
 * @param present whether the BOM as a whole is signed (a JSF {@code signature} on the
 * document's root object)
 * @param valid whether every JSF signature in the document verifies (with the verifier's
 * keys, or the embedded ones); {@code false} when none is present
 * @param algorithm the JSF algorithm of the BOM's signature, or {@code null}
 * @param keyId the key id of the BOM's signature, or {@code null}
 * @param keyThumbprint the RFC 7638 thumbprint of the key that decided the verdict, or
 * {@code null} when no key was found
 * @param signedRevision the résumé revision the BOM records in
 * {@code metadata.properties}, when the BOM's signature covers it; {@code null} otherwise
 * (an unsigned BOM, a signature that excludes {@code metadata}, or a BOM not made by the
 * appliance)
 * @param freshness whether that revision is still the résumé's current one
 * @param reason one sentence for people: the verdict and, when judged, the freshness
 */
public record BomSignatureState(boolean present, boolean valid, String algorithm, String keyId, String keyThumbprint,
		ResumeRevision signedRevision, Freshness freshness, String reason) {

	public BomSignatureState {
		Objects.requireNonNull(freshness, "freshness");
		Objects.requireNonNull(reason, "reason");
	}

	/** Whether the BOM reflects an outdated revision of its résumé. */
	public boolean stale() {
		return this.freshness == Freshness.STALE;
	}

	/**
	 * Whether the BOM can be relied on: signed, every signature valid, and known to
	 * reflect the current résumé.
	 */
	public boolean trustworthyAndCurrent() {
		return this.present && this.valid && this.freshness == Freshness.CURRENT;
	}

	/** Whether a signed BOM still reflects its model version's résumé. */
	public enum Freshness {

		/** It records the résumé's current revision. */
		CURRENT,

		/** It records an earlier revision: the résumé changed since it was generated. */
		STALE,

		/**
		 * Not judged: no current revision was given, or the BOM records no revision
		 * covered by its signature, or it describes another model version.
		 */
		NOT_JUDGED

	}

}
