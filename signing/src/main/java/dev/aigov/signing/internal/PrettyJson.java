package dev.aigov.signing.internal;

import java.util.List;
import java.util.Map;

/**
 * JSON text for people: members in their given order, indented (or compact), strings
 * escaped as in RFC 8785 and numbers in their ECMAScript form, the form they are signed
 * in.
 */
public final class PrettyJson {

	private final StringBuilder out;

	private final String base;

	private final String unit;

	private PrettyJson(StringBuilder out, String base, String unit) {
		this.out = out;
		this.base = base;
		this.unit = unit;
	}

	/**
	 * Write a tree as JSON text indented by two spaces, ending with a newline.
	 * @param value the tree (JDK types, as produced by {@link JsonTrees})
	 * @return the text
	 */
	public static String write(Object value) {
		return write(value, "", "  ") + "\n";
	}

	/**
	 * Write a tree as indented JSON text that continues a line already indented by
	 * {@code base}.
	 * @param value the tree
	 * @param base the indentation of the line the value starts on
	 * @param unit one level of indentation
	 * @return the text, without a final newline
	 */
	public static String write(Object value, String base, String unit) {
		PrettyJson writer = new PrettyJson(new StringBuilder(256), base, unit);
		writer.value(value, 0);
		return writer.out.toString();
	}

	/**
	 * Write a tree as JSON text without any whitespace, members in their given order.
	 * @param value the tree
	 * @return the text
	 */
	public static String compact(Object value) {
		PrettyJson writer = new PrettyJson(new StringBuilder(256), null, null);
		writer.value(value, 0);
		return writer.out.toString();
	}

	private void value(Object value, int depth) {
		if (value instanceof Map<?, ?> map) {
			if (map.isEmpty()) {
				this.out.append("{}");
				return;
			}
			this.out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					this.out.append(',');
				}
				first = false;
				newline(depth + 1);
				string((String) entry.getKey());
				this.out.append((this.unit != null) ? ": " : ":");
				value(entry.getValue(), depth + 1);
			}
			newline(depth);
			this.out.append('}');
		}
		else if (value instanceof List<?> list) {
			if (list.isEmpty()) {
				this.out.append("[]");
				return;
			}
			this.out.append('[');
			boolean first = true;
			for (Object element : list) {
				if (!first) {
					this.out.append(',');
				}
				first = false;
				newline(depth + 1);
				value(element, depth + 1);
			}
			newline(depth);
			this.out.append(']');
		}
		else if (value instanceof String string) {
			string(string);
		}
		else if (value instanceof Number number) {
			this.out.append(EcmaNumbers.toString(number.doubleValue()));
		}
		else {
			this.out.append(value); // Boolean or null
		}
	}

	private void newline(int depth) {
		if (this.unit != null) {
			this.out.append('\n').append(this.base).repeat(this.unit, depth);
		}
	}

	private void string(String s) {
		StringBuilder b = this.out;
		b.append('"');
		int clean = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\') {
				continue;
			}
			b.append(s, clean, i);
			clean = i + 1;
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				case '\b' -> b.append("\\b");
				case '\f' -> b.append("\\f");
				case '\n' -> b.append("\\n");
				case '\r' -> b.append("\\r");
				case '\t' -> b.append("\\t");
				default -> b.append(String.format("\\u%04x", (int) c));
			}
		}
		b.append(s, clean, s.length()).append('"');
	}

}
