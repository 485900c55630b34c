package dev.aigov.signing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.aigov.signing.internal.CanonicalJson;
import dev.aigov.signing.internal.JsonTrees;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the bytes that JSF signatures are computed
 * over.
 * <p>
 * The input is parsed strictly into a tree and the tree is serialized; nothing is ever
 * re-serialized from an object model. Members are sorted by their UTF-16 code units,
 * strings keep every character literally (UTF-8) except {@code "}, {@code \}, and control
 * characters, and numbers are IEEE-754 doubles printed as ECMAScript's
 * {@code Number.prototype.toString()} prints them. Duplicate property names, lone
 * surrogates, malformed UTF-8 and numbers beyond the double range are refused with an
 * {@link InvalidJsonException}.
 * <p>
 * Trees are plain JDK types, as {@link #parse(String)} returns them:
 * {@code Map<String, ?>}, {@code List<?>}, {@code String}, any {@code Number} (taken as
 * its {@code doubleValue()}), {@code Boolean} and {@code null}. All methods are
 * thread-safe.
 */
public final class JsonCanonicalizer {

	private JsonCanonicalizer() {
	}

	/**
	 * Canonicalize JSON text.
	 * @param json the document
	 * @return its canonical form in UTF-8
	 * @throws InvalidJsonException when the text is not strict JSON
	 */
	public static byte[] canonicalize(String json) {
		return CanonicalJson.serialize(JsonTrees.parse(json), json.length());
	}

	/**
	 * Canonicalize UTF-8 JSON text (a leading byte order mark is ignored).
	 * @param utf8Json the document
	 * @return its canonical form in UTF-8
	 * @throws InvalidJsonException when the bytes are not strict JSON in UTF-8
	 */
	public static byte[] canonicalize(byte[] utf8Json) {
		return CanonicalJson.serialize(JsonTrees.parse(utf8Json), utf8Json.length);
	}

	/**
	 * Canonicalize JSON text and return it as a string (convenient for logs and tests).
	 * @param json the document
	 * @return the canonical form
	 * @throws InvalidJsonException when the text is not strict JSON
	 */
	public static String canonicalizeToString(String json) {
		return new String(canonicalize(json), StandardCharsets.UTF_8);
	}

	/**
	 * Canonicalize a tree, for instance a sub-object of a parsed document.
	 * @param value a {@link Map}, {@link List}, string, number, boolean or {@code null}
	 * @return its canonical form in UTF-8
	 * @throws IllegalArgumentException when the tree holds something JSON cannot express
	 * (other types, non-string keys, NaN or infinite numbers, lone surrogates)
	 */
	public static byte[] canonicalizeTree(Object value) {
		return CanonicalJson.serialize(value);
	}

	/**
	 * Parse JSON text strictly into a tree of JDK types: objects become
	 * {@code LinkedHashMap<String, Object>} in document order, arrays
	 * {@code ArrayList<Object>}, numbers {@code Double}.
	 * @param json the document
	 * @return the tree (mutable, owned by the caller)
	 * @throws InvalidJsonException when the text is not strict JSON
	 */
	public static Object parse(String json) {
		return JsonTrees.parse(json);
	}

	/**
	 * Parse UTF-8 JSON text strictly into a tree of JDK types, like
	 * {@link #parse(String)}.
	 * @param utf8Json the document
	 * @return the tree (mutable, owned by the caller)
	 * @throws InvalidJsonException when the bytes are not strict JSON in UTF-8
	 */
	public static Object parse(byte[] utf8Json) {
		return JsonTrees.parse(utf8Json);
	}

}
