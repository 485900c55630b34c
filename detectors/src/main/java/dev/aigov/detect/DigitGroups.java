package dev.aigov.detect;

/**
 * A run of digit groups such as {@code 0912-345-678}, {@code 4111 1111 1111 1111} or
 * {@code 192.168.0.1}: groups of digits joined by one separator character, the same one
 * throughout. Parsed once per number, then read by each numeric detector.
 */
final class DigitGroups {

	static final int MAX_GROUPS = 8;

	static final int MAX_DIGITS = 24;

	final char[] digits = new char[MAX_DIGITS];

	/** Digits before the end of each group. */
	final int[] digitsUpTo = new int[MAX_GROUPS];

	/** Text offset after each group. */
	final int[] endOf = new int[MAX_GROUPS];

	int groups;

	/** The separator, or 0 when there is one group. */
	char separator;

	/** Whether the number goes on beyond what was parsed (too many digits or groups). */
	boolean overflow;

	/**
	 * @param s the text
	 * @param start offset of the first digit
	 * @param separators the separator characters allowed
	 */
	static DigitGroups parse(String s, int start, String separators) {
		return new DigitGroups().read(s, start, separators);
	}

	/** Parses into this object, forgetting what it held. */
	DigitGroups read(String s, int start, String separators) {
		DigitGroups run = this;
		run.groups = 0;
		run.separator = 0;
		run.overflow = false;
		int n = s.length();
		int pos = start;
		int count = 0;
		while (true) {
			int end = Chars.digitsEnd(s, pos);
			if (count + end - pos > MAX_DIGITS || run.groups == MAX_GROUPS) {
				run.overflow = true;
				break;
			}
			s.getChars(pos, end, run.digits, count);
			count += end - pos;
			run.digitsUpTo[run.groups] = count;
			run.endOf[run.groups] = end;
			run.groups++;
			if (end + 1 < n) {
				char c = s.charAt(end);
				if (separators.indexOf(c) >= 0 && (run.separator == 0 || run.separator == c)
						&& Chars.isDigit(s.charAt(end + 1))) {
					run.separator = c;
					pos = end + 1;
					continue;
				}
			}
			break;
		}
		return run;
	}

	int length(int group) {
		return group == 0 ? this.digitsUpTo[0] : this.digitsUpTo[group] - this.digitsUpTo[group - 1];
	}

	int digit(int index) {
		return this.digits[index] - '0';
	}

	/** Whether the text after group {@code group} continues the number. */
	boolean continuesAfter(String s, int group) {
		if (group + 1 < this.groups) {
			return this.separator != ' ';
		}
		if (this.overflow) {
			return this.separator != ' ';
		}
		int end = this.endOf[group];
		if (end >= s.length()) {
			return false;
		}
		char c = s.charAt(end);
		if (Chars.isAlnum(c)) {
			return true;
		}
		return (c == '-' || c == '.' || c == '/') && end + 1 < s.length() && Chars.isDigit(s.charAt(end + 1));
	}

}
