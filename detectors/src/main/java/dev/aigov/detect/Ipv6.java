package dev.aigov.detect;

/** IPv6 addresses, full or compressed ({@code ::}), with an optional dotted IPv4 tail. */
final class Ipv6 {

	private static final int MAX_LENGTH = 45;

	private Ipv6() {
	}

	/**
	 * Whether an address may start at {@code i}: a hex digit with a colon after at most 4
	 * of them, or "::".
	 */
	static boolean mayStart(String s, int i) {
		int n = s.length();
		int k = i;
		while (k < n && k - i < 4 && Chars.isHex(s.charAt(k))) {
			k++;
		}
		return k < n && s.charAt(k) == ':' && (k > i || (k + 1 < n && s.charAt(k + 1) == ':'));
	}

	static void at(String s, int i, HitSink out) {
		if (!out.wants(BuiltInType.IPV6) || (i > 0 && (s.charAt(i - 1) == ':' || s.charAt(i - 1) == '.'))) {
			return;
		}
		int n = s.length();
		int end = i;
		while (end < n && end - i <= MAX_LENGTH) {
			char c = s.charAt(end);
			if (!Chars.isHex(c) && c != ':' && c != '.') {
				break;
			}
			end++;
		}
		if (end - i > MAX_LENGTH || (end < n && (Chars.isAlnum(s.charAt(end)) || s.charAt(end) == '_'))) {
			return;
		}
		// A sentence may end right after the address.
		while (end > i && s.charAt(end - 1) == '.') {
			end--;
		}
		if (end > i + 1 && s.charAt(end - 1) == ':' && s.charAt(end - 2) != ':') {
			end--;
		}
		if (valid(s, i, end)) {
			out.add(BuiltInType.IPV6, i, end, 0.9);
		}
	}

	static boolean valid(String s, int from, int to) {
		int groups = 0;
		int hex = 0;
		boolean compressed = false;
		int k = from;
		if (s.startsWith("::", k)) {
			compressed = true;
			k += 2;
			if (k == to) {
				// "::" alone reads as punctuation more often than as an address
				return false;
			}
		}
		while (k < to) {
			int groupStart = k;
			while (k < to && Chars.isHex(s.charAt(k)) && k - groupStart < 5) {
				k++;
			}
			if (k < to && s.charAt(k) == '.') {
				// dotted IPv4 tail, worth two groups
				return ipv4Tail(s, groupStart, to) && (compressed ? groups + 2 < 8 : groups + 2 == 8);
			}
			int length = k - groupStart;
			if (length == 0 || length > 4) {
				return false;
			}
			groups++;
			hex += length;
			if (k == to) {
				break;
			}
			if (s.charAt(k) != ':') {
				return false;
			}
			k++;
			if (k < to && s.charAt(k) == ':') {
				if (compressed) {
					return false;
				}
				compressed = true;
				k++;
			}
			else if (k == to) {
				return false;
			}
		}
		// fe80::1 and ::1 pass; "a::b" reads as code, not as an address
		return compressed ? groups < 8 && (hex >= 4 || s.startsWith("::1", from) && to - from == 3) : groups == 8;
	}

	private static boolean ipv4Tail(String s, int from, int to) {
		int parts = 0;
		int k = from;
		while (k <= to) {
			int start = k;
			int value = 0;
			while (k < to && Chars.isDigit(s.charAt(k))) {
				value = value * 10 + s.charAt(k) - '0';
				k++;
			}
			if (k == start || k - start > 3 || value > 255) {
				return false;
			}
			parts++;
			if (k == to) {
				break;
			}
			if (s.charAt(k) != '.') {
				return false;
			}
			k++;
		}
		return parts == 4;
	}

}
