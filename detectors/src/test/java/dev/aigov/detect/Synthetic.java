package dev.aigov.detect;

import java.math.BigInteger;
import java.util.Random;

/**
 * Synthetic values with valid (or deliberately wrong) check digits; never real people's
 * data.
 */
final class Synthetic {

	private static final int[] TW_CODES = { 10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26,
			27, 28, 29, 32, 30, 31, 33 };

	private final Random random;

	Synthetic(long seed) {
		this.random = new Random(seed);
	}

	String digits(int count) {
		StringBuilder out = new StringBuilder(count);
		for (int k = 0; k < count; k++) {
			out.append((char) ('0' + this.random.nextInt(10)));
		}
		return out.toString();
	}

	/** A Taiwanese ID with the given second character (1/2, 8/9 or A-D). */
	String taiwanId(char second, boolean valid) {
		char letter = (char) ('A' + this.random.nextInt(26));
		String body = letter + String.valueOf(second) + digits(7);
		for (char check = '0'; check <= '9'; check++) {
			if (taiwanIdValid(body + check) == valid) {
				return body + check;
			}
		}
		throw new IllegalStateException();
	}

	static boolean taiwanIdValid(String id) {
		int code = TW_CODES[id.charAt(0) - 'A'];
		char second = id.charAt(1);
		int sum = code / 10 + code % 10 * 9
				+ (Character.isLetter(second) ? TW_CODES[second - 'A'] % 10 : second - '0') * 8;
		for (int k = 2; k <= 8; k++) {
			sum += (id.charAt(k) - '0') * (9 - k);
		}
		return (sum + id.charAt(9) - '0') % 10 == 0;
	}

	static int ubnSum(String number) {
		int[] weights = { 1, 2, 1, 2, 1, 2, 4, 1 };
		int sum = 0;
		for (int k = 0; k < 8; k++) {
			int product = (number.charAt(k) - '0') * weights[k];
			sum += product / 10 + product % 10;
		}
		return sum;
	}

	String ubn(boolean valid) {
		while (true) {
			String number = digits(8);
			int sum = ubnSum(number);
			boolean ok = sum % 5 == 0 || number.charAt(6) == '7' && (sum + 1) % 5 == 0;
			if (ok == valid) {
				return number;
			}
		}
	}

	/**
	 * A number of {@code length} digits starting with {@code prefix}, Luhn-valid or not.
	 */
	String luhn(String prefix, int length, boolean valid) {
		String body = prefix + digits(length - prefix.length() - 1);
		for (char check = '0'; check <= '9'; check++) {
			if (luhnValid(body + check) == valid) {
				return body + check;
			}
		}
		throw new IllegalStateException();
	}

	static boolean luhnValid(String number) {
		int sum = 0;
		boolean twice = false;
		for (int k = number.length() - 1; k >= 0; k--) {
			int d = number.charAt(k) - '0';
			if (twice) {
				d = d * 2 > 9 ? d * 2 - 9 : d * 2;
			}
			sum += d;
			twice = !twice;
		}
		return sum % 10 == 0;
	}

	/** An IBAN with computed check digits, e.g. {@code iban("DE", digits(18))}. */
	static String iban(String country, String bban) {
		StringBuilder numeric = new StringBuilder();
		for (char c : (bban + country + "00").toCharArray()) {
			numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
		return country + String.format("%02d", check) + bban;
	}

	String token(String alphabet, int length) {
		StringBuilder out = new StringBuilder(length);
		for (int k = 0; k < length; k++) {
			out.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return out.toString();
	}

	static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	/**
	 * Random alphanumerics that contain an upper-case letter, a lower-case letter and a
	 * digit.
	 */
	String mixed(int length) {
		while (true) {
			String value = token(ALNUM, length);
			if (value.chars().anyMatch(Character::isUpperCase) && value.chars().anyMatch(Character::isLowerCase)
					&& value.chars().anyMatch(Character::isDigit)) {
				return value;
			}
		}
	}

}
