package dev.aigov.detect;

/**
 * Whether a number is introduced by a label that says what it is, e.g. "統一編號：" or "UBN
 * No.", for numbers whose checksum alone lets too many look-alikes through.
 */
final class Labels {

	/** Characters between a label and its value: spaces, colons, brackets, 號/碼/字/為/是. */
	private static final String FILLER = " \t\n:：#=()（）[]【】.,，、-–—號碼字為是";

	private static final String[] FILLER_WORDS = { "no", "nr", "num", "number", "is" };

	private static final int MAX_GAP = 16;

	private Labels() {
	}

	/**
	 * @param s the text
	 * @param i where the value starts
	 * @param labels labels, lower case; ASCII ones must stand as words
	 * @return whether one of them ends right before {@code i}, give or take filler
	 */
	static boolean before(String s, int i, String[] labels) {
		int p = i;
		int floor = Math.max(0, i - MAX_GAP);
		while (true) {
			if (endsHere(s, p, labels)) {
				return true;
			}
			if (p <= floor) {
				return false;
			}
			if (FILLER.indexOf(s.charAt(p - 1)) >= 0) {
				p--;
				continue;
			}
			int word = p;
			while (word > 0 && Chars.isLetter(s.charAt(word - 1)) && p - word < 7) {
				word--;
			}
			if (word == p || !isFillerWord(s, word, p)) {
				return false;
			}
			p = word;
		}
	}

	private static boolean endsHere(String s, int p, String[] labels) {
		for (String label : labels) {
			int start = p - label.length();
			if (start < 0) {
				continue;
			}
			if (label.charAt(0) < 128) {
				if (Chars.matchesIgnoreCase(s, start, label) && Chars.wordStart(s, start)) {
					return true;
				}
			}
			else if (s.startsWith(label, start)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isFillerWord(String s, int from, int to) {
		if (from > 0 && Chars.isAlnum(s.charAt(from - 1))) {
			return false;
		}
		for (String word : FILLER_WORDS) {
			if (to - from == word.length() && Chars.matchesIgnoreCase(s, from, word)) {
				return true;
			}
		}
		return false;
	}

}
