package dev.aigov.detect;

/** The check digits that make a number more than a run of digits. */
final class Checksums {

	/**
	 * Letter codes of Taiwanese identity numbers, A=10 ... in the official
	 * (non-alphabetic) order.
	 */
	private static final int[] TW_LETTER_CODES = { 10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24,
			25, 26, 27, 28, 29, 32, 30, 31, 33 };

	private Checksums() {
	}

	/** Luhn (mod 10) over the first {@code length} digits. */
	static boolean luhn(char[] digits, int length) {
		int sum = 0;
		boolean twice = false;
		for (int k = length - 1; k >= 0; k--) {
			int d = digits[k] - '0';
			if (twice) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			twice = !twice;
		}
		return sum % 10 == 0;
	}

	/**
	 * Taiwanese unified business number: weights 1,2,1,2,1,2,4,1, digit sums of the
	 * products added up, divisible by 5 (the 2023 rule; numbers valid under the older
	 * divisible-by-10 rule remain valid); when the 7th digit is 7 its product 28 counts
	 * as 1 or 0, so a sum one short of a multiple of 5 is valid too.
	 */
	static boolean ubn(char[] digits) {
		int[] weights = { 1, 2, 1, 2, 1, 2, 4, 1 };
		int sum = 0;
		for (int k = 0; k < 8; k++) {
			int product = (digits[k] - '0') * weights[k];
			sum += product / 10 + product % 10;
		}
		return sum % 5 == 0 || (digits[6] == '7' && (sum + 1) % 5 == 0);
	}

	/**
	 * Taiwanese national ID and resident certificate check: the letter's two-digit code
	 * weighted 1 and 9, the next eight digits 8..1, the check digit 1, sum divisible by
	 * 10.
	 * @param s the text
	 * @param i offset of the letter; the nine characters after it are digits, except the
	 * second character of an old-format resident certificate (A-D)
	 */
	static boolean taiwanId(String s, int i) {
		int code = TW_LETTER_CODES[s.charAt(i) - 'A'];
		int sum = code / 10 + (code % 10) * 9;
		char second = s.charAt(i + 1);
		int first = Chars.isUpper(second) ? TW_LETTER_CODES[second - 'A'] % 10 : second - '0';
		sum += first * 8;
		for (int k = 2; k <= 8; k++) {
			sum += (s.charAt(i + k) - '0') * (9 - k);
		}
		sum += s.charAt(i + 9) - '0';
		return sum % 10 == 0;
	}

	/**
	 * ISO 13616 IBAN check: country and check digits moved to the end, letters as 10-35,
	 * mod 97 is 1.
	 */
	static boolean iban(CharSequence compact) {
		int remainder = 0;
		int length = compact.length();
		for (int k = 0; k < length; k++) {
			char c = compact.charAt((k + 4) % length);
			if (Chars.isDigit(c)) {
				remainder = (remainder * 10 + (c - '0')) % 97;
			}
			else {
				remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
			}
		}
		return remainder == 1;
	}

}
