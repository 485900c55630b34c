package dev.aigov.reports.internal;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A report's content is a tree of JDK types (maps, lists, strings, numbers, booleans),
 * the form {@link dev.aigov.signing.JsonCanonicalizer} serializes. These helpers build it
 * with sorted maps and read it back for rendering.
 */
public final class Tree {

	private Tree() {
	}

	/**
	 * A sorted object from alternating keys and values; {@code null} values are left out.
	 */
	public static Map<String, Object> object(Object... keysAndValues) {
		Map<String, Object> object = new TreeMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			Object value = plain(keysAndValues[i + 1]);
			if (value != null) {
				object.put((String) keysAndValues[i], value);
			}
		}
		return object;
	}

	/**
	 * A value as JSON can carry it: maps sorted by key, numbers as they are, dates and
	 * everything else as text.
	 */
	public static Object plain(Object value) {
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof Number number) {
			return number;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((key, item) -> {
				Object plain = plain(item);
				if (plain != null) {
					sorted.put(key.toString(), plain);
				}
			});
			return sorted;
		}
		if (value instanceof List<?> list) {
			List<Object> items = new ArrayList<>(list.size());
			list.forEach((item) -> items.add(plain(item)));
			return items;
		}
		if (value instanceof TemporalAccessor || value instanceof Enum<?>) {
			return value.toString();
		}
		return value.toString();
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> map(Object tree, String key) {
		Object value = (tree instanceof Map<?, ?> map) ? map.get(key) : null;
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> list(Object tree, String key) {
		Object value = (tree instanceof Map<?, ?> map) ? map.get(key) : null;
		if (!(value instanceof List<?> items)) {
			return List.of();
		}
		List<Map<String, Object>> maps = new ArrayList<>();
		for (Object item : items) {
			if (item instanceof Map<?, ?>) {
				maps.add((Map<String, Object>) item);
			}
		}
		return maps;
	}

	/** A value as text for people: {@code null} as an empty string, lists joined. */
	public static String text(Object tree, String key) {
		Object value = (tree instanceof Map<?, ?> map) ? map.get(key) : null;
		return display(value);
	}

	public static String display(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Double number) {
			return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
		}
		if (value instanceof Boolean flag) {
			return flag ? "yes / 是" : "no / 否";
		}
		if (value instanceof List<?> list) {
			List<String> parts = new ArrayList<>();
			list.forEach((item) -> parts.add(display(item)));
			return String.join(", ", parts);
		}
		if (value instanceof Map<?, ?> map) {
			List<String> parts = new ArrayList<>();
			map.forEach((key, item) -> parts.add(key + ": " + display(item)));
			return String.join("; ", parts);
		}
		return value.toString();
	}

}
