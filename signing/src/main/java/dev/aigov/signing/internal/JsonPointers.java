package dev.aigov.signing.internal;

import java.util.List;
import java.util.Map;

/** RFC 6901 JSON pointers over trees of JDK types. */
public final class JsonPointers {

	private JsonPointers() {
	}

	/**
	 * The object a pointer designates.
	 * @param root the tree
	 * @param pointer {@code ""} for the root, else {@code /a/0/b} (with {@code ~0},
	 * {@code ~1})
	 * @return the object
	 * @throws IllegalArgumentException when the pointer is malformed or designates no
	 * object
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> object(Object root, String pointer) {
		if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
			throw new IllegalArgumentException("JSON pointer must be empty or start with '/': " + pointer);
		}
		Object node = root;
		if (!pointer.isEmpty()) {
			for (String raw : pointer.substring(1).split("/", -1)) {
				String token = raw.replace("~1", "/").replace("~0", "~");
				if (node instanceof Map<?, ?> map && map.containsKey(token)) {
					node = map.get(token);
				}
				else if (node instanceof List<?> list && token.matches("0|[1-9][0-9]{0,9}")
						&& Long.parseLong(token) < list.size()) {
					node = list.get(Integer.parseInt(token));
				}
				else {
					throw new IllegalArgumentException("nothing at JSON pointer " + pointer);
				}
			}
		}
		if (!(node instanceof Map<?, ?>)) {
			throw new IllegalArgumentException("JSON pointer '" + pointer + "' does not designate an object");
		}
		return (Map<String, Object>) node;
	}

	/**
	 * Extend a pointer by one reference token.
	 * @param pointer the parent
	 * @param token a member name or array index
	 * @return the child pointer
	 */
	public static String child(String pointer, String token) {
		return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
	}

}
