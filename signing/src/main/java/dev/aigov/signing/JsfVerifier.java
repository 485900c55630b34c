package dev.aigov.signing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.signing.SignatureVerdict.KeySource;
import dev.aigov.signing.internal.Base64Url;
import dev.aigov.signing.internal.JsfCrypto;
import dev.aigov.signing.internal.JsfStructure;
import dev.aigov.signing.internal.JsfStructure.Mode;
import dev.aigov.signing.internal.JsonPointers;
import dev.aigov.signing.internal.JsonTrees;
import dev.aigov.signing.internal.Keys;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Verifies every JSF signature in a JSON document: each object's {@code signature}
 * property, at any depth, in its single, multi-signature ({@code signers}) or chain
 * ({@code chain}) form, with {@code excludes} honoured. Supported algorithms: Ed25519,
 * ES256, ES384, RS256.
 * <p>
 * Which key decides:
 * <ul>
 * <li>Without verification keys, the key embedded in the signature ({@code publicKey}, or
 * the first certificate of {@code certificatePath}, whose dates and chain are not
 * checked). That proves the signed data is intact; who signed is shown by the key's
 * thumbprint.</li>
 * <li>With verification keys, the signature must be made by one of them: the key
 * registered under the signature's {@code keyId}, else the key equal to the embedded one,
 * else (for a signature with only a {@code keyId}) any key without a key id that fits. An
 * embedded key that differs from the key registered for its {@code keyId} is a
 * failure.</li>
 * </ul>
 * Bad input never throws: invalid JSON, unknown algorithms, malformed or truncated values
 * and keys that do not match all end up as a verdict with its reason. Immutable and
 * thread-safe.
 */
public final class JsfVerifier {

	private final VerificationKeys keys;

	private JsfVerifier(VerificationKeys keys) {
		this.keys = keys;
	}

	/**
	 * A verifier that relies on the keys embedded in the signatures.
	 * @return the verifier
	 */
	public static JsfVerifier withEmbeddedKeys() {
		return new JsfVerifier(VerificationKeys.none());
	}

	/**
	 * A verifier that accepts only signatures made by the given keys (with no keys, the
	 * same as {@link #withEmbeddedKeys()}).
	 * @param keys the trusted keys
	 * @return the verifier
	 */
	public static JsfVerifier withKeys(VerificationKeys keys) {
		return new JsfVerifier(keys);
	}

	/**
	 * Verify a document.
	 * @param json the JSON text
	 * @return the verdicts; never {@code null}, never an exception for bad input
	 */
	public JsfVerification verify(String json) {
		Object root;
		try {
			root = JsonTrees.parse(json);
		}
		catch (InvalidJsonException ex) {
			return new JsfVerification(List.of(), ex.getMessage());
		}
		return verifyTree(root);
	}

	/**
	 * Verify a document given as UTF-8 bytes.
	 * @param utf8Json the JSON text
	 * @return the verdicts; never {@code null}, never an exception for bad input
	 */
	public JsfVerification verify(byte[] utf8Json) {
		Object root;
		try {
			root = JsonTrees.parse(utf8Json);
		}
		catch (InvalidJsonException ex) {
			return new JsfVerification(List.of(), ex.getMessage());
		}
		return verifyTree(root);
	}

	private JsfVerification verifyTree(Object root) {
		List<SignatureVerdict> verdicts = new ArrayList<>();
		walk(root, null, verdicts);
		if (verdicts.isEmpty()) {
			return new JsfVerification(verdicts,
					"no JSF signature found: no object in the document has a \"signature\" object");
		}
		return new JsfVerification(verdicts, null);
	}

	@SuppressWarnings("unchecked")
	private void walk(Object node, Pointer pointer, List<SignatureVerdict> verdicts) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> object = (Map<String, Object>) map;
			Object signature = object.get(JsfStructure.SIGNATURE);
			if (signature instanceof Map<?, ?> signatureObject) {
				verifySignature(object, (Map<String, Object>) signatureObject,
						JsonPointers.child(Pointer.render(pointer), JsfStructure.SIGNATURE), verdicts);
			}
			for (Map.Entry<String, Object> entry : object.entrySet()) {
				Object value = entry.getValue();
				// a signature object is not searched for further signatures
				if ((value instanceof Map<?, ?> || value instanceof List<?>) && value != signature) {
					walk(value, new Pointer(pointer, entry.getKey()), verdicts);
				}
			}
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				Object value = list.get(i);
				if (value instanceof Map<?, ?> || value instanceof List<?>) {
					walk(value, new Pointer(pointer, Integer.toString(i)), verdicts);
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void verifySignature(Map<String, Object> object, Map<String, Object> signature, String path,
			List<SignatureVerdict> verdicts) {
		boolean multi = signature.containsKey(JsfStructure.SIGNERS);
		boolean chain = signature.containsKey(JsfStructure.CHAIN);
		Mode mode = multi ? Mode.MULTI : chain ? Mode.CHAIN : Mode.SINGLE;
		String arrayName = multi ? JsfStructure.SIGNERS : JsfStructure.CHAIN;
		List<Map<String, Object>> signers = new ArrayList<>();
		if (multi && chain) {
			verdicts.add(broken(path, "the signature object has both \"signers\" and \"chain\""));
			return;
		}
		if (mode == Mode.SINGLE) {
			signers.add(signature);
		}
		else {
			if (!(signature.get(arrayName) instanceof List<?> list) || list.isEmpty()) {
				verdicts.add(broken(path, "\"" + arrayName + "\" must be a non-empty array of signer objects"));
				return;
			}
			for (Object element : list) {
				if (!(element instanceof Map<?, ?> signer)) {
					verdicts.add(broken(path, "\"" + arrayName + "\" must hold signer objects only"));
					return;
				}
				signers.add((Map<String, Object>) signer);
			}
		}
		String problem = null;
		List<String> excludes = List.of();
		Set<String> extensions = Set.of();
		try {
			excludes = names(signature, JsfStructure.EXCLUDES);
			if (excludes.contains(JsfStructure.SIGNATURE)) {
				throw new IllegalArgumentException("\"excludes\" must not name the signature property");
			}
			extensions = Set.copyOf(names(signature, JsfStructure.EXTENSIONS));
			if (mode != Mode.SINGLE) {
				for (String name : signature.keySet()) {
					if (!name.equals(arrayName) && !name.equals(JsfStructure.EXCLUDES)
							&& !name.equals(JsfStructure.EXTENSIONS)) {
						throw new IllegalArgumentException(
								"unexpected property \"" + name + "\" in the signature object");
					}
				}
			}
		}
		catch (IllegalArgumentException ex) {
			problem = ex.getMessage();
		}
		for (int i = 0; i < signers.size(); i++) {
			String signerPath = (mode == Mode.SINGLE) ? path : path + "/" + arrayName + "/" + i;
			Check check = new Check(signerPath, signers.get(i), excludes);
			try {
				if (problem != null) {
					check.fail(problem);
				}
				else {
					verifySigner(check, object, signature, mode, signers, i, excludes, extensions);
				}
			}
			catch (RuntimeException ex) {
				// Every input problem is anticipated above; this keeps the promise of a
				// verdict anyway.
				check.fail("could not be checked: " + ex);
			}
			verdicts.add(check.verdict());
		}
	}

	private void verifySigner(Check check, Map<String, Object> object, Map<String, Object> signature, Mode mode,
			List<Map<String, Object>> signers, int index, List<String> excludes, Set<String> extensions) {
		Map<String, Object> signer = signers.get(index);
		for (String name : signer.keySet()) {
			boolean allowed = JsfStructure.SIGNER_PROPERTIES.contains(name) || extensions.contains(name)
					|| (mode == Mode.SINGLE
							&& (name.equals(JsfStructure.EXCLUDES) || name.equals(JsfStructure.EXTENSIONS)));
			if (!allowed) {
				check.fail("unexpected property \"" + name + "\" in the signer object");
				return;
			}
		}
		if (check.algorithmName == null) {
			check.fail("the signer has no \"algorithm\" string");
			return;
		}
		JsfAlgorithm algorithm = JsfAlgorithm.fromJsfName(check.algorithmName).orElse(null);
		if (algorithm == null) {
			check.fail(
					"unsupported algorithm \"" + check.algorithmName + "\" (supported: Ed25519, ES256, ES384, RS256)");
			return;
		}
		if (signer.containsKey(JsfStructure.KEY_ID) && check.keyId == null) {
			check.fail("\"keyId\" must be a string");
			return;
		}
		if (!(signer.get(JsfStructure.VALUE) instanceof String encoded)) {
			check.fail("the signer has no \"value\" string");
			return;
		}
		byte[] value;
		try {
			value = Base64Url.decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			check.fail("the signature value is " + ex.getMessage());
			return;
		}
		AsymmetricKeyParameter embedded;
		KeySource embeddedSource;
		try {
			embedded = embeddedKey(signer);
			embeddedSource = signer.containsKey(JsfStructure.CERTIFICATE_PATH) ? KeySource.CERTIFICATE_PATH
					: KeySource.EMBEDDED_PUBLIC_KEY;
		}
		catch (IllegalArgumentException ex) {
			check.fail(ex.getMessage());
			return;
		}
		byte[] data = JsfStructure.signedData(object, signature, mode, signers, index, excludes);

		VerificationKeys.Entry registered = this.keys.byKeyId(check.keyId);
		if (registered != null) {
			if (embedded != null && !Keys.thumbprint(embedded).equals(registered.thumbprint())) {
				check.key(embeddedSource, embedded);
				check.fail("the embedded key does not match the key registered for keyId \"" + check.keyId + "\"");
				return;
			}
			check.key(KeySource.VERIFICATION_KEY, registered.key());
			verifyWith(check, algorithm, registered.key(), data, value,
					"the verification key registered for keyId \"" + check.keyId + "\"");
			return;
		}
		if (embedded != null) {
			if (this.keys.isEmpty()) {
				check.key(embeddedSource, embedded);
				verifyWith(check, algorithm, embedded, data, value,
						(embeddedSource == KeySource.CERTIFICATE_PATH)
								? "the key of certificatePath[0] (certificate dates and chain not checked)"
								: "the embedded publicKey");
				return;
			}
			VerificationKeys.Entry trusted = this.keys.byThumbprint(Keys.thumbprint(embedded));
			if (trusted == null) {
				check.key(embeddedSource, embedded);
				String intact = (Keys.misfit(algorithm, embedded) == null
						&& JsfCrypto.verify(algorithm, embedded, data, value)) ? "the signature itself is intact"
								: "the signature does not verify either";
				check.fail("the signing key is not among the verification keys (" + intact + ")");
				return;
			}
			check.key(KeySource.VERIFICATION_KEY, trusted.key());
			verifyWith(check, algorithm, trusted.key(), data, value, "verification key " + trusted.label());
			return;
		}
		List<VerificationKeys.Entry> candidates = this.keys.withoutKeyId();
		if (candidates.isEmpty()) {
			check.fail((check.keyId != null) ? "no key for keyId \"" + check.keyId
					+ "\": the signature embeds no publicKey or certificatePath; supply the signer's JWKS or PEM public key"
					: "the signature names no keyId and embeds no publicKey or certificatePath");
			return;
		}
		for (VerificationKeys.Entry candidate : candidates) {
			if (Keys.misfit(algorithm, candidate.key()) == null
					&& JsfCrypto.lengthProblem(algorithm, candidate.key(), value) == null
					&& JsfCrypto.verify(algorithm, candidate.key(), data, value)) {
				check.key(KeySource.VERIFICATION_KEY, candidate.key());
				check.pass("signature verified with verification key " + candidate.label());
				return;
			}
		}
		check.fail("the signature does not verify with any of the " + candidates.size()
				+ " verification key(s) without a key id");
	}

	private static void verifyWith(Check check, JsfAlgorithm algorithm, AsymmetricKeyParameter key, byte[] data,
			byte[] value, String keyDescription) {
		String misfit = Keys.misfit(algorithm, key);
		if (misfit != null) {
			check.fail(misfit);
			return;
		}
		String length = JsfCrypto.lengthProblem(algorithm, key, value);
		if (length != null) {
			check.fail(length);
			return;
		}
		if (JsfCrypto.verify(algorithm, key, data, value)) {
			check.pass("signature verified with " + keyDescription);
		}
		else {
			check.fail("the signature does not match the signed data with " + keyDescription
					+ ": the data was changed after signing, or the value belongs to other data or another key");
		}
	}

	private static AsymmetricKeyParameter embeddedKey(Map<String, Object> signer) {
		Object jwk = signer.get(JsfStructure.PUBLIC_KEY);
		Object path = signer.get(JsfStructure.CERTIFICATE_PATH);
		if (jwk != null && path != null) {
			throw new IllegalArgumentException("a signer must not have both \"publicKey\" and \"certificatePath\"");
		}
		if (jwk != null) {
			if (!(jwk instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException("\"publicKey\" must be a JWK object");
			}
			try {
				return Keys.fromJwk(map);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("\"publicKey\" is not usable: " + ex.getMessage());
			}
		}
		if (path != null) {
			if (!(path instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof String first)) {
				throw new IllegalArgumentException("\"certificatePath\" must be a non-empty array of certificates");
			}
			try {
				return Keys.fromCertificate(Base64Url.decodeLenient(first));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("certificatePath[0] is not usable: " + ex.getMessage());
			}
		}
		return null;
	}

	private static List<String> names(Map<String, Object> signature, String property) {
		Object value = signature.get(property);
		if (value == null && !signature.containsKey(property)) {
			return List.of();
		}
		if (!(value instanceof List<?> list) || list.isEmpty()) {
			throw new IllegalArgumentException("\"" + property + "\" must be a non-empty array of property names");
		}
		Set<String> seen = new HashSet<>();
		List<String> names = new ArrayList<>();
		for (Object element : list) {
			if (!(element instanceof String name) || !seen.add(name)) {
				throw new IllegalArgumentException("\"" + property + "\" must list distinct property names");
			}
			names.add(name);
		}
		return names;
	}

	private static SignatureVerdict broken(String path, String reason) {
		return new SignatureVerdict(path, null, null, KeySource.NONE, null, List.of(), false, reason);
	}

	/**
	 * A JSON pointer built up while walking, rendered only where a signature is found.
	 */
	private record Pointer(Pointer parent, String token) {

		static String render(Pointer pointer) {
			return (pointer == null) ? "" : JsonPointers.child(render(pointer.parent), pointer.token);
		}

	}

	/** The verdict for one signer, filled in as the checks go. */
	private static final class Check {

		private final String path;

		private final String algorithmName;

		private final String keyId;

		private final List<String> unsigned;

		private KeySource keySource = KeySource.NONE;

		private String thumbprint;

		private boolean valid;

		private String reason;

		Check(String path, Map<String, Object> signer, List<String> unsigned) {
			this.path = path;
			this.algorithmName = (signer.get(JsfStructure.ALGORITHM) instanceof String s) ? s : null;
			this.keyId = (signer.get(JsfStructure.KEY_ID) instanceof String s) ? s : null;
			this.unsigned = unsigned;
		}

		void key(KeySource source, AsymmetricKeyParameter key) {
			this.keySource = source;
			this.thumbprint = Keys.thumbprint(key);
		}

		void pass(String reason) {
			this.valid = true;
			this.reason = reason;
		}

		void fail(String reason) {
			this.valid = false;
			this.reason = reason;
		}

		SignatureVerdict verdict() {
			return new SignatureVerdict(this.path, this.algorithmName, this.keyId, this.keySource, this.thumbprint,
					this.unsigned, this.valid, this.reason);
		}

	}

}
