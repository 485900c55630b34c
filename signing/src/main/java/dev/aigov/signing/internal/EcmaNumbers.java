package dev.aigov.signing.internal;

import java.math.BigDecimal;

/**
 * Formats a double as ECMAScript's {@code Number.prototype.toString()} does, which is
 * what RFC 8785 prescribes for numbers.
 * <p>
 * The shortest round-tripping digits come from {@link Double#toString(double)} (JDK 19
 * and later implement Raffaello Giulietti's shortest-decimal algorithm); only the layout
 * differs from ECMAScript, plus one corner: where a single digit would round-trip, the
 * JDK may still print two when they lie closer, whereas ECMAScript always takes the
 * shortest.
 */
public final class EcmaNumbers {

	/**
	 * 2^53: below it every integral double is printed exactly by {@link Long#toString}.
	 */
	private static final double EXACT_INTEGERS = 9007199254740992.0;

	private EcmaNumbers() {
	}

	/**
	 * The ECMAScript string form of a finite double.
	 * @param value a finite number
	 * @return e.g. {@code 0}, {@code 4.5}, {@code 1e+30}, {@code 1e-7}
	 * @throws IllegalArgumentException for NaN or an infinity, which JSON cannot
	 * represent
	 */
	public static String toString(double value) {
		if (value == 0) {
			return "0"; // also -0
		}
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new IllegalArgumentException("NaN and Infinity are not valid JSON numbers");
		}
		if (Math.abs(value) < EXACT_INTEGERS && value == Math.rint(value)) {
			return Long.toString((long) value);
		}
		StringBuilder out = new StringBuilder(24);
		if (value < 0) {
			out.append('-');
			value = -value;
		}
		String java = Double.toString(value);
		int e = java.indexOf('E');
		String mantissa = (e < 0) ? java : java.substring(0, e);
		int exponent = (e < 0) ? 0 : Integer.parseInt(java, e + 1, java.length(), 10);
		int dot = mantissa.indexOf('.');
		StringBuilder digits = new StringBuilder(20).append(mantissa, 0, dot)
			.append(mantissa, dot + 1, mantissa.length());
		// value = 0.d1d2...dk * 10^n
		int n = dot + exponent;
		int leading = 0;
		while (leading < digits.length() - 1 && digits.charAt(leading) == '0') {
			leading++;
		}
		digits.delete(0, leading);
		n -= leading;
		int end = digits.length();
		while (end > 1 && digits.charAt(end - 1) == '0') {
			end--;
		}
		digits.setLength(end);
		if (digits.length() == 2) {
			n = shortenToOneDigit(value, digits, n);
		}
		layout(out, digits, n);
		return out.toString();
	}

	/**
	 * The JDK may answer two digits where one would round-trip (see the class comment);
	 * take the closest single digit that still reads back as {@code value}.
	 */
	private static int shortenToOneDigit(double value, StringBuilder digits, int n) {
		int first = digits.charAt(0) - '0';
		int lower = first;
		int upper = first + 1;
		boolean lowerFits = lower != 0 && Double.parseDouble(lower + "E" + (n - 1)) == value;
		boolean upperFits = (upper == 10) ? Double.parseDouble("1E" + n) == value
				: Double.parseDouble(upper + "E" + (n - 1)) == value;
		if (!lowerFits && !upperFits) {
			return n;
		}
		boolean useUpper = upperFits;
		if (lowerFits && upperFits) {
			BigDecimal exact = new BigDecimal(value);
			BigDecimal low = new BigDecimal(lower + "E" + (n - 1));
			BigDecimal high = (upper == 10) ? new BigDecimal("1E" + n) : new BigDecimal(upper + "E" + (n - 1));
			int cmp = exact.subtract(low).compareTo(high.subtract(exact));
			useUpper = (cmp > 0) || (cmp == 0 && (upper % 2 == 0));
		}
		digits.setLength(0);
		if (!useUpper) {
			digits.append((char) ('0' + lower));
			return n;
		}
		if (upper == 10) {
			digits.append('1');
			return n + 1;
		}
		digits.append((char) ('0' + upper));
		return n;
	}

	/** ECMA-262 Number::toString, steps for k digits and decimal exponent n. */
	private static void layout(StringBuilder out, CharSequence digits, int n) {
		int k = digits.length();
		if (k <= n && n <= 21) {
			out.append(digits);
			out.repeat('0', n - k);
		}
		else if (0 < n && n <= 21) {
			out.append(digits, 0, n).append('.').append(digits, n, k);
		}
		else if (-6 < n && n <= 0) {
			out.append("0.");
			out.repeat('0', -n);
			out.append(digits);
		}
		else {
			int exponent = n - 1;
			out.append(digits.charAt(0));
			if (k > 1) {
				out.append('.').append(digits, 1, k);
			}
			out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
		}
	}

}
