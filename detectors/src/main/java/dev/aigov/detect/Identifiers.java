package dev.aigov.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * Identifiers that start with capital letters: Taiwanese national ID and resident
 * certificate numbers, and IBANs.
 */
final class Identifiers {

	/** IBAN length per country (ISO 13616 registry). */
	private static final Map<String, Integer> IBAN_LENGTHS = new HashMap<>();

	static {
		String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 "
				+ "DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 "
				+ "IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 "
				+ "MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 "
				+ "SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
		for (String entry : table.split(" ")) {
			IBAN_LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
		}
	}

	/**
	 * Labels of a resident certificate, lower case. The old format (a letter, A-D, eight
	 * digits) has the shape of a Taiwanese e-invoice number, so it counts only after one.
	 */
	private static final String[] RESIDENT_LABELS = { "居留證", "居留證號", "統一證號", "居留", "外僑", "arc", "resident",
			"resident certificate", "residence permit", "resident permit", "certificate", "permit" };

	private Identifiers() {
	}

	/** At an upper-case letter that starts a word. */
	static void atCapital(String s, int i, HitSink out) {
		int n = s.length();
		if (i + 3 >= n) {
			return;
		}
		char second = s.charAt(i + 1);
		if (Chars.isDigit(second) || (second >= 'A' && second <= 'D' && Chars.isDigit(s.charAt(i + 2)))) {
			taiwanId(s, i, out);
		}
		if (Chars.isUpper(second) && Chars.isDigit(s.charAt(i + 2)) && Chars.isDigit(s.charAt(i + 3))) {
			iban(s, i, out);
		}
	}

	/**
	 * A123456789: a letter, then 1/2 (national ID), 8/9 (resident certificate since 2021)
	 * or A-D (resident certificate before 2021), seven digits and a check digit.
	 */
	private static void taiwanId(String s, int i, HitSink out) {
		int end = i + 10;
		if (end > s.length() || !Chars.wordEnd(s, end)) {
			return;
		}
		for (int k = i + 2; k < end; k++) {
			if (!Chars.isDigit(s.charAt(k))) {
				return;
			}
		}
		char second = s.charAt(i + 1);
		BuiltInType type = switch (second) {
			case '1', '2' -> BuiltInType.TW_NATIONAL_ID;
			case '8', '9', 'A', 'B', 'C', 'D' -> BuiltInType.TW_RESIDENT_CERT;
			default -> null;
		};
		if (type == null || !out.wants(type) || !Checksums.taiwanId(s, i)) {
			return;
		}
		boolean oldFormat = Chars.isUpper(second);
		if (oldFormat && !Labels.before(s, i, RESIDENT_LABELS)) {
			return;
		}
		out.add(type, i, end, oldFormat ? 0.9 : 0.95);
	}

	/** DE89 3704 0044 0532 0130 00 or DE89370400440532013000. */
	private static void iban(String s, int i, HitSink out) {
		if (!out.wants(BuiltInType.IBAN)) {
			return;
		}
		Integer length = IBAN_LENGTHS.get(s.substring(i, i + 2));
		if (length == null) {
			return;
		}
		StringBuilder compact = new StringBuilder(length);
		int n = s.length();
		int pos = i;
		boolean grouped = false;
		while (compact.length() < length && pos < n) {
			char c = s.charAt(pos);
			if (Chars.isDigit(c) || Chars.isUpper(c)) {
				compact.append(c);
				pos++;
			}
			else if (c == ' ' && compact.length() % 4 == 0 && (compact.length() == 4 || grouped) && pos + 1 < n
					&& Chars.isAlnum(s.charAt(pos + 1))) {
				grouped = true; // printed form: groups of four
				pos++;
			}
			else {
				return;
			}
		}
		if (compact.length() != length || !Chars.wordEnd(s, pos) || !Checksums.iban(compact)) {
			return;
		}
		out.add(BuiltInType.IBAN, i, pos, 0.97);
	}

}
