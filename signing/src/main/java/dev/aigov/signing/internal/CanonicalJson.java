package dev.aigov.signing.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 serialization of a JSON tree of JDK types ({@link Map} with {@code String}
 * keys, {@link List}, {@link String}, {@link Number}, {@link Boolean}, {@code null})
 * straight into UTF-8 bytes: members sorted by UTF-16 code units, no whitespace, strings
 * with the minimal escapes, numbers as ECMAScript prints them.
 */
public final class CanonicalJson {

	private static final byte[] HEX = "0123456789abcdef".getBytes();

	private byte[] buffer;

	private int length;

	private CanonicalJson(int capacity) {
		this.buffer = new byte[capacity];
	}

	/**
	 * The canonical UTF-8 bytes of a tree.
	 * @param value the tree
	 * @return the bytes
	 * @throws IllegalArgumentException for values that are not JSON (NaN, other types,
	 * non-string keys, lone surrogates)
	 */
	public static byte[] serialize(Object value) {
		return serialize(value, 4096);
	}

	/**
	 * The canonical UTF-8 bytes of a tree, with a guess of their size.
	 * @param value the tree
	 * @param expectedSize roughly how many bytes to expect (the source text's length)
	 * @return the bytes
	 * @throws IllegalArgumentException for values that are not JSON
	 */
	public static byte[] serialize(Object value, int expectedSize) {
		CanonicalJson out = new CanonicalJson(Math.max(expectedSize, 16));
		out.value(value);
		return (out.length == out.buffer.length) ? out.buffer : Arrays.copyOf(out.buffer, out.length);
	}

	private void value(Object value) {
		if (value == null) {
			ascii("null");
		}
		else if (value instanceof String string) {
			string(string);
		}
		else if (value instanceof Map<?, ?> map) {
			object(map);
		}
		else if (value instanceof List<?> list) {
			array(list);
		}
		else if (value instanceof Boolean bool) {
			ascii(bool ? "true" : "false");
		}
		else if (value instanceof Number number) {
			ascii(EcmaNumbers.toString(number.doubleValue()));
		}
		else {
			throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
		}
	}

	private void object(Map<?, ?> map) {
		String[] names = new String[map.size()];
		int i = 0;
		for (Object key : map.keySet()) {
			if (!(key instanceof String name)) {
				throw new IllegalArgumentException("JSON object keys must be strings, found " + key);
			}
			names[i++] = name;
		}
		// String.compareTo compares UTF-16 code units, exactly the order RFC 8785 asks
		// for.
		Arrays.sort(names);
		append((byte) '{');
		for (i = 0; i < names.length; i++) {
			if (i > 0) {
				append((byte) ',');
			}
			string(names[i]);
			append((byte) ':');
			value(map.get(names[i]));
		}
		append((byte) '}');
	}

	private void array(List<?> list) {
		append((byte) '[');
		boolean first = true;
		for (Object element : list) {
			if (!first) {
				append((byte) ',');
			}
			first = false;
			value(element);
		}
		append((byte) ']');
	}

	private void string(String s) {
		int n = s.length();
		ensure(n * 3 + 2);
		byte[] b = this.buffer;
		int p = this.length;
		b[p++] = '"';
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (c < 0x80) {
				if (c >= 0x20 && c != '"' && c != '\\') {
					b[p++] = (byte) c;
					continue;
				}
				this.length = p;
				escape(c);
				b = this.buffer;
				p = this.length;
				// the escape may have grown the buffer; keep room for the rest of the
				// string
				ensure((n - i) * 3 + 1);
				b = this.buffer;
			}
			else if (c < 0x800) {
				b[p++] = (byte) (0xC0 | (c >> 6));
				b[p++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
					throw new IllegalArgumentException(
							String.format("lone surrogate \\u%04x in a string (RFC 8785 forbids it)", (int) c));
				}
				int cp = Character.toCodePoint(c, s.charAt(++i));
				b[p++] = (byte) (0xF0 | (cp >> 18));
				b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
				b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
				b[p++] = (byte) (0x80 | (cp & 0x3F));
			}
			else {
				b[p++] = (byte) (0xE0 | (c >> 12));
				b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				b[p++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		b[p++] = '"';
		this.length = p;
	}

	private void escape(char c) {
		switch (c) {
			case '"' -> ascii("\\\"");
			case '\\' -> ascii("\\\\");
			case '\b' -> ascii("\\b");
			case '\f' -> ascii("\\f");
			case '\n' -> ascii("\\n");
			case '\r' -> ascii("\\r");
			case '\t' -> ascii("\\t");
			default -> {
				ascii("\\u00");
				append(HEX[c >> 4]);
				append(HEX[c & 0xF]);
			}
		}
	}

	private void ascii(String s) {
		int n = s.length();
		ensure(n);
		for (int i = 0; i < n; i++) {
			this.buffer[this.length++] = (byte) s.charAt(i);
		}
	}

	private void append(byte b) {
		ensure(1);
		this.buffer[this.length++] = b;
	}

	private void ensure(int extra) {
		if (this.length + extra > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + extra));
		}
	}

}
