package dev.aigov.detect;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text with hits replaced by typed placeholders such as {@code [EMAIL_1]}. The same
 * value gets the same placeholder throughout, so the model can still refer to it; the
 * mapping stays in memory with the caller's request, so placeholders in the response can
 * be restored for the same caller and never for anyone else.
 *
 * @param text the redacted text
 * @param originals each placeholder's original value
 */
public record Redaction(String text, Map<String, String> originals) {

	public Redaction {
		originals = Map.copyOf(originals);
	}

	/**
	 * Replaces the hits of the given types.
	 * @param text the original text
	 * @param hits its hits, ordered by start and not overlapping (as a
	 * {@link TextScanner} returns them)
	 * @param types the types to replace; others stay as they are
	 * @return the redacted text and its placeholders
	 */
	public static Redaction of(CharSequence text, List<Hit> hits, Collection<String> types) {
		StringBuilder redacted = new StringBuilder(text.length());
		Map<String, String> originals = new LinkedHashMap<>();
		Map<String, String> placeholderOf = new HashMap<>();
		Map<String, Integer> counters = new HashMap<>();
		int position = 0;
		for (Hit hit : hits) {
			if (!types.contains(hit.type()) || hit.start() < position) {
				continue;
			}
			redacted.append(text, position, hit.start());
			String value = text.subSequence(hit.start(), hit.end()).toString();
			String placeholder = placeholderOf.computeIfAbsent(hit.type() + '\u0000' + value,
					(key) -> "[" + hit.type() + "_" + counters.merge(hit.type(), 1, Integer::sum) + "]");
			originals.put(placeholder, value);
			redacted.append(placeholder);
			position = hit.end();
		}
		redacted.append(text, position, text.length());
		return new Redaction(redacted.toString(), originals);
	}

	/** Whether anything was replaced. */
	public boolean changed() {
		return !this.originals.isEmpty();
	}

	/**
	 * Puts the original values back where the placeholders appear, e.g. in the model's
	 * answer to the same caller.
	 * @param answer text that may contain this redaction's placeholders
	 * @return the text with the placeholders restored
	 */
	public String restore(String answer) {
		if (this.originals.isEmpty() || answer.indexOf('[') < 0) {
			return answer;
		}
		String restored = answer;
		for (Map.Entry<String, String> entry : this.originals.entrySet()) {
			restored = restored.replace(entry.getKey(), entry.getValue());
		}
		return restored;
	}

}
