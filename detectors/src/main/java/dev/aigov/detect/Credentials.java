package dev.aigov.detect;

/**
 * Passwords in connection strings and URLs ({@code Password=...;},
 * {@code "password": "..."}, {@code postgres://user:pass@host}) and private key blocks. A
 * password hit covers the value only, so a redacted string keeps its shape.
 */
final class Credentials {

	private static final String[] PASSWORD_KEYS = { "password", "passwd", "pwd" };

	private static final String BEGIN = "-----BEGIN ";

	/** The longest private key block searched for an end line, in characters. */
	static final int MAX_PRIVATE_KEY = 64 * 1024;

	private Credentials() {
	}

	/**
	 * At an {@code =}: key=value pairs of JDBC/ADO.NET connection strings, URLs and env
	 * files.
	 */
	static void atEquals(String s, int i, HitSink out) {
		int n = s.length();
		if (i + 1 >= n || s.charAt(i + 1) == '=' || (i > 0 && "=!<>".indexOf(s.charAt(i - 1)) >= 0)
				|| !passwordKeyBefore(s, i)) {
			return;
		}
		int start = i + 1;
		while (start < n && s.charAt(start) == ' ' && start - i <= 2) {
			start++;
		}
		value(s, start, out);
	}

	/** At a {@code :} that is not {@code ://}: {@code "password": "value"} in JSON. */
	static void atColon(String s, int i, HitSink out) {
		int keyEnd = i - 1;
		while (keyEnd > 0 && s.charAt(keyEnd) == ' ' && i - keyEnd <= 2) {
			keyEnd--;
		}
		if (keyEnd < 1 || s.charAt(keyEnd) != '"' || !passwordKeyBefore(s, keyEnd)) {
			return;
		}
		int start = i + 1;
		while (start < s.length() && s.charAt(start) == ' ' && start - i <= 2) {
			start++;
		}
		if (start < s.length() && s.charAt(start) == '"') {
			value(s, start, out);
		}
	}

	/**
	 * Whether a key ending in password, passwd or pwd (or the key "pass") ends right
	 * before {@code end}.
	 */
	private static boolean passwordKeyBefore(String s, int end) {
		int keyEnd = end;
		while (keyEnd > 0 && s.charAt(keyEnd - 1) == ' ' && end - keyEnd < 2) {
			keyEnd--;
		}
		if (keyEnd > 0 && s.charAt(keyEnd - 1) == '"' && s.charAt(end) != '"') {
			keyEnd--;
		}
		int keyStart = keyEnd;
		while (keyStart > 0 && keyEnd - keyStart < 64) {
			char c = s.charAt(keyStart - 1);
			if (!Chars.isAlnum(c) && c != '_' && c != '.' && c != '-') {
				break;
			}
			keyStart--;
		}
		if (keyStart == keyEnd) {
			return false;
		}
		for (String key : PASSWORD_KEYS) {
			if (keyEnd - keyStart >= key.length() && Chars.matchesIgnoreCase(s, keyEnd - key.length(), key)) {
				return true;
			}
		}
		return keyEnd - keyStart == 4 && Chars.matchesIgnoreCase(s, keyStart, "pass");
	}

	/** A value: quoted, or up to the next delimiter of a connection string or URL. */
	private static void value(String s, int start, HitSink out) {
		int n = s.length();
		if (start >= n || !out.wants(BuiltInType.PASSWORD)) {
			return;
		}
		char quote = s.charAt(start);
		int from = start;
		int end;
		if (quote == '"' || quote == '\'') {
			from = start + 1;
			end = from;
			while (end < n && s.charAt(end) != quote && s.charAt(end) != '\n' && end - from <= 256) {
				end += (s.charAt(end) == '\\' && end + 1 < n) ? 2 : 1;
			}
			if (end >= n || s.charAt(end) != quote) {
				return;
			}
		}
		else {
			end = from;
			while (end < n && end - from <= 256) {
				char c = s.charAt(end);
				if (Chars.isSpace(c) || ";&,\"'<>)]}".indexOf(c) >= 0 || c >= 0x3000) {
					break;
				}
				end++;
			}
		}
		if (end > from && end - from <= 256 && !placeholder(s, from, end)) {
			out.add(BuiltInType.PASSWORD, from, end, 0.9);
		}
	}

	/** ${DB_PASSWORD}, {{secret}}, %(pw)s, <password>, ***, xxxx: not a password. */
	private static boolean placeholder(String s, int from, int end) {
		char first = s.charAt(from);
		if (first == '$' || first == '<' || first == '%'
				|| (first == '{' && end - from > 1 && s.charAt(from + 1) == '{')) {
			return true;
		}
		boolean same = true;
		for (int k = from + 1; k < end; k++) {
			same &= Chars.lower(s.charAt(k)) == Chars.lower(first);
		}
		if (same && (first == '*' || first == 'x' || first == 'X' || first == '.' || first == '?')) {
			return true;
		}
		return Chars.matchesIgnoreCase(s, from, "null") && end - from == 4
				|| Chars.matchesIgnoreCase(s, from, "redacted") && end - from == 8
				|| Chars.matchesIgnoreCase(s, from, "password") && end - from == 8;
	}

	/**
	 * At {@code ://}: scheme://user:password@host; the user may be empty
	 * (redis://:pw@host).
	 */
	static void urlUserInfo(String s, int i, HitSink out) {
		if (i == 0 || !Chars.isLetter(s.charAt(i - 1)) || !out.wants(BuiltInType.PASSWORD)) {
			return;
		}
		int n = s.length();
		int authority = i + 3;
		int at = -1;
		int colon = -1;
		for (int k = authority; k < n && k - authority < 256; k++) {
			char c = s.charAt(k);
			if (c == '/' || c == '?' || c == '#' || !Chars.isAsciiGraphic(c) || c == '"' || c == '\'' || c == '<'
					|| c == '>') {
				break;
			}
			if (c == ':' && colon < 0) {
				colon = k;
			}
			else if (c == '@') {
				at = k;
			}
		}
		if (at < 0 || colon < 0 || colon > at || colon + 1 == at || at + 1 >= n || !Chars.isAlnum(s.charAt(at + 1))
				|| placeholder(s, colon + 1, at)) {
			return;
		}
		out.add(BuiltInType.PASSWORD, colon + 1, at, 0.95);
	}

	/**
	 * At a dash: -----BEGIN ... PRIVATE KEY----- up to its END line, or to where the key
	 * text stops.
	 */
	static void privateKey(String s, int i, HitSink out) {
		if (!s.startsWith(BEGIN, i) || (i > 0 && s.charAt(i - 1) == '-') || !out.wants(BuiltInType.PRIVATE_KEY)) {
			return;
		}
		int labelStart = i + BEGIN.length();
		int labelEnd = s.indexOf("-----", labelStart);
		if (labelEnd < 0 || labelEnd - labelStart > 40) {
			return;
		}
		String label = s.substring(labelStart, labelEnd);
		if (!label.endsWith("PRIVATE KEY") && !label.equals("PGP PRIVATE KEY BLOCK")) {
			return;
		}
		int bodyStart = labelEnd + 5;
		String endLine = "-----END " + label + "-----";
		int end = s.indexOf(endLine, bodyStart);
		int next = s.indexOf(BEGIN, bodyStart);
		if (end >= 0 && (next < 0 || end < next) && end - i <= MAX_PRIVATE_KEY) {
			out.add(BuiltInType.PRIVATE_KEY, i, end + endLine.length(), 0.99);
			return;
		}
		// No end line (yet) before the next block: the key text is secret as far as it
		// goes.
		int last = bodyStart;
		int n = Math.min(next < 0 ? s.length() : next, i + MAX_PRIVATE_KEY);
		for (int k = bodyStart; k < n; k++) {
			char c = s.charAt(k);
			if (Chars.isBase64(c) || c == '=' || c == ':' || c == ',' || c == '-') {
				last = k + 1;
			}
			else if (!Chars.isSpace(c)) {
				break;
			}
		}
		out.add(BuiltInType.PRIVATE_KEY, i, last, 0.9);
	}

	/**
	 * Start of the last private key block if it has no end line yet, or -1. Only the last
	 * block can be open: a BEGIN line ends the block before it.
	 */
	static int openPrivateKey(String s) {
		int begin = s.lastIndexOf(BEGIN);
		if (begin < 0) {
			return -1;
		}
		int labelEnd = s.indexOf("-----", begin + BEGIN.length());
		if (labelEnd < 0) {
			return begin; // the header itself is still arriving
		}
		String label = s.substring(begin + BEGIN.length(), labelEnd);
		boolean key = label.endsWith("PRIVATE KEY") || label.equals("PGP PRIVATE KEY BLOCK");
		return key && s.indexOf("-----END " + label + "-----", labelEnd) < 0 ? begin : -1;
	}

}
