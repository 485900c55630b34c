package dev.aigov.detect;

/** Character classes and comparisons the detectors share; ASCII only, no allocation. */
final class Chars {

	private Chars() {
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static boolean isUpper(char c) {
		return c >= 'A' && c <= 'Z';
	}

	static boolean isLower(char c) {
		return c >= 'a' && c <= 'z';
	}

	static boolean isLetter(char c) {
		return isUpper(c) || isLower(c);
	}

	static boolean isAlnum(char c) {
		return isDigit(c) || isLetter(c);
	}

	static boolean isHex(char c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** The base64url alphabet, which most API tokens use. */
	static boolean isTokenChar(char c) {
		return isAlnum(c) || c == '_' || c == '-';
	}

	/** The standard base64 alphabet without padding. */
	static boolean isBase64(char c) {
		return isAlnum(c) || c == '+' || c == '/';
	}

	/**
	 * Printable ASCII other than space: what a token, URL or e-mail address is made of.
	 */
	static boolean isAsciiGraphic(char c) {
		return c > ' ' && c < 127;
	}

	static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}

	static char lower(char c) {
		return isUpper(c) ? (char) (c + 32) : c;
	}

	/** Whether {@code i} starts a word: nothing alphanumeric (ASCII) right before it. */
	static boolean wordStart(String s, int i) {
		return i == 0 || !isAlnum(s.charAt(i - 1));
	}

	/** Whether {@code end} ends a word: nothing alphanumeric (ASCII) right after it. */
	static boolean wordEnd(String s, int end) {
		return end >= s.length() || !isAlnum(s.charAt(end));
	}

	static int digitsEnd(String s, int i) {
		int n = s.length();
		while (i < n && isDigit(s.charAt(i))) {
			i++;
		}
		return i;
	}

	static int tokenEnd(String s, int i, int max) {
		int limit = Math.min(s.length(), i + max + 1);
		while (i < limit && isTokenChar(s.charAt(i))) {
			i++;
		}
		return i;
	}

	/** Whether {@code s} holds {@code lowerText} at {@code i}, ignoring ASCII case. */
	static boolean matchesIgnoreCase(String s, int i, String lowerText) {
		int length = lowerText.length();
		if (i < 0 || i + length > s.length()) {
			return false;
		}
		for (int k = 0; k < length; k++) {
			if (lower(s.charAt(i + k)) != lowerText.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code lowerText} occurs, ignoring ASCII case, inside {@code s[from, to)}.
	 */
	static boolean containsIgnoreCase(String s, int from, int to, String lowerText) {
		char first = lowerText.charAt(0);
		for (int i = Math.max(0, from), last = to - lowerText.length(); i <= last; i++) {
			if (lower(s.charAt(i)) == first && matchesIgnoreCase(s, i, lowerText)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether {@code s[from, to)} has an upper-case letter, a lower-case letter and a
	 * digit.
	 */
	static boolean mixed(String s, int from, int to) {
		boolean upper = false;
		boolean lower = false;
		boolean digit = false;
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			upper |= isUpper(c);
			lower |= isLower(c);
			digit |= isDigit(c);
		}
		return upper && lower && digit;
	}

}
