package dev.aigov.policy;

import java.util.Locale;

/**
 * How sensitive a piece of data is, in the registry's four classes. Ordered from least to
 * most sensitive, so that the higher of two classes is the stricter.
 */
public enum DataClass {

	PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED;

	/** The stricter of this class and another. */
	public DataClass max(DataClass other) {
		return (other != null && other.ordinal() > ordinal()) ? other : this;
	}

	/**
	 * Parses a class name case-insensitively.
	 * @param value e.g. {@code confidential}
	 * @return the class
	 * @throws IllegalArgumentException if the value names no class
	 */
	public static DataClass parse(String value) {
		return valueOf(value.trim().toUpperCase(Locale.ROOT));
	}

}
