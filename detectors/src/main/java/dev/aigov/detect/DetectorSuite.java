package dev.aigov.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * All detectors in one pass over the text. Each character is looked at once; cheap
 * triggers (the start of a word, a digit, {@code @}, {@code :}, {@code =}, {@code +},
 * {@code (}, {@code -----BEGIN}, the first character of a configured marker) hand a
 * position to the detector that may start there, which validates it by hand (checksums,
 * lengths, prefixes, decoded headers). Configured regular expressions are the only extra
 * passes. Immutable and thread-safe.
 *
 * <pre>
 * DetectorSuite suite = DetectorSuite.builder()
 *     .disable("IPV4", "IPV6")
 *     .markerTerms("CONFIDENTIAL", List.of("機密", "Internal Only"))
 *     .markerPattern("PROJECT_CODE", "Project\\s+(Falcon|Heron)")
 *     .build();
 * List&lt;Hit&gt; hits = suite.scan(prompt);
 * </pre>
 */
public final class DetectorSuite implements TextScanner {

	/** The type of the default confidential markers. */
	public static final String CONFIDENTIAL = "CONFIDENTIAL";

	/**
	 * The markers a suite has unless {@link Builder#withoutDefaultMarkers()} is called.
	 */
	public static final List<String> DEFAULT_MARKERS = List.of("機密", "密件", "限閱", "CONFIDENTIAL");

	/** The longest match a marker pattern may report unless told otherwise. */
	public static final int DEFAULT_PATTERN_MAX_LENGTH = 100;

	/**
	 * How far the longest built-in hit that may contain spaces reaches (a printed IBAN, a
	 * phone number with spaces, a PEM header), with the few characters after it a
	 * detector looks at. Hits without spaces (tokens, addresses, keys) are held by
	 * {@link HoldBackWindow} until they end.
	 */
	static final int BUILT_IN_WINDOW = 64;

	private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

	private static final DetectorSuite DEFAULTS = builder().build();

	private static final byte OTHER = 0;

	private static final byte ALNUM = 1;

	private static final byte TRIGGER = 2;

	private final boolean[] enabled;

	private final Markers markers;

	private final byte[] asciiClasses;

	private final Set<String> types;

	private final int windowSize;

	private DetectorSuite(boolean[] enabled, Markers markers, Set<String> types) {
		this.enabled = enabled;
		this.markers = markers;
		this.asciiClasses = asciiClasses(markers);
		this.types = types;
		this.windowSize = Math.max(BUILT_IN_WINDOW, markers.maxLength() + 2);
	}

	/** Every built-in detector and the default confidential markers. */
	public static DetectorSuite defaults() {
		return DEFAULTS;
	}

	/** A builder that starts from {@link #defaults()}. */
	public static Builder builder() {
		return new Builder();
	}

	/** The type names of the built-in detectors, e.g. {@code EMAIL}, {@code TW_UBN}. */
	public static Set<String> builtInTypes() {
		Set<String> names = new LinkedHashSet<>();
		for (BuiltInType type : BuiltInType.values()) {
			names.add(type.name());
		}
		return Collections.unmodifiableSet(names);
	}

	@Override
	public List<Hit> scan(CharSequence text) {
		Objects.requireNonNull(text, "text");
		String s = text.toString();
		HitSink out = new HitSink(this.enabled);
		Markers markers = this.markers;
		byte[] classes = this.asciiClasses;
		int n = s.length();
		byte previous = OTHER;
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (c >= 128) {
				if (markers.mayStart(c)) {
					markers.atOther(s, i, c, out);
				}
				previous = OTHER;
				continue;
			}
			byte kind = classes[c];
			if (kind == ALNUM) {
				if (previous != ALNUM) {
					atWordStart(s, i, c, out);
				}
				if ((c | 0x20) == 's' && i + 1 < n && (s.charAt(i + 1) | 0x20) == 'e') {
					Tokens.afterSecret(s, i, out);
				}
			}
			else if (kind == TRIGGER) {
				atPunctuation(s, i, c, previous == ALNUM, out);
			}
			previous = kind == ALNUM ? ALNUM : OTHER;
		}
		markers.runPatterns(s, out);
		return out.resolve();
	}

	/**
	 * ASCII letters and digits, and the punctuation that may start a hit, by character.
	 */
	private static byte[] asciiClasses(Markers markers) {
		byte[] classes = new byte[128];
		for (char c = 0; c < 128; c++) {
			if (Chars.isAlnum(c)) {
				classes[c] = ALNUM;
			}
			else if ("@=+(-:".indexOf(c) >= 0 || markers.startsWithAscii(c)) {
				classes[c] = TRIGGER;
			}
		}
		return classes;
	}

	private void atWordStart(String s, int i, char c, HitSink out) {
		if (Chars.isDigit(c)) {
			Numbers.atDigit(s, i, out);
		}
		else if (Chars.isUpper(c)) {
			Identifiers.atCapital(s, i, out);
		}
		Tokens.atWord(s, i, c, out);
		if (Chars.isHex(c) && Ipv6.mayStart(s, i)) {
			Ipv6.at(s, i, out);
		}
		if (this.markers.startsWithAscii(c)) {
			this.markers.atAscii(s, i, c, out);
		}
	}

	private void atPunctuation(String s, int i, char c, boolean afterAlnum, HitSink out) {
		switch (c) {
			case '@' -> Emails.atSign(s, i, out);
			case '=' -> Credentials.atEquals(s, i, out);
			case '+' -> Numbers.atPlus(s, i, out);
			case '(' -> Numbers.atParenthesis(s, i, out);
			case '-' -> {
				if ((i == 0 || s.charAt(i - 1) != '-') && s.startsWith("-----BEGIN ", i)) {
					Credentials.privateKey(s, i, out);
				}
			}
			case ':' -> {
				if (s.startsWith("//", i + 1)) {
					Credentials.urlUserInfo(s, i, out);
				}
				else {
					if (!afterAlnum && Ipv6.mayStart(s, i)) {
						Ipv6.at(s, i, out);
					}
					Credentials.atColon(s, i, out);
				}
			}
			default -> {
			}
		}
		if (this.markers.startsWithAscii(c)) {
			this.markers.atAscii(s, i, c, out);
		}
	}

	/** The type names this suite reports. */
	public Set<String> types() {
		return this.types;
	}

	/**
	 * How many characters a {@link HoldBackWindow} holds back in running text; more while
	 * a token (a run without spaces) or a private key block is still open.
	 */
	public int windowSize() {
		return this.windowSize;
	}

	/** A new hold-back window over a stream of text, for one stream. */
	public HoldBackWindow newWindow() {
		return new HoldBackWindow(this);
	}

	/**
	 * Builds a suite. Starts with every built-in detector enabled and the default markers
	 * ({@link #DEFAULT_MARKERS}, type {@link #CONFIDENTIAL}). Not thread-safe; the suite
	 * it builds is.
	 */
	public static final class Builder {

		private final Set<String> disabled = new LinkedHashSet<>();

		private final Map<String, List<String>> terms = new LinkedHashMap<>();

		private final List<Markers.PatternMarker> patterns = new ArrayList<>();

		private Builder() {
			this.terms.put(CONFIDENTIAL, new ArrayList<>(DEFAULT_MARKERS));
		}

		/**
		 * Stops reporting the given types (built-in detectors or configured markers).
		 * @param types type names, e.g. {@code "IPV4"}
		 * @return this builder
		 */
		public Builder disable(String... types) {
			this.disabled.addAll(Arrays.asList(types));
			return this;
		}

		/**
		 * Reports the given types again after {@link #disable(String...)}.
		 * @param types type names
		 * @return this builder
		 */
		public Builder enable(String... types) {
			Arrays.asList(types).forEach(this.disabled::remove);
			return this;
		}

		/**
		 * Drops the default markers ("機密", "密件", "限閱", "CONFIDENTIAL").
		 * @return this builder
		 */
		public Builder withoutDefaultMarkers() {
			this.terms.remove(CONFIDENTIAL);
			return this;
		}

		/**
		 * Adds literal confidential markers, matched ignoring ASCII case; a term that
		 * begins or ends with a letter or digit matches only as a whole word.
		 * @param type the type its hits carry, upper snake case, e.g.
		 * {@code CONFIDENTIAL}
		 * @param terms the terms, none blank
		 * @return this builder
		 */
		public Builder markerTerms(String type, Collection<String> terms) {
			checkMarkerType(type);
			for (String term : terms) {
				if (term == null || term.isBlank()) {
					throw new IllegalArgumentException("Marker terms of " + type + " must not be blank");
				}
				if (!term.equals(term.strip())) {
					throw new IllegalArgumentException(
							"Marker term '" + term + "' of " + type + " starts or ends with spaces");
				}
			}
			this.terms.computeIfAbsent(type, (key) -> new ArrayList<>()).addAll(terms);
			return this;
		}

		/**
		 * Adds a confidential marker given as a regular expression, reporting matches of
		 * at most {@value #DEFAULT_PATTERN_MAX_LENGTH} characters.
		 * @param type the type its hits carry, upper snake case
		 * @param regex a {@link Pattern} expression
		 * @return this builder
		 */
		public Builder markerPattern(String type, String regex) {
			return markerPattern(type, regex, DEFAULT_PATTERN_MAX_LENGTH);
		}

		/**
		 * Adds a confidential marker given as a regular expression. Longer matches are
		 * not reported, so that a stream can be checked with a bounded window.
		 * @param type the type its hits carry, upper snake case
		 * @param regex a {@link Pattern} expression that cannot match the empty string
		 * @param maxLength the longest match reported, 1 to 1000 characters
		 * @return this builder
		 */
		public Builder markerPattern(String type, String regex, int maxLength) {
			checkMarkerType(type);
			if (maxLength < 1 || maxLength > 1000) {
				throw new IllegalArgumentException(
						"Marker pattern " + type + ": maxLength must be 1 to 1000, not " + maxLength);
			}
			Pattern pattern;
			try {
				pattern = Pattern.compile(Objects.requireNonNull(regex, "regex"));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"Marker pattern " + type + " is not a valid regular expression: " + ex.getDescription(), ex);
			}
			if (pattern.matcher("").matches()) {
				throw new IllegalArgumentException("Marker pattern " + type + " matches the empty string");
			}
			this.patterns.add(new Markers.PatternMarker(type, pattern, maxLength));
			return this;
		}

		private static void checkMarkerType(String type) {
			if (type == null || !TYPE_NAME.matcher(type).matches()) {
				throw new IllegalArgumentException(
						"Marker type '" + type + "' must be upper snake case, e.g. " + "CONFIDENTIAL or PROJECT_CODE");
			}
			if (!type.equals(CONFIDENTIAL) && builtInTypes().contains(type)) {
				throw new IllegalArgumentException(
						"Marker type " + type + " is the name of a built-in detector; choose another");
			}
		}

		/**
		 * @return the suite
		 * @throws IllegalArgumentException if a disabled type is neither built in nor a
		 * configured marker
		 */
		public DetectorSuite build() {
			Set<String> known = new TreeSet<>(builtInTypes());
			known.addAll(this.terms.keySet());
			this.patterns.forEach((pattern) -> known.add(pattern.type()));
			for (String type : this.disabled) {
				if (!known.contains(type)) {
					throw new IllegalArgumentException("Unknown detector type '" + type + "'; known: " + known);
				}
			}
			boolean[] enabled = new boolean[BuiltInType.values().length];
			EnumSet<BuiltInType> on = EnumSet.allOf(BuiltInType.class);
			on.removeIf((type) -> this.disabled.contains(type.name()));
			on.forEach((type) -> enabled[type.ordinal()] = true);
			Map<String, List<String>> terms = new LinkedHashMap<>();
			this.terms.forEach((type, list) -> {
				if (!this.disabled.contains(type) && !list.isEmpty()) {
					terms.put(type, List.copyOf(list));
				}
			});
			List<Markers.PatternMarker> patterns = this.patterns.stream()
				.filter((pattern) -> !this.disabled.contains(pattern.type()))
				.toList();
			Set<String> types = new LinkedHashSet<>();
			on.forEach((type) -> types.add(type.name()));
			types.addAll(terms.keySet());
			patterns.forEach((pattern) -> types.add(pattern.type()));
			return new DetectorSuite(enabled, new Markers(terms, patterns), Collections.unmodifiableSet(types));
		}

	}

}
