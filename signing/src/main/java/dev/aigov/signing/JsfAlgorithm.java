package dev.aigov.signing;

import java.util.Optional;

/**
 * The JSF signature algorithms the appliance signs and verifies with. JSF names them as
 * JWA does, except that EdDSA over Curve25519 is spelled {@code Ed25519}.
 */
public enum JsfAlgorithm {

	/** EdDSA with Curve25519 (RFC 8032); the default. */
	ED25519("Ed25519"),

	/** ECDSA on P-256 with SHA-256; the signature value is R || S, 64 bytes. */
	ES256("ES256"),

	/** ECDSA on P-384 with SHA-384; the signature value is R || S, 96 bytes. */
	ES384("ES384"),

	/** RSASSA-PKCS1-v1_5 with SHA-256. */
	RS256("RS256");

	private final String jsfName;

	JsfAlgorithm(String jsfName) {
		this.jsfName = jsfName;
	}

	/**
	 * The name written in a signature's {@code algorithm} property.
	 * @return e.g. {@code Ed25519} or {@code ES256}
	 */
	public String jsfName() {
		return this.jsfName;
	}

	/**
	 * Look an algorithm up by its JSF name (case-sensitive, as JSF is).
	 * @param name the value of an {@code algorithm} property
	 * @return the algorithm, or empty when it is not one of ours
	 */
	public static Optional<JsfAlgorithm> fromJsfName(String name) {
		for (JsfAlgorithm algorithm : values()) {
			if (algorithm.jsfName.equals(name)) {
				return Optional.of(algorithm);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return this.jsfName;
	}

}
