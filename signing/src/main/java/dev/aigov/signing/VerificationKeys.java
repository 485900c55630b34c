package dev.aigov.signing;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aigov.signing.internal.JsonTrees;
import dev.aigov.signing.internal.Keys;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.openssl.PEMParser;

/**
 * The public keys a verifier trusts, each with an optional key id. Keys come from a JWKS
 * (with their {@code kid}), from PEM public keys or certificates (without a key id), or
 * from the appliance's own {@link SigningKeys}. Immutable and thread-safe.
 */
public final class VerificationKeys {

	private static final VerificationKeys NONE = new VerificationKeys(List.of());

	private final List<Entry> entries;

	private VerificationKeys(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * No keys: a verifier then relies on the keys embedded in each signature.
	 * @return the empty set
	 */
	public static VerificationKeys none() {
		return NONE;
	}

	/**
	 * One key.
	 * @param keyId its key id, or {@code null} for a key matched by trying
	 * @param key an Ed25519, EC P-256/P-384 or RSA (2048 bits or more) public key
	 * @return the set
	 * @throws IllegalArgumentException for other keys
	 */
	public static VerificationKeys of(String keyId, PublicKey key) {
		return new VerificationKeys(List.of(new Entry(keyId, Keys.fromPublicKey(key))));
	}

	/**
	 * Keys from a JWK Set ({@code {"keys": [...]}}) or a single JWK. Keys marked
	 * {@code "use": "enc"} are skipped.
	 * @param json the JWKS or JWK text
	 * @return the set
	 * @throws IllegalArgumentException with the reason when the text is not a usable JWKS
	 */
	public static VerificationKeys fromJwks(String json) {
		Object root = JsonTrees.parse(json);
		if (!(root instanceof Map<?, ?> object)) {
			throw new IllegalArgumentException("a JWKS must be a JSON object");
		}
		List<?> keys;
		if (object.get("keys") instanceof List<?> list) {
			keys = list;
		}
		else if (object.containsKey("kty")) {
			keys = List.of(object);
		}
		else {
			throw new IllegalArgumentException("neither a JWK Set (\"keys\") nor a JWK (\"kty\")");
		}
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			if (!(keys.get(i) instanceof Map<?, ?> jwk)) {
				throw new IllegalArgumentException("JWKS key #" + (i + 1) + " is not an object");
			}
			if ("enc".equals(jwk.get("use"))) {
				continue;
			}
			String kid = (jwk.get("kid") instanceof String s) ? s : null;
			try {
				entries.add(new Entry(kid, Keys.fromJwk(jwk)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"JWKS key #" + (i + 1) + ((kid != null) ? " (kid " + kid + ")" : "") + ": " + ex.getMessage());
			}
		}
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("the JWKS holds no signature key");
		}
		return new VerificationKeys(entries);
	}

	/**
	 * Keys from PEM text: {@code PUBLIC KEY} and {@code CERTIFICATE} blocks (a
	 * certificate's dates and issuer are not checked). PEM keys have no key id; a
	 * signature naming a key id that no other key carries is tried against them.
	 * @param pem the PEM text
	 * @return the set
	 * @throws IllegalArgumentException with the reason when the text holds no usable key,
	 * or a private key
	 */
	public static VerificationKeys fromPem(String pem) {
		List<Entry> entries = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object item;
			while ((item = parser.readObject()) != null) {
				if (item instanceof SubjectPublicKeyInfo info) {
					entries.add(new Entry(null, Keys.fromSubjectPublicKeyInfo(info.getEncoded())));
				}
				else if (item instanceof X509CertificateHolder certificate) {
					entries.add(new Entry(null, Keys.fromCertificate(certificate.getEncoded())));
				}
				else {
					throw new IllegalArgumentException(
							"the PEM holds a private key or other object; give the public key (openssl pkey -pubout)");
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("not readable PEM (" + ex.getMessage() + ")");
		}
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("no PEM PUBLIC KEY or CERTIFICATE block found");
		}
		return new VerificationKeys(entries);
	}

	/**
	 * This set and another.
	 * @param other more keys
	 * @return the union (a key id found in both resolves to this set's key)
	 */
	public VerificationKeys and(VerificationKeys other) {
		List<Entry> all = new ArrayList<>(this.entries);
		all.addAll(other.entries);
		return new VerificationKeys(all);
	}

	/**
	 * Whether the set is empty.
	 * @return {@code true} when there are no keys
	 */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/**
	 * How many keys the set holds.
	 * @return the count
	 */
	public int size() {
		return this.entries.size();
	}

	/**
	 * The key registered under a key id.
	 * @param keyId the key id
	 * @return the key, or empty
	 */
	public Optional<PublicKey> find(String keyId) {
		return Optional.ofNullable(byKeyId(keyId)).map((entry) -> Keys.toPublicKey(entry.key()));
	}

	Entry byKeyId(String keyId) {
		if (keyId == null) {
			return null;
		}
		for (Entry entry : this.entries) {
			if (keyId.equals(entry.keyId())) {
				return entry;
			}
		}
		return null;
	}

	Entry byThumbprint(String thumbprint) {
		for (Entry entry : this.entries) {
			if (entry.thumbprint().equals(thumbprint)) {
				return entry;
			}
		}
		return null;
	}

	List<Entry> withoutKeyId() {
		return this.entries.stream().filter((entry) -> entry.keyId() == null).toList();
	}

	@Override
	public String toString() {
		return "VerificationKeys" + this.entries.stream().map(Entry::label).toList();
	}

	/** A key with its optional key id and its RFC 7638 thumbprint. */
	record Entry(String keyId, AsymmetricKeyParameter key, String thumbprint) {

		Entry(String keyId, AsymmetricKeyParameter key) {
			this(keyId, key, Keys.thumbprint(key));
		}

		String label() {
			return (this.keyId != null) ? this.keyId : "thumbprint " + this.thumbprint;
		}

	}

}
