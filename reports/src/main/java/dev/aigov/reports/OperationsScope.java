package dev.aigov.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an operations report covers: a period, half-open {@code [from, to)}, and
 * optionally one application or one model version.
 *
 * @param from the first instant included
 * @param to the first instant after the period
 * @param application an application id to restrict to, or {@code null} for all
 * @param modelVersion a model version id to restrict to, or {@code null} for all
 */
public record OperationsScope(Instant from, Instant to, String application, String modelVersion) {

	/** The longest period one report covers. */
	public static final Duration MAX_PERIOD = Duration.ofDays(366);

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

	/**
	 * Checks the period and ids.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public OperationsScope {
		Objects.requireNonNull(from, "'from' is required");
		Objects.requireNonNull(to, "'to' is required");
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ").");
		}
		if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
			throw new IllegalArgumentException("A report covers at most 366 days; split the period.");
		}
		if (application != null && !ID.matcher(application).matches()) {
			throw new IllegalArgumentException("'application' must be an id (lower-case letters, digits, '.', '_', "
					+ "'-'; 1 to 80 characters); got '" + application + "'.");
		}
		if (modelVersion != null && !ID.matcher(modelVersion).matches()) {
			throw new IllegalArgumentException("'modelVersion' must be an id (lower-case letters, digits, '.', '_', "
					+ "'-'; 1 to 80 characters); got '" + modelVersion + "'.");
		}
	}

}
