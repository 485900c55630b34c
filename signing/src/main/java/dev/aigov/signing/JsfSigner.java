package dev.aigov.signing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aigov.signing.internal.Base64Url;
import dev.aigov.signing.internal.CanonicalJson;
import dev.aigov.signing.internal.JsfCrypto;
import dev.aigov.signing.internal.JsfStructure;
import dev.aigov.signing.internal.JsfStructure.Mode;
import dev.aigov.signing.internal.JsonPointers;
import dev.aigov.signing.internal.JsonTrees;
import dev.aigov.signing.internal.Keys;
import dev.aigov.signing.internal.PrettyJson;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * Signs JSON objects with JSF (JSON Signature Format) over their RFC 8785 canonical form,
 * with one private key.
 * <p>
 * The document is parsed strictly (see {@link JsonCanonicalizer}) and the signature is
 * computed over the canonical form of the parsed target object. The signed document is
 * the input text with one {@code signature} property inserted at the end of the target
 * object, indented like its neighbours; nothing else in the text changes (a leading byte
 * order mark is dropped). The signer object carries {@code algorithm}, {@code keyId}
 * (when the signer has one), {@code publicKey} (a JWK, unless
 * {@link JsfSignOptions#withoutPublicKey()}), {@code excludes} (single signatures) and
 * {@code value}. Any other layout of the same JSON, its canonical form included, verifies
 * the same way.
 * <p>
 * Instances are immutable and thread-safe; they never reveal the private key.
 */
public final class JsfSigner {

	private final JsfAlgorithm algorithm;

	private final AsymmetricKeyParameter privateKey;

	private final AsymmetricKeyParameter publicKey;

	private final String keyId;

	private JsfSigner(JsfAlgorithm algorithm, AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey,
			String keyId) {
		this.algorithm = algorithm;
		this.privateKey = privateKey;
		this.publicKey = publicKey;
		this.keyId = keyId;
	}

	/**
	 * A signer for a key pair.
	 * @param algorithm the algorithm; the key must fit it (Ed25519; EC P-256 for ES256;
	 * EC P-384 for ES384; RSA of 2048 bits or more for RS256)
	 * @param keyPair the keys (any JCA provider)
	 * @param keyId the {@code keyId} to write, or {@code null} for none
	 * @return the signer
	 * @throws IllegalArgumentException when the key does not fit the algorithm, or the
	 * private key does not belong to the public key
	 */
	public static JsfSigner of(JsfAlgorithm algorithm, KeyPair keyPair, String keyId) {
		AsymmetricKeyParameter publicKey = Keys.fromPublicKey(keyPair.getPublic());
		String misfit = Keys.misfit(algorithm, publicKey);
		if (misfit != null) {
			throw new IllegalArgumentException(misfit);
		}
		if (publicKey instanceof RSAKeyParameters rsa && rsa.getModulus().bitLength() < Keys.MIN_RSA_BITS) {
			throw new IllegalArgumentException("RSA keys must have at least " + Keys.MIN_RSA_BITS + " bits");
		}
		AsymmetricKeyParameter privateKey = Keys.fromPrivateKey(keyPair.getPrivate());
		byte[] probe = { 'j', 's', 'f' };
		if (!JsfCrypto.verify(algorithm, publicKey, probe, JsfCrypto.sign(algorithm, privateKey, probe))) {
			throw new IllegalArgumentException("the private key does not belong to the public key");
		}
		return new JsfSigner(algorithm, privateKey, publicKey, keyId);
	}

	/**
	 * The algorithm this signer writes.
	 * @return the algorithm
	 */
	public JsfAlgorithm algorithm() {
		return this.algorithm;
	}

	/**
	 * The key id this signer writes.
	 * @return the key id, or empty
	 */
	public Optional<String> keyId() {
		return Optional.ofNullable(this.keyId);
	}

	/**
	 * The public key as a JWK (RFC 7517) with {@code kid} (when there is one),
	 * {@code alg} and {@code use}.
	 * @return JSON text
	 */
	public String publicKeyJwk() {
		Map<String, Object> jwk = Keys.toJwk(this.publicKey);
		if (this.keyId != null) {
			jwk.put("kid", this.keyId);
		}
		jwk.put("alg", this.algorithm.jsfName());
		jwk.put("use", "sig");
		return new String(CanonicalJson.serialize(jwk), StandardCharsets.UTF_8);
	}

	/**
	 * The RFC 7638 thumbprint of the public key.
	 * @return base64url SHA-256 thumbprint
	 */
	public String publicKeyThumbprint() {
		return Keys.thumbprint(this.publicKey);
	}

	/**
	 * Sign the whole document with a single signature.
	 * @param json a JSON document whose root is an object without a {@code signature}
	 * @return the signed document
	 * @throws InvalidJsonException when the text is not strict JSON
	 * @throws IllegalArgumentException when the root is not an object or is already
	 * signed
	 */
	public String sign(String json) {
		return sign(json, JsfSignOptions.defaults());
	}

	/**
	 * Sign an object of the document with a single signature.
	 * @param json a JSON document
	 * @param options which object, which properties to leave out, whether to embed the
	 * key
	 * @return the signed document
	 * @throws InvalidJsonException when the text is not strict JSON
	 * @throws IllegalArgumentException when the target is not an object, is already
	 * signed, or an excluded property is missing
	 */
	public String sign(String json, JsfSignOptions options) {
		return sign(json, List.of(this), options, Mode.SINGLE);
	}

	/**
	 * Sign an object with several independent signatures (JSF multi-signature, a
	 * {@code signers} array); each signer signs the object with only its own signer
	 * object.
	 * @param json a JSON document
	 * @param signers the signers, at least one
	 * @param options which object, which properties to leave out, whether to embed the
	 * keys
	 * @return the signed document
	 * @throws InvalidJsonException when the text is not strict JSON
	 * @throws IllegalArgumentException as for {@link #sign(String, JsfSignOptions)}
	 */
	public static String signMultiple(String json, List<JsfSigner> signers, JsfSignOptions options) {
		return sign(json, signers, options, Mode.MULTI);
	}

	/**
	 * Sign an object with a signature chain (a JSF {@code chain} array); each signer also
	 * signs the signers before it, in list order.
	 * @param json a JSON document
	 * @param signers the signers, at least one
	 * @param options which object, which properties to leave out, whether to embed the
	 * keys
	 * @return the signed document
	 * @throws InvalidJsonException when the text is not strict JSON
	 * @throws IllegalArgumentException as for {@link #sign(String, JsfSignOptions)}
	 */
	public static String signChain(String json, List<JsfSigner> signers, JsfSignOptions options) {
		return sign(json, signers, options, Mode.CHAIN);
	}

	private static String sign(String json, List<JsfSigner> signers, JsfSignOptions options, Mode mode) {
		if (signers.isEmpty()) {
			throw new IllegalArgumentException("at least one signer is needed");
		}
		String text = (!json.isEmpty() && json.charAt(0) == '\uFEFF') ? json.substring(1) : json;
		Object root = JsonTrees.parse(text);
		Map<String, Object> target = JsonPointers.object(root, options.target());
		if (target.containsKey(JsfStructure.SIGNATURE)) {
			throw new IllegalArgumentException(
					"the object at '" + options.target() + "' already has a \"signature\" property");
		}
		for (String name : options.excludes()) {
			if (name.equals(JsfStructure.SIGNATURE) || !target.containsKey(name)) {
				throw new IllegalArgumentException("cannot exclude \"" + name + "\": not a property of the object");
			}
		}
		if (options.excludes().stream().distinct().count() != options.excludes().size()) {
			throw new IllegalArgumentException("excludes lists a property twice");
		}
		List<Map<String, Object>> headers = new ArrayList<>();
		for (JsfSigner signer : signers) {
			headers.add(signer.header(options));
		}
		Map<String, Object> signature;
		if (mode == Mode.SINGLE) {
			signature = headers.get(0);
			if (!options.excludes().isEmpty()) {
				signature.put(JsfStructure.EXCLUDES, new ArrayList<>(options.excludes()));
			}
		}
		else {
			signature = new LinkedHashMap<>();
			if (!options.excludes().isEmpty()) {
				signature.put(JsfStructure.EXCLUDES, new ArrayList<>(options.excludes()));
			}
			signature.put((mode == Mode.MULTI) ? JsfStructure.SIGNERS : JsfStructure.CHAIN, headers);
		}
		for (int i = 0; i < signers.size(); i++) {
			// A chain signer signs the values before it, so values are set in order.
			byte[] data = JsfStructure.signedData(target, signature, mode, headers, i, options.excludes());
			JsfSigner signer = signers.get(i);
			byte[] value = JsfCrypto.sign(signer.algorithm, signer.privateKey, data);
			headers.get(i).put(JsfStructure.VALUE, Base64Url.encode(value));
		}
		return insert(text, JsonTrees.closingBrace(text, options.target()), target.isEmpty(), signature);
	}

	/**
	 * The text with {@code "signature": ...} added as the last member of the object whose
	 * closing brace is at {@code brace}: compact after a compact object, else on its own
	 * line(s) indented like the member before it.
	 */
	private static String insert(String text, int brace, boolean empty, Map<String, Object> signature) {
		int last = brace - 1;
		while (last >= 0 && " \t\r\n".indexOf(text.charAt(last)) >= 0) {
			last--;
		}
		String gap = text.substring(last + 1, brace);
		int newline = gap.lastIndexOf('\n');
		StringBuilder out = new StringBuilder(text.length() + 1024).append(text, 0, last + 1);
		if (!empty) {
			out.append(',');
		}
		if (newline < 0) {
			out.append('"').append(JsfStructure.SIGNATURE).append("\":").append(PrettyJson.compact(signature));
		}
		else {
			String closing = gap.substring(newline + 1);
			int lineStart = text.lastIndexOf('\n', last) + 1;
			int indentEnd = lineStart;
			while (indentEnd < last && (text.charAt(indentEnd) == ' ' || text.charAt(indentEnd) == '\t')) {
				indentEnd++;
			}
			String previous = text.substring(lineStart, indentEnd);
			String unit = (previous.startsWith(closing) && previous.length() > closing.length())
					? previous.substring(closing.length()) : (closing.indexOf('\t') >= 0) ? "\t" : "  ";
			String member = empty ? closing + unit : (previous.length() > closing.length()) ? previous : closing + unit;
			String eol = (newline > 0 && gap.charAt(newline - 1) == '\r') ? "\r\n" : "\n";
			String rendered = PrettyJson.write(signature, member, unit);
			out.append(eol)
				.append(member)
				.append('"')
				.append(JsfStructure.SIGNATURE)
				.append("\": ")
				.append(eol.equals("\n") ? rendered : rendered.replace("\n", eol));
		}
		return out.append(text, last + 1, text.length()).toString();
	}

	private Map<String, Object> header(JsfSignOptions options) {
		if (!options.embedPublicKey() && this.keyId == null) {
			throw new IllegalArgumentException("a signature without publicKey needs a keyId to name its key");
		}
		Map<String, Object> header = new LinkedHashMap<>();
		header.put(JsfStructure.ALGORITHM, this.algorithm.jsfName());
		if (this.keyId != null) {
			header.put(JsfStructure.KEY_ID, this.keyId);
		}
		if (options.embedPublicKey()) {
			header.put(JsfStructure.PUBLIC_KEY, Keys.toJwk(this.publicKey));
		}
		return header;
	}

	@Override
	public String toString() {
		return "JsfSigner[" + this.algorithm.jsfName() + ((this.keyId != null) ? ", keyId " + this.keyId : "") + "]";
	}

}
