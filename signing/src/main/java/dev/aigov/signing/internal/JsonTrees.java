package dev.aigov.signing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.signing.InvalidJsonException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Strict JSON text to a tree of JDK types: {@code LinkedHashMap<String, Object>} (members
 * in document order), {@code ArrayList<Object>}, {@code String}, {@code Double},
 * {@code Boolean} and {@code null}.
 * <p>
 * Jackson's streaming parser does the syntax (no comments, no trailing commas, no NaN, no
 * leading zeros, one root value) and rejects duplicate names; on top of it bytes must be
 * strict UTF-8, every number is read as the IEEE-754 double RFC 8785 works with (out of
 * range is an error, never Infinity), and lone surrogates are refused, as I-JSON
 * requires.
 */
public final class JsonTrees {

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private JsonTrees() {
	}

	/**
	 * Parse UTF-8 JSON text, which must be strictly valid UTF-8. A leading byte order
	 * mark is ignored.
	 * @param utf8 the document
	 * @return the tree
	 * @throws InvalidJsonException when the bytes are not strict JSON in UTF-8
	 */
	public static Object parse(byte[] utf8) {
		int offset = (utf8.length >= 3 && (utf8[0] & 0xFF) == 0xEF && (utf8[1] & 0xFF) == 0xBB
				&& (utf8[2] & 0xFF) == 0xBF) ? 3 : 0;
		int invalid = invalidUtf8(utf8, offset);
		if (invalid >= 0) {
			throw new InvalidJsonException(
					"invalid JSON: the document is not valid UTF-8 (byte offset " + invalid + ")");
		}
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), utf8, offset, utf8.length - offset)) {
			return root(parser);
		}
		catch (JacksonException ex) {
			throw invalid(ex.getLocation(), ex.getOriginalMessage());
		}
	}

	/**
	 * Where strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
	 * U+10FFFF) first fails. NUL bytes are refused too: JSON text never contains them
	 * raw, and without them Jackson cannot mistake the input for UTF-16 or UTF-32.
	 */
	static int invalidUtf8(byte[] bytes, int from) {
		int i = from;
		int n = bytes.length;
		while (i < n) {
			int c = bytes[i];
			if (c > 0) {
				i++;
				continue;
			}
			c &= 0xFF;
			if (c < 0xC2) {
				return i; // NUL, a stray continuation byte or an overlong two-byte form
			}
			if (c < 0xE0) {
				if (i + 1 >= n || !continuation(bytes[i + 1])) {
					return i;
				}
				i += 2;
			}
			else if (c < 0xF0) {
				if (i + 2 >= n) {
					return i;
				}
				int c1 = bytes[i + 1] & 0xFF;
				if (!continuation(c1) || (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)
						|| !continuation(bytes[i + 2])) {
					return i;
				}
				i += 3;
			}
			else if (c < 0xF5) {
				if (i + 3 >= n) {
					return i;
				}
				int c1 = bytes[i + 1] & 0xFF;
				if (!continuation(c1) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)
						|| !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
					return i;
				}
				i += 4;
			}
			else {
				return i;
			}
		}
		return -1;
	}

	private static boolean continuation(int b) {
		return (b & 0xC0) == 0x80;
	}

	/**
	 * Parse JSON text.
	 * @param text the document
	 * @return the tree
	 * @throws InvalidJsonException when the text is not strict JSON
	 */
	public static Object parse(String text) {
		if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
			text = text.substring(1);
		}
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
			return root(parser);
		}
		catch (JacksonException ex) {
			throw invalid(ex.getLocation(), ex.getOriginalMessage());
		}
	}

	private static Object root(JsonParser parser) {
		JsonToken token = parser.nextToken();
		if (token == null) {
			throw new InvalidJsonException("invalid JSON: the document is empty");
		}
		Object root = read(parser, token);
		if (parser.nextToken() != null) {
			throw invalid(parser.currentTokenLocation(), "more content after the JSON value");
		}
		return root;
	}

	/**
	 * Where the object a JSON pointer designates ends in text that {@link #parse(String)}
	 * accepted.
	 * @param text the document, without a byte order mark
	 * @param pointer the object's JSON pointer (RFC 6901)
	 * @return the offset of the object's closing brace
	 */
	public static int closingBrace(String text, String pointer) {
		if (pointer.isEmpty()) {
			int end = text.length() - 1;
			while (end > 0 && Character.isWhitespace(text.charAt(end))) {
				end--;
			}
			return end;
		}
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
			JsonToken token = parser.nextToken();
			for (String raw : pointer.substring(1).split("/", -1)) {
				String step = raw.replace("~1", "/").replace("~0", "~");
				if (token == JsonToken.START_OBJECT) {
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						boolean found = parser.currentName().equals(step);
						token = parser.nextToken();
						if (found) {
							break;
						}
						parser.skipChildren();
					}
				}
				else {
					int index = Integer.parseInt(step);
					for (int i = 0; i <= index; i++) {
						token = parser.nextToken();
						if (i < index) {
							parser.skipChildren();
						}
					}
				}
			}
			parser.skipChildren();
			return (int) parser.currentTokenLocation().getCharOffset();
		}
	}

	private static Object read(JsonParser parser, JsonToken token) {
		switch (token) {
			case START_OBJECT -> {
				Map<String, Object> object = new LinkedHashMap<>();
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = checked(parser, parser.currentName());
					object.put(name, read(parser, parser.nextToken()));
				}
				return object;
			}
			case START_ARRAY -> {
				List<Object> array = new ArrayList<>();
				JsonToken next;
				while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
					array.add(read(parser, next));
				}
				return array;
			}
			case VALUE_STRING -> {
				return checked(parser, parser.getString());
			}
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
				return number(parser);
			}
			case VALUE_TRUE -> {
				return Boolean.TRUE;
			}
			case VALUE_FALSE -> {
				return Boolean.FALSE;
			}
			case VALUE_NULL -> {
				return null;
			}
			default -> throw invalid(parser.currentTokenLocation(), "unexpected " + token);
		}
	}

	private static Double number(JsonParser parser) {
		if (parser.getNumberType() == JsonParser.NumberType.INT) {
			return (double) parser.getIntValue();
		}
		double value = Double.parseDouble(parser.getString());
		if (Double.isInfinite(value)) {
			throw invalid(parser.currentTokenLocation(), "number " + abbreviate(parser.getString())
					+ " is outside the IEEE-754 double range that RFC 8785 allows");
		}
		return value;
	}

	private static String checked(JsonParser parser, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < text.length()
						&& Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
				else {
					throw invalid(parser.currentTokenLocation(), String
						.format("lone surrogate \\u%04x in a string (I-JSON and RFC 8785 forbid it)", (int) c));
				}
			}
		}
		return text;
	}

	private static InvalidJsonException invalid(TokenStreamLocation location, String message) {
		StringBuilder text = new StringBuilder("invalid JSON");
		if (location != null && location.getLineNr() > 0) {
			text.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
		}
		return new InvalidJsonException(text.append(": ").append(message).toString());
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

}
