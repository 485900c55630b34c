package dev.aigov.detect;

/** E-mail addresses, entered at the {@code @}. */
final class Emails {

	private Emails() {
	}

	private static boolean isLocalChar(char c) {
		return Chars.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
	}

	static void atSign(String s, int at, HitSink out) {
		if (!out.wants(BuiltInType.EMAIL)) {
			return;
		}
		int start = at;
		while (start > 0 && at - start <= 64 && isLocalChar(s.charAt(start - 1))) {
			start--;
		}
		while (start < at && !Chars.isAlnum(s.charAt(start))) {
			start++; // an address does not start with a dot, quote or dash
		}
		if (start == at || at - start > 64 || s.charAt(at - 1) == '.' || insideUrl(s, start)) {
			return;
		}
		int n = s.length();
		int pos = at + 1;
		int labels = 0;
		int lastLabel = pos;
		while (true) {
			int labelStart = pos;
			while (pos < n && (Chars.isAlnum(s.charAt(pos)) || s.charAt(pos) == '-') && pos - labelStart < 63) {
				pos++;
			}
			if (pos == labelStart || s.charAt(labelStart) == '-' || s.charAt(pos - 1) == '-') {
				return;
			}
			labels++;
			lastLabel = labelStart;
			if (pos + 1 < n && s.charAt(pos) == '.' && Chars.isAlnum(s.charAt(pos + 1))) {
				pos++;
				continue;
			}
			break;
		}
		if (labels < 2 || !topLevel(s, lastLabel, pos) || retinaSuffix(s, at + 1)) {
			return;
		}
		if (pos < n && (s.charAt(pos) == '_' || s.charAt(pos) == '@')) {
			return;
		}
		if (pos + 1 < n && s.charAt(pos) == ':'
				&& (Chars.isTokenChar(s.charAt(pos + 1)) || s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '~')) {
			return; // git@github.com:org/repo.git is an SSH remote, not an address
		}
		out.add(BuiltInType.EMAIL, start, pos, 0.95);
	}

	private static boolean topLevel(String s, int from, int to) {
		if (to - from < 2 || to - from > 24) {
			return false;
		}
		if (s.startsWith("xn--", from)) {
			return true;
		}
		for (int k = from; k < to; k++) {
			if (!Chars.isLetter(s.charAt(k))) {
				return false;
			}
		}
		return true;
	}

	/** icon@2x.png is an image, not an address. */
	private static boolean retinaSuffix(String s, int domain) {
		int k = Chars.digitsEnd(s, domain);
		return k > domain && k + 1 < s.length() && s.charAt(k) == 'x' && s.charAt(k + 1) == '.';
	}

	/**
	 * user:password@host in a URL's authority is a credential, reported as such, not an
	 * address.
	 */
	private static boolean insideUrl(String s, int start) {
		for (int k = start - 1; k >= 2 && start - k < 256 && Chars.isAsciiGraphic(s.charAt(k)); k--) {
			char c = s.charAt(k);
			if (c == '/') {
				return s.charAt(k - 1) == '/' && s.charAt(k - 2) == ':';
			}
		}
		return false;
	}

}
