package dev.aigov.proxy.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.aigov.detect.Hit;
import dev.aigov.detect.TextScanner;

/**
 * The hold-back window over one streamed answer. Text is released to the client only once
 * at least {@code holdBack} characters have arrived after it, or the answer ended, and
 * never in the middle of a hit: a value split across chunks is whole before any of it is
 * released, as long as it is shorter than the window. Released text has the hits the
 * policy wants redacted replaced by placeholders (the same value keeps the same
 * placeholder for the whole answer), and optionally the caller's own placeholders
 * restored.
 * <p>
 * Not thread-safe: one guard per streamed call, used by the thread relaying it.
 */
final class StreamGuard {

	/**
	 * Longest placeholder the restore step must see whole, e.g.
	 * {@code [TW_NATIONAL_ID_12]}.
	 */
	private static final int PLACEHOLDER_MAX = 48;

	/** The longest run without spaces held back whole. */
	static final int MAX_TOKEN = 4096;

	/** The longest PEM block held back until its END line. */
	static final int MAX_PEM = 65536;

	private final TextScanner scanner;

	private final int holdBack;

	private final Function<List<Hit>, Set<String>> redactTypes;

	private final UnaryOperator<String> restore;

	private final Map<Integer, StringBuilder> pending = new HashMap<>();

	private final Map<String, String> placeholders = new HashMap<>();

	private final Map<String, Integer> counters = new HashMap<>();

	private final StringBuilder raw = new StringBuilder();

	private final List<Hit> released = new ArrayList<>();

	/**
	 * @param scanner the detectors
	 * @param holdBack characters held back
	 * @param redactTypes decides on the hits of text about to be released: the types to
	 * redact; throws {@link OpenAiException} to stop the answer
	 * @param restore puts the caller's placeholders back ({@code identity} for none)
	 */
	StreamGuard(TextScanner scanner, int holdBack, Function<List<Hit>, Set<String>> redactTypes,
			UnaryOperator<String> restore) {
		this.scanner = scanner;
		this.holdBack = holdBack;
		this.redactTypes = redactTypes;
		this.restore = restore;
	}

	/**
	 * Takes a chunk of one choice's text and returns what may be released now.
	 * @param choice the choice's index
	 * @param delta the new text
	 * @param last whether the choice ended (everything held is released)
	 * @return the text to send, possibly empty
	 */
	String offer(int choice, String delta, boolean last) {
		StringBuilder text = this.pending.computeIfAbsent(choice, (c) -> new StringBuilder());
		if (delta != null) {
			text.append(delta);
			this.raw.append(delta);
		}
		if (text.isEmpty()) {
			return "";
		}
		List<Hit> hits = this.scanner.scan(text);
		int cut = last ? text.length() : Math.min(Math.max(0, text.length() - this.holdBack), openCandidate(text));
		for (Hit hit : hits) {
			if (hit.start() < cut && hit.end() > cut) {
				cut = hit.start();
			}
		}
		if (!last && this.restore != null) {
			// A placeholder of the caller's is restored only when seen whole.
			int open = text.lastIndexOf("[", cut - 1);
			if (open >= 0 && cut - open < PLACEHOLDER_MAX && text.indexOf("]", open) >= cut) {
				cut = open;
			}
		}
		if (cut == 0) {
			return "";
		}
		List<Hit> releasing = new ArrayList<>();
		for (Hit hit : hits) {
			if (hit.end() <= cut) {
				releasing.add(hit);
			}
		}
		String out = release(text, cut, releasing);
		text.delete(0, cut);
		return out;
	}

	/**
	 * Where a value that may still be growing starts: a trailing run of printable ASCII
	 * without spaces (a token, key or JWT being streamed, up to {@value #MAX_TOKEN}
	 * characters), or a PEM private key block whose END line has not arrived (up to
	 * {@value #MAX_PEM} characters). Such values can be longer than the hold-back window,
	 * and no part of them is released before the detectors have seen them whole.
	 */
	static int openCandidate(CharSequence text) {
		int length = text.length();
		int start = length;
		while (start > 0 && start > length - MAX_TOKEN) {
			char c = text.charAt(start - 1);
			if (c <= ' ' || c > '~') {
				break;
			}
			start--;
		}
		if (start == length - MAX_TOKEN) {
			start = length;
		}
		String held = text.toString();
		int begin = held.lastIndexOf("-----BEGIN");
		if (begin >= 0 && held.indexOf("-----END", begin) < 0 && length - begin <= MAX_PEM) {
			start = Math.min(start, begin);
		}
		return start;
	}

	/**
	 * Releases what every choice still holds, e.g. when the upstream ended the stream.
	 */
	Map<Integer, String> flush() {
		Map<Integer, String> out = new HashMap<>();
		for (Integer choice : List.copyOf(this.pending.keySet())) {
			String text = offer(choice, null, true);
			if (!text.isEmpty()) {
				out.put(choice, text);
			}
		}
		return out;
	}

	/** Everything the upstream sent, as sent (for the audit record). */
	String raw() {
		return this.raw.toString();
	}

	/** The hits in released text (offsets within each released piece). */
	List<Hit> hits() {
		return this.released;
	}

	private String release(CharSequence text, int cut, List<Hit> hits) {
		this.released.addAll(hits);
		Set<String> types = hits.isEmpty() ? Set.of() : this.redactTypes.apply(hits);
		return render(text, cut, hits, types);
	}

	/**
	 * Renders {@code text[0, end)} for the client: hits of the given types become
	 * placeholders, and the caller's own placeholders are restored in the text between
	 * hits only, so a placeholder made here is never mistaken for one of the caller's.
	 */
	String render(CharSequence text, int end, List<Hit> hits, Set<String> types) {
		StringBuilder out = new StringBuilder(end + 16);
		int position = 0;
		for (Hit hit : hits) {
			if (!types.contains(hit.type()) || hit.start() < position || hit.end() > end) {
				continue;
			}
			out.append(restored(text.subSequence(position, hit.start())));
			String value = text.subSequence(hit.start(), hit.end()).toString();
			out.append(this.placeholders.computeIfAbsent(hit.type() + '\u0000' + value,
					(k) -> "[" + hit.type() + "_" + this.counters.merge(hit.type(), 1, Integer::sum) + "]"));
			position = hit.end();
		}
		out.append(restored(text.subSequence(position, end)));
		return out.toString();
	}

	private CharSequence restored(CharSequence text) {
		return (this.restore != null) ? this.restore.apply(text.toString()) : text;
	}

}
