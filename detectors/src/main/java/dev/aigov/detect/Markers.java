package dev.aigov.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.detect.Hit.Category;

/**
 * Confidential markers the organisation configured: literal terms (matched ignoring ASCII
 * case, as whole words where they begin or end with a letter or digit) found through a
 * first-character table, and regular expressions, each run once over the text. Immutable.
 */
final class Markers {

	private final Term[][] ascii = new Term[128][];

	private final long[] otherFirstChars = new long[1024];

	private final Map<Character, Term[]> other = new HashMap<>();

	private final List<PatternMarker> patterns;

	private final int maxLength;

	Markers(Map<String, List<String>> terms, List<PatternMarker> patterns) {
		Map<Character, List<Term>> byFirst = new HashMap<>();
		int longest = 0;
		for (Map.Entry<String, List<String>> entry : terms.entrySet()) {
			for (String text : entry.getValue()) {
				StringBuilder lower = new StringBuilder(text.length());
				for (int k = 0; k < text.length(); k++) {
					lower.append(Chars.lower(text.charAt(k)));
				}
				Term term = new Term(entry.getKey(), lower.toString(), Chars.isAlnum(text.charAt(0)),
						Chars.isAlnum(text.charAt(text.length() - 1)));
				byFirst.computeIfAbsent(term.text().charAt(0), (c) -> new ArrayList<>()).add(term);
				longest = Math.max(longest, text.length());
			}
		}
		for (Map.Entry<Character, List<Term>> entry : byFirst.entrySet()) {
			char first = entry.getKey();
			Term[] array = entry.getValue().toArray(Term[]::new);
			if (first < 128) {
				this.ascii[first] = array;
				if (Chars.isLower(first)) {
					this.ascii[first - 32] = array;
				}
			}
			else {
				this.otherFirstChars[first >>> 6] |= 1L << first;
				this.other.put(first, array);
			}
		}
		this.patterns = List.copyOf(patterns);
		for (PatternMarker pattern : patterns) {
			longest = Math.max(longest, pattern.maxLength());
		}
		this.maxLength = longest;
	}

	/** The longest hit a marker can produce. */
	int maxLength() {
		return this.maxLength;
	}

	boolean startsWithAscii(char c) {
		return this.ascii[c] != null;
	}

	boolean mayStart(char c) {
		return (this.otherFirstChars[c >>> 6] & (1L << c)) != 0;
	}

	void atAscii(String s, int i, char c, HitSink out) {
		match(s, i, this.ascii[c], out);
	}

	void atOther(String s, int i, char c, HitSink out) {
		match(s, i, this.other.get(c), out);
	}

	private static void match(String s, int i, Term[] terms, HitSink out) {
		for (Term term : terms) {
			int end = i + term.text().length();
			if (Chars.matchesIgnoreCase(s, i, term.text()) && (!term.wordStart() || Chars.wordStart(s, i))
					&& (!term.wordEnd() || Chars.wordEnd(s, end))) {
				out.add(term.type(), Category.CONFIDENTIAL, i, end, 0.99);
			}
		}
	}

	/**
	 * Runs each pattern over the text within {@link #STEPS_PER_CHAR} character reads per
	 * character of text (plus {@link #STEPS_BASE}): a pattern that backtracks
	 * catastrophically on this text, or whose repeated group overflows the stack on a
	 * long run, ends the scan with a {@link ScanFailedException} instead of holding the
	 * thread for minutes or escaping as an {@code Error}.
	 */
	void runPatterns(String s, HitSink out) {
		if (this.patterns.isEmpty()) {
			return;
		}
		Budgeted text = new Budgeted(s);
		for (PatternMarker marker : this.patterns) {
			text.reset((long) STEPS_PER_CHAR * s.length() + STEPS_BASE);
			try {
				Matcher matcher = marker.pattern().matcher(text);
				while (matcher.find()) {
					int length = matcher.end() - matcher.start();
					if (length > 0 && length <= marker.maxLength()) {
						out.add(marker.type(), Category.CONFIDENTIAL, matcher.start(), matcher.end(), 0.9);
					}
				}
			}
			catch (Budgeted.Exhausted ex) {
				throw new ScanFailedException("the confidential marker pattern " + marker.type()
						+ " gave up on this text after " + ex.steps + " steps (it backtracks without bound)");
			}
			catch (StackOverflowError ex) {
				throw new ScanFailedException("the confidential marker pattern " + marker.type()
						+ " overflowed the stack on this text (a repeated group over a long run)");
			}
		}
	}

	/**
	 * Character reads a pattern may make per character of text. A pattern that looks at
	 * each position a few times needs a handful; {@code (a+)+?b} on 30 a's needs
	 * billions.
	 */
	static final int STEPS_PER_CHAR = 200;

	/** Character reads every pattern may make, however short the text. */
	static final int STEPS_BASE = 100_000;

	/** The text as the matcher reads it, one step per character read. */
	private static final class Budgeted implements CharSequence {

		private final String text;

		private long left;

		private long budget;

		Budgeted(String text) {
			this.text = text;
		}

		void reset(long budget) {
			this.budget = budget;
			this.left = budget;
		}

		@Override
		public char charAt(int index) {
			if (--this.left < 0) {
				throw new Exhausted(this.budget);
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

		/** Thrown out of the matcher; carries no stack trace. */
		private static final class Exhausted extends RuntimeException {

			private static final long serialVersionUID = 1L;

			private final long steps;

			Exhausted(long steps) {
				super(null, null, false, false);
				this.steps = steps;
			}

		}

	}

	private record Term(String type, String text, boolean wordStart, boolean wordEnd) {
	}

	/** A configured regular expression and the longest match it may report. */
	record PatternMarker(String type, Pattern pattern, int maxLength) {
	}

}
