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
 * <p>
 * {@link #ofSource} hashes a document straight from the JSON bytes Elasticsearch returns,
 * without building a tree: members are sorted by slicing the bytes, strings without
 * escapes and plain integers are copied as they are (their canonical form is the same
 * bytes), and only escaped strings and other numbers are decoded and written again.
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

	/** The canonical bytes of a map tree. */
	static byte[] bytes(Object tree) {
		CanonicalHash hash = instances.get();
		hash.length = 0;
		hash.value(tree);
		return Arrays.copyOf(hash.buffer, hash.length);
	}

	/**
	 * The canonical form of a map tree in which some values are {@link Slot}s, left open
	 * to be filled in later: the audit log writes everything that does not depend on the
	 * stream's head before it takes its lock, and under the lock only fills in the chain
	 * fields and the id ({@link Template#hash}, {@link Template#fill}).
	 * @throws IllegalArgumentException when a slot occurs twice or the tree holds a value
	 * that is not JSON
	 */
	static Template template(Object tree) {
		CanonicalHash hash = instances.get();
		hash.length = 0;
		hash.slots = new int[Slot.values().length];
		Arrays.fill(hash.slots, -1);
		try {
			hash.value(tree);
			return new Template(Arrays.copyOf(hash.buffer, hash.length), hash.slots);
		}
		finally {
			hash.slots = null;
		}
	}

	/** A value of a map tree that {@link #template} leaves open. */
	enum Slot {

		/** {@code aigov.chain}: depends on the head of the stream. */
		CHAIN,

		/** {@code event.id}: {@code <stream>-<sequence>}. */
		EVENT_ID

	}

	/**
	 * The canonical bytes of a tree with its {@link Slot}s left open.
	 *
	 * @param bytes the bytes around the slots
	 * @param offsets where each slot (by ordinal) goes in {@code bytes}, or -1 when the
	 * tree did not have it
	 */
	record Template(byte[] bytes, int[] offsets) {

		/**
		 * The hex SHA-256 of the bytes with each slot filled in by the canonical JSON in
		 * {@code values} (by slot ordinal); the same as {@link CanonicalHash#of(Object)}
		 * of the tree with those values, without writing the tree again.
		 */
		String hash(byte[]... values) {
			CanonicalHash hash = instances.get();
			hash.digest.reset();
			int from = 0;
			for (int slot : order(values)) {
				hash.digest.update(this.bytes, from, this.offsets[slot] - from);
				hash.digest.update(values[slot]);
				from = this.offsets[slot];
			}
			hash.digest.update(this.bytes, from, this.bytes.length - from);
			return HexFormat.of().formatHex(hash.digest.digest());
		}

		/** The bytes with each slot filled in by the JSON in {@code values}. */
		byte[] fill(byte[]... values) {
			int size = this.bytes.length;
			int[] order = order(values);
			for (int slot : order) {
				size += values[slot].length;
			}
			byte[] filled = new byte[size];
			int from = 0;
			int to = 0;
			for (int slot : order) {
				int count = this.offsets[slot] - from;
				System.arraycopy(this.bytes, from, filled, to, count);
				to += count;
				System.arraycopy(values[slot], 0, filled, to, values[slot].length);
				to += values[slot].length;
				from = this.offsets[slot];
			}
			System.arraycopy(this.bytes, from, filled, to, this.bytes.length - from);
			return filled;
		}

		/** The slots by where they go, checking that each open one gets a value. */
		private int[] order(byte[][] values) {
			if (values.length != this.offsets.length) {
				throw new IllegalArgumentException("expected " + this.offsets.length + " slot values");
			}
			int[] order = new int[this.offsets.length];
			int count = 0;
			for (int slot = 0; slot < this.offsets.length; slot++) {
				if (this.offsets[slot] >= 0) {
					if (values[slot] == null) {
						throw new IllegalArgumentException("no value for slot " + Slot.values()[slot]);
					}
					int at = count++;
					while (at > 0 && this.offsets[order[at - 1]] > this.offsets[slot]) {
						order[at] = order[at - 1];
						at--;
					}
					order[at] = slot;
				}
			}
			return Arrays.copyOf(order, count);
		}

	}

	/**
	 * The chain fields and the chain hash of a stored document, read from JSON bytes.
	 *
	 * @param stream {@code aigov.chain.stream}, or {@code null}
	 * @param sequence {@code aigov.chain.sequence}, or {@code null} when absent or not an
	 * integer
	 * @param hash {@code aigov.chain.hash}, or {@code null}
	 * @param prevHash {@code aigov.chain.prev_hash}, or {@code null}
	 * @param computed the hex SHA-256 of the canonical form of the document without
	 * {@code aigov.chain.hash}
	 */
	record Chained(String stream, Long sequence, String hash, String prevHash, String computed) {
	}

	/**
	 * Hashes the JSON object in {@code bytes[start, end)} as
	 * {@link AuditDocuments#chainHash} does, and reads its chain fields on the way.
	 * @throws IllegalArgumentException when the bytes are not one JSON object
	 */
	static Chained ofSource(byte[] bytes, int start, int end) {
		return ofSource(new RawReader(bytes, end, null), start, end);
	}

	/**
	 * As {@link #ofSource(byte[], int, int)}, with a reader over the whole response whose
	 * container ends are {@linkplain RawReader#indexed indexed}.
	 */
	static Chained ofSource(RawReader reader, int start, int end) {
		byte[] bytes = reader.bytes;
		CanonicalHash hash = instances.get();
		hash.length = 0;
		int at = reader.skipSpace(start);
		if (at >= end || bytes[at] != '{') {
			throw new IllegalArgumentException("not a JSON object");
		}
		hash.chainStream = null;
		hash.chainSequence = null;
		hash.chainHash = null;
		hash.chainPrevHash = null;
		int after = hash.rawObject(reader, at, 0);
		if (reader.skipSpace(after) != end) {
			throw new IllegalArgumentException("trailing bytes after the JSON object");
		}
		return new Chained(hash.chainStream, hash.chainSequence, hash.chainHash, hash.chainPrevHash, hash.finish());
	}

	/** Where each slot went while {@link #template} writes; {@code null} otherwise. */
	private int[] slots;

	private String chainStream;

	private Long chainSequence;

	private String chainHash;

	private String chainPrevHash;

	/**
	 * Writes the object at {@code at} canonically. {@code path} is 0 at the top, 1 inside
	 * {@code aigov}, 2 inside {@code aigov.chain} (whose {@code hash} is left out), -1
	 * elsewhere.
	 * @return the index after the object
	 */
	private int rawObject(RawReader reader, int at, int path) {
		byte[] bytes = reader.bytes;
		int[] slices = new int[32];
		int count = 0;
		int i = reader.skipSpace(at + 1);
		if (reader.at(i) == '}') {
			put('{');
			put('}');
			return i + 1;
		}
		while (true) {
			if (reader.at(i) != '"') {
				throw new IllegalArgumentException("expected a member name at " + i);
			}
			int keyEnd = reader.skipString(i);
			int colon = reader.skipSpace(keyEnd);
			if (reader.at(colon) != ':') {
				throw new IllegalArgumentException("expected ':' at " + colon);
			}
			int value = reader.skipSpace(colon + 1);
			int valueEnd = reader.skipValue(value);
			if (count * 4 + 4 > slices.length) {
				slices = Arrays.copyOf(slices, slices.length * 2);
			}
			slices[count * 4] = i;
			slices[count * 4 + 1] = keyEnd;
			slices[count * 4 + 2] = value;
			slices[count * 4 + 3] = reader.plainAscii(i, keyEnd) ? 1 : 0;
			count++;
			i = reader.skipSpace(valueEnd);
			if (reader.at(i) == ',') {
				i = reader.skipSpace(i + 1);
				continue;
			}
			if (reader.at(i) == '}') {
				break;
			}
			throw new IllegalArgumentException("expected ',' or '}' at " + i);
		}
		Integer[] order = new Integer[count];
		for (int m = 0; m < count; m++) {
			order[m] = m;
		}
		int[] keys = slices;
		Arrays.sort(order,
				(a, b) -> (keys[a * 4 + 3] == 1 && keys[b * 4 + 3] == 1)
						? Arrays.compareUnsigned(bytes, keys[a * 4] + 1, keys[a * 4 + 1] - 1, bytes, keys[b * 4] + 1,
								keys[b * 4 + 1] - 1)
						: reader.decodeString(keys[a * 4]).compareTo(reader.decodeString(keys[b * 4])));
		put('{');
		boolean first = true;
		for (int m : order) {
			int keyStart = keys[m * 4];
			int keyEnd = keys[m * 4 + 1];
			int value = keys[m * 4 + 2];
			int childPath = -1;
			if (path == 0 && reader.keyIs(keyStart, keyEnd, "aigov")) {
				childPath = 1;
			}
			else if (path == 1 && reader.keyIs(keyStart, keyEnd, "chain") && bytes[value] == '{') {
				childPath = 2;
			}
			else if (path == 2) {
				if (reader.keyIs(keyStart, keyEnd, "hash")) {
					this.chainHash = (bytes[value] == '"') ? reader.decodeString(value) : null;
					continue;
				}
				if (reader.keyIs(keyStart, keyEnd, "stream") && bytes[value] == '"') {
					this.chainStream = reader.decodeString(value);
				}
				else if (reader.keyIs(keyStart, keyEnd, "prev_hash") && bytes[value] == '"') {
					this.chainPrevHash = reader.decodeString(value);
				}
				else if (reader.keyIs(keyStart, keyEnd, "sequence")) {
					this.chainSequence = reader.integer(value);
				}
			}
			if (!first) {
				put(',');
			}
			first = false;
			rawString(reader, keyStart);
			put(':');
			rawValue(reader, value, childPath);
		}
		put('}');
		return i + 1;
	}

	private int rawValue(RawReader reader, int at, int path) {
		byte[] bytes = reader.bytes;
		byte b = reader.at(at);
		if (b == '{') {
			return rawObject(reader, at, path);
		}
		if (b == '[') {
			put('[');
			int i = reader.skipSpace(at + 1);
			if (reader.at(i) == ']') {
				put(']');
				return i + 1;
			}
			while (true) {
				i = reader.skipSpace(rawValue(reader, i, -1));
				if (reader.at(i) == ',') {
					put(',');
					i = reader.skipSpace(i + 1);
					continue;
				}
				if (reader.at(i) == ']') {
					put(']');
					return i + 1;
				}
				throw new IllegalArgumentException("expected ',' or ']' at " + i);
			}
		}
		if (b == '"') {
			return rawString(reader, at);
		}
		int end = reader.skipValue(at);
		if (b == 't' || b == 'f' || b == 'n' || reader.plainInteger(at, end)) {
			put(bytes, at, end);
			return end;
		}
		number(Double.parseDouble(new String(bytes, at, end - at, StandardCharsets.US_ASCII)));
		return end;
	}

	/**
	 * A string: copied when it has no escape (then it is already canonical), else
	 * rewritten.
	 */
	private int rawString(RawReader reader, int at) {
		int end = reader.skipString(at);
		if (reader.plainString(at, end)) {
			put(reader.bytes, at, end);
		}
		else {
			string(reader.decodeString(at));
		}
		return end;
	}

	/** Bounds-checked reading of JSON bytes, without building anything. */
	static final class RawReader {

		final byte[] bytes;

		final int end;

		/** Where each object or array ends, by where it starts; or {@code null}. */
		private final int[] ends;

		RawReader(byte[] bytes, int end) {
			this(bytes, end, null);
		}

		private RawReader(byte[] bytes, int end, int[] ends) {
			this.bytes = bytes;
			this.end = end;
			this.ends = ends;
		}

		/**
		 * A reader that first finds, in one pass, where every object and array in
		 * {@code bytes[0, end)} ends: skipping a nested value is then a lookup, where
		 * otherwise every level of nesting would scan it again. The reader is read-only
		 * afterwards and may be shared between threads.
		 * @param reuse an array from an earlier call, or {@code null}
		 */
		static RawReader indexed(byte[] bytes, int end, int[] reuse) {
			int[] ends = (reuse != null && reuse.length >= end) ? reuse : new int[Math.max(end, 1024)];
			int[] stack = new int[64];
			int depth = 0;
			for (int i = 0; i < end; i++) {
				byte c = bytes[i];
				if (c == '"') {
					i++;
					while (i < end && bytes[i] != '"') {
						i += (bytes[i] == '\\') ? 2 : 1;
					}
				}
				else if (c == '{' || c == '[') {
					if (depth == stack.length) {
						stack = Arrays.copyOf(stack, depth * 2);
					}
					stack[depth++] = i;
				}
				else if ((c == '}' || c == ']') && depth > 0) {
					ends[stack[--depth]] = i + 1;
				}
			}
			return new RawReader(bytes, end, ends);
		}

		/** The array of container ends, for reuse with the next response. */
		int[] ends() {
			return this.ends;
		}

		byte at(int i) {
			if (i >= this.end) {
				throw new IllegalArgumentException("unexpected end of JSON");
			}
			return this.bytes[i];
		}

		int skipSpace(int i) {
			while (i < this.end && (this.bytes[i] == ' ' || this.bytes[i] == '\n' || this.bytes[i] == '\r'
					|| this.bytes[i] == '\t')) {
				i++;
			}
			return i;
		}

		/** The index after the string starting at {@code at}. */
		int skipString(int at) {
			if (at(at) != '"') {
				throw new IllegalArgumentException("expected a string at " + at);
			}
			byte[] bytes = this.bytes;
			int end = this.end;
			int i = at + 1;
			while (i < end) {
				byte b = bytes[i];
				if (b == '"') {
					return i + 1;
				}
				i += (b == '\\') ? 2 : 1;
			}
			throw new IllegalArgumentException("unexpected end of JSON");
		}

		/** The index after the value starting at {@code at}. */
		int skipValue(int at) {
			byte b = at(at);
			if (b == '"') {
				return skipString(at);
			}
			if ((b == '{' || b == '[') && this.ends != null) {
				int known = this.ends[at];
				if (known > at && known <= this.end && (this.bytes[known - 1] == '}' || this.bytes[known - 1] == ']')) {
					return known;
				}
			}
			if (b == '{' || b == '[') {
				byte[] bytes = this.bytes;
				int end = this.end;
				int depth = 0;
				int i = at;
				while (i < end) {
					byte c = bytes[i];
					if (c == '"') {
						i++;
						while (i < end && bytes[i] != '"') {
							i += (bytes[i] == '\\') ? 2 : 1;
						}
					}
					else if (c == '{' || c == '[') {
						depth++;
					}
					else if (c == '}' || c == ']') {
						depth--;
						if (depth == 0) {
							return i + 1;
						}
					}
					i++;
				}
				throw new IllegalArgumentException("unexpected end of JSON");
			}
			int i = at;
			while (i < this.end) {
				byte c = this.bytes[i];
				if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' || c == 'E') {
					i++;
				}
				else {
					break;
				}
			}
			if (i == at) {
				throw new IllegalArgumentException("unexpected '" + (char) b + "' at " + at);
			}
			boolean valid = (b == 't') ? literal(at, i, "true")
					: (b == 'f') ? literal(at, i, "false") : (b == 'n') ? literal(at, i, "null") : isNumber(at, i);
			if (!valid) {
				throw new IllegalArgumentException(
						"not a JSON value: " + new String(this.bytes, at, i - at, StandardCharsets.US_ASCII));
			}
			return i;
		}

		private boolean literal(int at, int end, String word) {
			return end - at == word.length() && keyIs(at - 1, end + 1, word);
		}

		/**
		 * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?} over {@code [at, end)}.
		 */
		private boolean isNumber(int at, int end) {
			int i = at;
			if (i < end && this.bytes[i] == '-') {
				i++;
			}
			if (i >= end || !digit(i)) {
				return false;
			}
			if (this.bytes[i] == '0') {
				i++;
			}
			else {
				while (i < end && digit(i)) {
					i++;
				}
			}
			if (i < end && this.bytes[i] == '.') {
				i++;
				int digits = i;
				while (i < end && digit(i)) {
					i++;
				}
				if (i == digits) {
					return false;
				}
			}
			if (i < end && (this.bytes[i] == 'e' || this.bytes[i] == 'E')) {
				i++;
				if (i < end && (this.bytes[i] == '-' || this.bytes[i] == '+')) {
					i++;
				}
				int digits = i;
				while (i < end && digit(i)) {
					i++;
				}
				if (i == digits) {
					return false;
				}
			}
			return i == end;
		}

		private boolean digit(int i) {
			return this.bytes[i] >= '0' && this.bytes[i] <= '9';
		}

		/**
		 * Whether a string's bytes are already canonical: no escape, no control
		 * character.
		 */
		boolean plainString(int at, int end) {
			for (int i = at + 1; i < end - 1; i++) {
				int b = this.bytes[i] & 0xFF;
				if (b == '\\' || b < 0x20) {
					return false;
				}
			}
			return true;
		}

		/** An integer written as ECMAScript would (at most 15 digits, no -0). */
		boolean plainInteger(int at, int end) {
			int i = at;
			if (this.bytes[i] == '-') {
				i++;
			}
			int digits = end - i;
			if (digits < 1 || digits > 15 || (this.bytes[i] == '0' && (digits > 1 || i > at))) {
				return false;
			}
			for (int j = i; j < end; j++) {
				if (this.bytes[j] < '0' || this.bytes[j] > '9') {
					return false;
				}
			}
			return true;
		}

		/** The integral value of the number at {@code at}, or {@code null}. */
		Long integer(int at) {
			int end = skipValue(at);
			int digits = end - at - ((this.bytes[at] == '-') ? 1 : 0);
			if (digits > 18 || !isNumber(at, end)) {
				return null;
			}
			for (int i = at; i < end; i++) {
				if (this.bytes[i] == '.' || this.bytes[i] == 'e' || this.bytes[i] == 'E') {
					return null;
				}
			}
			return Long.parseLong(new String(this.bytes, at, end - at, StandardCharsets.US_ASCII));
		}

		/**
		 * The index of the value of member {@code name} of the object at {@code at}, or
		 * -1.
		 */
		int member(int at, String name) {
			if (at(at) != '{') {
				return -1;
			}
			int i = skipSpace(at + 1);
			if (at(i) == '}') {
				return -1;
			}
			while (true) {
				int keyEnd = skipString(i);
				int value = skipSpace(skipSpace(keyEnd) + 1);
				if (keyIs(i, keyEnd, name)) {
					return value;
				}
				i = skipSpace(skipValue(value));
				if (at(i) == ',') {
					i = skipSpace(i + 1);
				}
				else {
					return -1;
				}
			}
		}

		boolean keyIs(int at, int end, String key) {
			if (end - at != key.length() + 2) {
				return false;
			}
			for (int i = 0; i < key.length(); i++) {
				if (this.bytes[at + 1 + i] != key.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		/**
		 * Whether a string is printable ASCII without escapes: its bytes then sort as RFC
		 * 8785 sorts names (by UTF-16 code units).
		 */
		boolean plainAscii(int at, int end) {
			for (int i = at + 1; i < end - 1; i++) {
				if (this.bytes[i] < 0x20 || this.bytes[i] == '\\') {
					return false;
				}
			}
			return true;
		}

		/** The text of the string at {@code at}, escapes resolved. */
		String decodeString(int at) {
			int end = skipString(at);
			if (plainString(at, end)) {
				return new String(this.bytes, at + 1, end - at - 2, StandardCharsets.UTF_8);
			}
			StringBuilder text = new StringBuilder(end - at);
			int i = at + 1;
			java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
			while (i < end - 1) {
				byte b = this.bytes[i];
				if (b != '\\') {
					pending.write(b);
					i++;
					continue;
				}
				text.append(pending.toString(StandardCharsets.UTF_8));
				pending.reset();
				char c = (char) this.bytes[i + 1];
				switch (c) {
					case '"', '\\', '/' -> text.append(c);
					case 'b' -> text.append('\b');
					case 'f' -> text.append('\f');
					case 'n' -> text.append('\n');
					case 'r' -> text.append('\r');
					case 't' -> text.append('\t');
					case 'u' -> {
						if (i + 6 > end - 1) {
							throw new IllegalArgumentException("bad \\u escape at " + i);
						}
						text.append((char) Integer.parseInt(new String(this.bytes, i + 2, 4, StandardCharsets.US_ASCII),
								16));
						i += 4;
					}
					default -> throw new IllegalArgumentException("bad escape at " + i);
				}
				i += 2;
			}
			text.append(pending.toString(StandardCharsets.UTF_8));
			return text.toString();
		}

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
		else if (value instanceof Slot slot && this.slots != null && this.slots[slot.ordinal()] < 0) {
			this.slots[slot.ordinal()] = this.length;
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
		int count = text.length();
		for (int i = 0; i < count; i++) {
			// Runs of printable ASCII other than '"' and '\\' (most of a record) are
			// copied without a check per byte: the room for the rest is made once.
			reserve(count - i);
			byte[] buffer = this.buffer;
			int at = this.length;
			char c = text.charAt(i);
			while (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
				buffer[at++] = (byte) c;
				if (++i == count) {
					break;
				}
				c = text.charAt(i);
			}
			this.length = at;
			if (i == count) {
				break;
			}
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
			else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(text.charAt(i + 1))) {
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

	/** Copies {@code bytes[from, to)}. */
	private void put(byte[] bytes, int from, int to) {
		int count = to - from;
		reserve(count);
		System.arraycopy(bytes, from, this.buffer, this.length, count);
		this.length += count;
	}

	/** Makes room for {@code count} more bytes. */
	private void reserve(int count) {
		if (this.length + count > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + count));
		}
	}

	private void put(int b) {
		if (this.length == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
		}
		this.buffer[this.length++] = (byte) b;
	}

}
