package dev.aigov.signing;

import java.util.List;

/**
 * How {@link JsfSigner} signs.
 *
 * @param target JSON pointer (RFC 6901) to the object to sign: {@code ""} for the whole
 * document, {@code /components/0} for a nested one
 * @param excludes properties of the target left out of the signature (JSF
 * {@code excludes}); they stay in the document but anyone may change them
 * @param embedPublicKey whether each signer writes its {@code publicKey} (JWK) next to
 * its {@code keyId}; without it, verifiers need the key from elsewhere (a JWKS)
 */
public record JsfSignOptions(String target, List<String> excludes, boolean embedPublicKey) {

	private static final JsfSignOptions DEFAULTS = new JsfSignOptions("", List.of(), true);

	/**
	 * Validate and copy.
	 */
	public JsfSignOptions {
		if (target == null || (!target.isEmpty() && !target.startsWith("/"))) {
			throw new IllegalArgumentException("target must be a JSON pointer: \"\" or starting with '/'");
		}
		excludes = List.copyOf(excludes);
	}

	/**
	 * Sign the whole document, exclude nothing, embed the public key.
	 * @return the defaults
	 */
	public static JsfSignOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * These options for another target object.
	 * @param pointer JSON pointer to the object to sign
	 * @return new options
	 */
	public JsfSignOptions withTarget(String pointer) {
		return new JsfSignOptions(pointer, this.excludes, this.embedPublicKey);
	}

	/**
	 * These options leaving the given properties unsigned.
	 * @param names property names of the target object
	 * @return new options
	 */
	public JsfSignOptions withExcludes(String... names) {
		return new JsfSignOptions(this.target, List.of(names), this.embedPublicKey);
	}

	/**
	 * These options without the {@code publicKey} in the signature (the {@code keyId}
	 * alone names the key).
	 * @return new options
	 */
	public JsfSignOptions withoutPublicKey() {
		return new JsfSignOptions(this.target, this.excludes, false);
	}

}
