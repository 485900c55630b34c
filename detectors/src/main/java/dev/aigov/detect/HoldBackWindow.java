package dev.aigov.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a stream of text (a streamed model answer) chunk by chunk without letting a hit
 * slip through a chunk boundary. Each {@link #accept} rescans the text still held back
 * plus a little already released context, and releases only the text that no later chunk
 * can turn into (part of) a hit:
 * <ul>
 * <li>the last {@link DetectorSuite#windowSize()} characters are always held (patterns
 * with spaces: phone and card numbers, printed IBANs, markers);</li>
 * <li>a trailing run of ASCII characters without spaces (a token, address, URL or key
 * still arriving) is held until it ends, up to {@link #MAX_TOKEN} characters;</li>
 * <li>a private key block whose END line has not arrived is held from its BEGIN
 * line;</li>
 * <li>a release never ends inside a hit.</li>
 * </ul>
 * The hits of the released text are exactly those a scan of the whole text would find
 * there (tokens longer than {@link #MAX_TOKEN} aside). One window per stream; not
 * thread-safe.
 */
public final class HoldBackWindow {

	/** The longest run without spaces held back whole. */
	public static final int MAX_TOKEN = 4096;

	/**
	 * Released text kept as left context for the detectors (e.g. "secret" before a key).
	 */
	static final int CONTEXT = 256;

	private final DetectorSuite suite;

	private final StringBuilder buffer = new StringBuilder();

	/** Stream offset of buffer[0]. */
	private long base;

	/** Buffer offset of the first character not yet released. */
	private int released;

	/** Buffer offset where the trailing run of ASCII characters without spaces starts. */
	private int runStart;

	private boolean finished;

	HoldBackWindow(DetectorSuite suite) {
		this.suite = suite;
	}

	/**
	 * Adds the next chunk of the stream.
	 * @param chunk the text that arrived
	 * @return the text that can now be passed on, possibly empty, with its hits
	 */
	public Release accept(CharSequence chunk) {
		Objects.requireNonNull(chunk, "chunk");
		if (this.finished) {
			throw new IllegalStateException("The stream was already finished");
		}
		int before = this.buffer.length();
		this.buffer.append(chunk);
		for (int k = this.buffer.length() - 1; k >= before; k--) {
			if (!Chars.isAsciiGraphic(this.buffer.charAt(k))) {
				this.runStart = k + 1;
				break;
			}
		}
		return release(false);
	}

	/**
	 * Ends the stream.
	 * @return everything still held, with its hits
	 */
	public Release finish() {
		if (this.finished) {
			throw new IllegalStateException("The stream was already finished");
		}
		this.finished = true;
		return release(true);
	}

	/** Characters received but not yet released. */
	public int held() {
		return this.buffer.length() - this.released;
	}

	private Release release(boolean all) {
		int length = this.buffer.length();
		// Cheap test first: most chunks of a token or of the window's tail release
		// nothing.
		if (!all && Math.min(length - this.suite.windowSize(), tokenStart(length)) <= this.released) {
			return new Release("", List.of(), this.base + this.released);
		}
		String text = this.buffer.toString();
		int cut = all ? length : safeEnd(text);
		if (cut <= this.released) {
			return new Release("", List.of(), this.base + this.released);
		}
		List<Hit> hits = this.suite.scan(text);
		cut = outsideHits(hits, cut);
		if (cut <= this.released) {
			return new Release("", List.of(), this.base + this.released);
		}
		List<Hit> released = new ArrayList<>();
		for (Hit hit : hits) {
			if (hit.end() <= this.released || hit.start() >= cut) {
				continue;
			}
			// A hit reaching back into released text cannot happen with a full context;
			// should it, the held part is still reported (fail closed).
			int start = Math.max(hit.start(), this.released);
			released.add(new Hit(hit.type(), hit.category(), start - this.released, hit.end() - this.released,
					hit.confidence()));
		}
		Release release = new Release(text.substring(this.released, cut), List.copyOf(released),
				this.base + this.released);
		this.released = cut;
		int drop = this.released - CONTEXT;
		if (drop > 64) {
			this.buffer.delete(0, drop);
			this.base += drop;
			this.released -= drop;
			this.runStart = Math.max(0, this.runStart - drop);
		}
		return release;
	}

	/** Where held text must start, before looking at hits. */
	private int safeEnd(String text) {
		int length = text.length();
		int cut = Math.min(length - this.suite.windowSize(), tokenStart(length));
		int key = Credentials.openPrivateKey(text);
		if (key >= 0 && length - key <= Credentials.MAX_PRIVATE_KEY) {
			cut = Math.min(cut, key);
		}
		return cut;
	}

	/**
	 * Where the trailing token starts, or {@code length} once it is longer than
	 * {@link #MAX_TOKEN}.
	 */
	private int tokenStart(int length) {
		return (length - this.runStart <= MAX_TOKEN) ? this.runStart : length;
	}

	/** Moves the cut back to the start of a hit that spans it. */
	private static int outsideHits(List<Hit> hits, int cut) {
		for (int k = hits.size() - 1; k >= 0; k--) {
			Hit hit = hits.get(k);
			if (hit.start() < cut && hit.end() > cut) {
				return hit.start();
			}
			if (hit.end() <= cut) {
				break;
			}
		}
		return cut;
	}

	/**
	 * Text that can be passed on.
	 *
	 * @param text the released text, possibly empty
	 * @param hits its hits, offsets relative to {@code text}, as {@link Redaction#of}
	 * takes them
	 * @param offset where {@code text} starts in the stream
	 */
	public record Release(String text, List<Hit> hits, long offset) {

		public Release {
			Objects.requireNonNull(text, "text");
			hits = List.copyOf(hits);
		}

		public boolean isEmpty() {
			return this.text.isEmpty();
		}

	}

}
