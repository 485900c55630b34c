package dev.aigov.detect;

/**
 * Numbers that are personal data: phone numbers (international, Taiwanese mobile and
 * landline, North American), payment card numbers (Luhn), Taiwanese unified business
 * numbers (checksum, in context) and IPv4 addresses. Entered at the first digit of a
 * number, or at the {@code +} or {@code (} that opens a phone number.
 */
final class Numbers {

	/** Taiwanese area codes, without the leading 0. */
	private static final String[] TW_AREA_CODES = { "2", "3", "37", "4", "49", "5", "6", "7", "8", "89", "82", "826",
			"836" };

	/** Labels of a unified business number, lower case. */
	private static final String[] UBN_LABELS = { "統編", "統一編號", "統一編碼", "公司編號", "扣繳編號", "稅籍編號", "ubn", "vat", "vat id",
			"tax id", "business", "ban", "gui" };

	/**
	 * Words after which a four-part dotted number is a section or version, not an
	 * address.
	 */
	private static final String[] NOT_IPV4_LABELS = { "section", "sec", "§", "version", "ver", "chapter", "clause",
			"article", "rule", "step", "item", "build", "release", "第", "條", "章", "節", "版本", "版" };

	private Numbers() {
	}

	/** At a digit that starts a word. */
	static void atDigit(String s, int i, HitSink out) {
		if (i >= 2) {
			char before = s.charAt(i - 1);
			if ((before == '-' || before == '.' || before == '/') && Chars.isDigit(s.charAt(i - 2))) {
				return; // inside a longer number, date or version
			}
		}
		DigitGroups run = out.digitGroups().read(s, i, " -.");
		if (run.groups == 0) {
			return;
		}
		if (run.separator == '.') {
			ipv4(s, i, run, out);
			northAmerican(s, i, run, out);
			return;
		}
		card(s, i, run, out);
		if (run.digits[0] == '0') {
			taiwanDomestic(s, i, run, out);
		}
		else {
			northAmerican(s, i, run, out);
		}
		if (run.groups == 1 && run.digitsUpTo[0] == 8 && out.wants(BuiltInType.TW_UBN)) {
			ubn(s, i, run, out);
		}
	}

	/** At a {@code +} that may start an international number. */
	static void atPlus(String s, int i, HitSink out) {
		int n = s.length();
		if (i + 1 >= n || !Chars.isDigit(s.charAt(i + 1)) || (i > 0 && Chars.isAlnum(s.charAt(i - 1)))) {
			return;
		}
		int start = (i > 0 && s.charAt(i - 1) == '(') ? i - 1 : i;
		char[] digits = new char[16];
		int[] groupEnds = new int[12];
		int[] digitsAt = new int[12];
		int groups = 0;
		int count = 0;
		int pos = i + 1;
		boolean closeParen = start < i;
		while (pos < n && groups < 12) {
			int end = Chars.digitsEnd(s, pos);
			if (end == pos || count + end - pos > 15) {
				break;
			}
			s.getChars(pos, end, digits, count);
			count += end - pos;
			groupEnds[groups] = end;
			digitsAt[groups] = count;
			groups++;
			pos = end;
			if (closeParen && pos < n && s.charAt(pos) == ')') {
				closeParen = false;
				pos++;
				if (pos < n && s.charAt(pos) == ' ') {
					pos++;
				}
				continue;
			}
			if (pos + 3 < n && s.charAt(pos) == ' ' && s.charAt(pos + 1) == '(' && s.charAt(pos + 2) == '0'
					&& s.charAt(pos + 3) == ')') {
				pos += 4; // the trunk prefix in "+44 (0)20 ...", not dialled from abroad
				if (pos < n && s.charAt(pos) == ' ') {
					pos++;
				}
				continue;
			}
			if (pos + 1 < n && " -.".indexOf(s.charAt(pos)) >= 0 && Chars.isDigit(s.charAt(pos + 1))) {
				pos++;
				continue;
			}
			break;
		}
		if (groups == 0 || closeParen) {
			return;
		}
		int chosen = -1;
		if (startsWith(digits, count, "886")) {
			boolean mobile = count > 3 && digits[3] == '9';
			for (int g = groups - 1; g >= 0 && chosen < 0; g--) {
				int total = digitsAt[g];
				if (mobile ? total == 12 : (total == 11 || total == 12) && digits[3] != '0') {
					chosen = g;
				}
			}
		}
		else if (digits[0] == '1') {
			for (int g = groups - 1; g >= 0 && chosen < 0; g--) {
				if (digitsAt[g] == 11 && digits[1] >= '2' && digits[4] >= '2') {
					chosen = g;
				}
			}
		}
		else if (digits[0] != '0' && count >= 8) {
			chosen = groups - 1;
		}
		if (chosen < 0 || groups < 2 && count < 10) {
			return;
		}
		int end = groupEnds[chosen];
		if (!Chars.wordEnd(s, end)) {
			return;
		}
		out.add(BuiltInType.PHONE, start, end, 0.9);
	}

	/**
	 * At a {@code (} that may open an area code: {@code (02) 2345-6789},
	 * {@code (415) 555-0132}.
	 */
	static void atParenthesis(String s, int i, HitSink out) {
		int n = s.length();
		if (i + 1 >= n || !Chars.isDigit(s.charAt(i + 1)) || (i > 0 && Chars.isAlnum(s.charAt(i - 1)))) {
			return;
		}
		int areaEnd = Chars.digitsEnd(s, i + 1);
		if (areaEnd >= n || s.charAt(areaEnd) != ')') {
			return;
		}
		String area = s.substring(i + 1, areaEnd);
		int pos = areaEnd + 1;
		if (pos < n && (s.charAt(pos) == ' ' || s.charAt(pos) == '-')) {
			pos++;
		}
		if (pos >= n || !Chars.isDigit(s.charAt(pos))) {
			return;
		}
		DigitGroups local = DigitGroups.parse(s, pos, " -");
		if (local.groups == 0) {
			return;
		}
		if (area.charAt(0) == '0' && isTaiwanArea(area.substring(1))) {
			for (int g = Math.min(local.groups, 2) - 1; g >= 0; g--) {
				int total = area.length() + local.digitsUpTo[g];
				if ((total == 9 || total == 10) && localGroupsPlausible(local, g) && !local.continuesAfter(s, g)) {
					out.add(BuiltInType.PHONE, i, local.endOf[g], 0.9);
					return;
				}
			}
		}
		else if (area.length() == 3 && area.charAt(0) >= '2' && local.groups >= 2 && local.length(0) == 3
				&& local.length(1) == 4 && local.digits[0] >= '2' && !local.continuesAfter(s, 1)) {
			out.add(BuiltInType.PHONE, i, local.endOf[1], 0.85);
		}
	}

	private static boolean localGroupsPlausible(DigitGroups local, int last) {
		for (int g = 0; g <= last; g++) {
			if (local.length(g) < 3) {
				return false;
			}
		}
		return true;
	}

	private static void taiwanDomestic(String s, int i, DigitGroups run, HitSink out) {
		if (!out.wants(BuiltInType.PHONE) || run.digitsUpTo[0] < 2) {
			return;
		}
		// Mobile: 09xx-xxx-xxx, 09xx xxxxxx, 0912345678
		if (run.digits[1] == '9') {
			for (int g = Math.min(run.groups, 3) - 1; g >= 0; g--) {
				if (run.digitsUpTo[g] != 10 || run.continuesAfter(s, g)) {
					continue;
				}
				boolean shaped = g == 0 || run.length(0) == 4 && (g == 1 || run.length(1) == 3);
				if (shaped) {
					out.add(BuiltInType.PHONE, i, run.endOf[g], (g == 0) ? 0.85 : 0.9);
				}
				return;
			}
			return;
		}
		// Landline: the area code stands apart: 02-2345-6789, 07 123 4567, 037-123456
		if (run.groups < 2 || !isTaiwanArea(new String(run.digits, 1, run.length(0) - 1))) {
			return;
		}
		for (int g = Math.min(run.groups, 3) - 1; g >= 1; g--) {
			int total = run.digitsUpTo[g];
			if ((total == 9 || total == 10) && !run.continuesAfter(s, g)) {
				boolean shaped = true;
				for (int k = 1; k <= g; k++) {
					shaped &= run.length(k) >= 3;
				}
				if (shaped) {
					out.add(BuiltInType.PHONE, i, run.endOf[g], 0.85);
				}
				return;
			}
		}
	}

	private static boolean isTaiwanArea(String withoutZero) {
		for (String code : TW_AREA_CODES) {
			if (code.equals(withoutZero)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * 415-555-0132, 415.555.0132: area and exchange codes start with 2-9. Not with
	 * spaces: "252 921 6255" is as often a meeting ID.
	 */
	private static void northAmerican(String s, int i, DigitGroups run, HitSink out) {
		if (run.separator == ' ' || run.groups < 3 || run.length(0) != 3 || run.length(1) != 3 || run.length(2) != 4
				|| run.digits[0] < '2' || run.digits[3] < '2' || run.continuesAfter(s, 2)) {
			return;
		}
		out.add(BuiltInType.PHONE, i, run.endOf[2], 0.8);
	}

	private static void card(String s, int i, DigitGroups run, HitSink out) {
		if (!out.wants(BuiltInType.CREDIT_CARD) || run.separator == '.') {
			return;
		}
		for (int g = run.groups - 1; g >= 0; g--) {
			int length = run.digitsUpTo[g];
			if (length < 13 || length > 19 || !cardGrouping(run, g) || run.continuesAfter(s, g)) {
				continue;
			}
			if (cardPrefixFits(run.digits, length) && Checksums.luhn(run.digits, length)) {
				out.add(BuiltInType.CREDIT_CARD, i, run.endOf[g], g == 0 ? 0.9 : 0.95);
			}
			return;
		}
	}

	/**
	 * 16 digits in one group, or groups of four with a shorter last one, or Amex/Diners
	 * 4-6-5/4-6-4.
	 */
	private static boolean cardGrouping(DigitGroups run, int last) {
		if (last == 0) {
			return true;
		}
		if (last == 2 && run.length(0) == 4 && run.length(1) == 6 && (run.length(2) == 5 || run.length(2) == 4)) {
			return true;
		}
		for (int g = 0; g < last; g++) {
			if (run.length(g) != 4) {
				return false;
			}
		}
		return last >= 2 && run.length(last) >= 1 && run.length(last) <= 4;
	}

	/** Issuer prefixes and the lengths each network issues. */
	static boolean cardPrefixFits(char[] d, int length) {
		int two = (d[0] - '0') * 10 + (d[1] - '0');
		int three = two * 10 + (d[2] - '0');
		int four = three * 10 + (d[3] - '0');
		return switch (d[0]) {
			case '4' -> length == 13 || length == 16 || length == 19; // Visa
			case '5' -> two >= 51 && two <= 55 && length == 16; // Mastercard
			case '2' -> four >= 2221 && four <= 2720 && length == 16; // 2-series
			case '3' -> ((two == 34 || two == 37) && length == 15) // American Express
					|| (four >= 3528 && four <= 3589 && length >= 16) // JCB; Diners
					|| ((three >= 300 && three <= 305 || two == 36 || two == 38 || two == 39) && length >= 14);
			// Discover (6011, 644-649, 65) and UnionPay (62)
			case '6' -> (four == 6011 || two == 65 || (three >= 644 && three <= 649) || two == 62) && length >= 16;
			default -> false;
		};
	}

	private static void ipv4(String s, int i, DigitGroups run, HitSink out) {
		if (!out.wants(BuiltInType.IPV4) || run.groups != 4 || run.overflow) {
			return;
		}
		for (int g = 0; g < 4; g++) {
			int length = run.length(g);
			int from = run.digitsUpTo[g] - length;
			if (length > 3 || (length > 1 && run.digits[from] == '0')) {
				return;
			}
			int value = 0;
			for (int k = from; k < from + length; k++) {
				value = value * 10 + run.digit(k);
			}
			if (value > 255) {
				return;
			}
		}
		int end = run.endOf[3];
		if (end < s.length()) {
			char c = s.charAt(end);
			if (Chars.isAlnum(c) || c == '.' && end + 1 < s.length() && Chars.isDigit(s.charAt(end + 1))) {
				return;
			}
		}
		if (Labels.before(s, i, NOT_IPV4_LABELS)) {
			return;
		}
		out.add(BuiltInType.IPV4, i, end, 0.9);
	}

	/**
	 * Eight digits, a valid checksum and a label right before it that says what the
	 * number is.
	 */
	private static void ubn(String s, int i, DigitGroups run, HitSink out) {
		if (run.continuesAfter(s, 0) || !Checksums.ubn(run.digits)) {
			return;
		}
		if (Labels.before(s, i, UBN_LABELS)) {
			out.add(BuiltInType.TW_UBN, i, run.endOf[0], 0.95);
		}
	}

	private static boolean startsWith(char[] digits, int count, String prefix) {
		if (count < prefix.length()) {
			return false;
		}
		for (int k = 0; k < prefix.length(); k++) {
			if (digits[k] != prefix.charAt(k)) {
				return false;
			}
		}
		return true;
	}

}
