package dev.aigov.web.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.aigov.registry.InvalidResumeException;

/**
 * Parses request parameters the same way everywhere, with the same problem when they are
 * wrong.
 */
public final class RequestValues {

	private RequestValues() {
	}

	/**
	 * An optional instant parameter such as {@code asOf}.
	 * @return the instant, or {@code null} when absent or blank
	 * @throws InvalidResumeException (400) naming the parameter when it is not an
	 * ISO-8601 instant
	 */
	public static Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidResumeException(name, "'" + name + "' must be an instant like 2026-11-23T10:15:30Z.");
		}
	}

}
