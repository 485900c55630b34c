package dev.aigov.signing;

import java.util.List;

/**
 * What verification found for one JSF signer.
 *
 * @param path JSON pointer to the signer object, e.g. {@code /signature},
 * {@code /components/0/signature} or {@code /signature/signers/1}
 * @param algorithm the {@code algorithm} as written (may be one we do not support), or
 * {@code null} when absent
 * @param keyId the {@code keyId} as written, or {@code null}
 * @param keySource where the key that decided the verdict came from
 * @param keyThumbprint RFC 7638 thumbprint of that key (compare it with a published
 * JWKS), or {@code null} when no key was found
 * @param unsignedProperties properties of the signed object the signature leaves out
 * ({@code excludes}); anyone could have changed them
 * @param valid whether the signature is valid (and, when the verifier was given keys,
 * made by one of them)
 * @param reason a sentence for people: why it is valid, or what is wrong
 */
public record SignatureVerdict(String path, String algorithm, String keyId, KeySource keySource, String keyThumbprint,
		List<String> unsignedProperties, boolean valid, String reason) {

	/**
	 * Copy the list.
	 */
	public SignatureVerdict {
		unsignedProperties = List.copyOf(unsignedProperties);
	}

	/** Where the verifying key came from. */
	public enum KeySource {

		/** The signature's own {@code publicKey}: proves integrity, not who signed. */
		EMBEDDED_PUBLIC_KEY,

		/**
		 * The first certificate of {@code certificatePath}, without checking dates or
		 * chain.
		 */
		CERTIFICATE_PATH,

		/** One of the keys the verifier was given ({@link VerificationKeys}). */
		VERIFICATION_KEY,

		/** No key could be found. */
		NONE

	}

}
