package dev.aigov.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.aigov.signing.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;

/**
 * SHA-256 over the RFC 8785 canonical form of a JSON tree (a {@link Map} tree or a
 * Jackson {@link JsonNode}), written straight into the digest. It gives the same bytes as
 * {@link JsonCanonicalizer#canonicalizeTree} (tested), several times faster, and reads a
 * parsed {@code _source} without converting it: the chain hash is computed on every
 * append and for every record verified. Non-integral numbers are formatted by
 * {@link JsonCanonicalizer} itself. Not thread-safe: one instance per thread.
 */
final class CanonicalHash {

	private static final ThreadLocal<CanonicalHash> instances = ThreadLocal.withInitial(CanonicalHash::new);

	private static final long EXACT = 1L << 53;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final MessageDigest digest;

	private byte[] buffer = new byte[8192];

	private int length;

	private CanonicalHash() {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The hex SHA-256 of the canonical form of a map tree. */
	static String of(Object tree) {
		CanonicalHash hash = instances.get();
		hash.length = 0;
		hash.value(tree);
		return hash.finish();
	}

	/** The hex SHA-256 of the canonical form of a Jackson tree. */
	static String of(JsonNode tree) {
		CanonicalHash hash = instances.get();
		hash.length = 0;
		hash.node(tree);
		return hash.finish();
	}

	/** The canonical bytes of a map tree (for tests). */
	static byte[] bytes(Object tree) {
		CanonicalHash hash = instances.get();
		hash.length = 0;
		hash.value(tree);
		return Arrays.copyOf(hash.buffer, hash.length);
	}

	private String finish() {
		this.digest.reset();
		this.digest.update(this.buffer, 0, this.length);
		return HexFormat.of().formatHex(this.digest.digest());
	}

	@SuppressWarnings("unchecked")
	private void value(Object value) {
		if (value == null) {
			ascii("null");
		}
		else if (value instanceof String text) {
			string(text);
		}
		else if (value instanceof Boolean bool) {
			ascii(bool ? "true" : "false");
		}
		else if (value instanceof Number number) {
			number(number);
		}
		else if (value instanceof Map<?, ?> map) {
			List<String> keys = new ArrayList<>((java.util.Set<String>) map.keySet());
			keys.sort(null);
			put('{');
			for (int i = 0; i < keys.size(); i++) {
				if (i > 0) {
					put(',');
				}
				string(keys.get(i));
				put(':');
				value(map.get(keys.get(i)));
			}
			put('}');
		}
		else if (value instanceof List<?> list) {
			put('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					put(',');
				}
				value(list.get(i));
			}
			put(']');
		}
		else {
			throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
		}
	}

	private void node(JsonNode node) {
		if (node.isObject()) {
			List<String> keys = new ArrayList<>(node.propertyNames());
			keys.sort(null);
			put('{');
			for (int i = 0; i < keys.size(); i++) {
				if (i > 0) {
					put(',');
				}
				string(keys.get(i));
				put(':');
				node(node.get(keys.get(i)));
			}
			put('}');
		}
		else if (node.isArray()) {
			put('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					put(',');
				}
				node(node.get(i));
			}
			put(']');
		}
		else if (node.isString()) {
			string(node.stringValue());
		}
		else if (node.isNumber()) {
			if (node.isIntegralNumber() && node.canConvertToLong()) {
				number(node.longValue());
			}
			else {
				number(node.doubleValue());
			}
		}
		else if (node.isBoolean()) {
			ascii(node.booleanValue() ? "true" : "false");
		}
		else {
			ascii("null");
		}
	}

	private void number(Number number) {
		if ((number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte)
				&& Math.abs(number.longValue()) < EXACT) {
			ascii(Long.toString(number.longValue()));
			return;
		}
		double value = number.doubleValue();
		if (value == Math.rint(value) && Math.abs(value) < EXACT) {
			ascii(Long.toString((long) value));
			return;
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 1e-3 && magnitude < 1e7) {
			// In this range the JDK prints the shortest round-trip digits in plain
			// decimal notation, exactly as ECMAScript does (JDK 19+, JDK-4511638).
			ascii(Double.toString(value));
			return;
		}
		byte[] formatted = JsonCanonicalizer.canonicalizeTree(value);
		for (byte b : formatted) {
			put(b);
		}
	}

	private void string(String text) {
		put('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				put('\\');
				put(c);
			}
			else if (c < 0x20) {
				put('\\');
				switch (c) {
					case '\b' -> put('b');
					case '\t' -> put('t');
					case '\n' -> put('n');
					case '\f' -> put('f');
					case '\r' -> put('r');
					default -> {
						put('u');
						put('0');
						put('0');
						put(HEX[c >> 4]);
						put(HEX[c & 0xF]);
					}
				}
			}
			else if (c < 0x80) {
				put(c);
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				int code = Character.toCodePoint(c, text.charAt(++i));
				put(0xF0 | (code >> 18));
				put(0x80 | ((code >> 12) & 0x3F));
				put(0x80 | ((code >> 6) & 0x3F));
				put(0x80 | (code & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				throw new IllegalArgumentException("lone surrogate in a JSON string");
			}
			else if (c < 0x800) {
				put(0xC0 | (c >> 6));
				put(0x80 | (c & 0x3F));
			}
			else {
				put(0xE0 | (c >> 12));
				put(0x80 | ((c >> 6) & 0x3F));
				put(0x80 | (c & 0x3F));
			}
		}
		put('"');
	}

	private void ascii(String text) {
		for (int i = 0; i < text.length(); i++) {
			put(text.charAt(i));
		}
	}

	private void put(int b) {
		if (this.length == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
		}
		this.buffer[this.length++] = (byte) b;
	}

}
