package dev.aigov.signing;

import java.util.List;

/**
 * The outcome of verifying a document: one verdict per JSF signer found anywhere in it,
 * in document order (outer signatures before the nested ones they cover).
 *
 * @param signatures the verdicts
 * @param problem why the document as a whole could not be checked (invalid JSON, no
 * signature at all), or {@code null}
 */
public record JsfVerification(List<SignatureVerdict> signatures, String problem) {

	/**
	 * Copy the list.
	 */
	public JsfVerification {
		signatures = List.copyOf(signatures);
	}

	/**
	 * Whether the document is fully verified: it could be read, has at least one
	 * signature, and every signature is valid.
	 * @return the overall verdict
	 */
	public boolean valid() {
		return this.problem == null && !this.signatures.isEmpty()
				&& this.signatures.stream().allMatch(SignatureVerdict::valid);
	}

	/**
	 * The verdicts of the signatures that failed.
	 * @return the invalid ones, possibly none
	 */
	public List<SignatureVerdict> invalidSignatures() {
		return this.signatures.stream().filter((verdict) -> !verdict.valid()).toList();
	}

}
