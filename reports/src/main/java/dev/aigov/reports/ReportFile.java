package dev.aigov.reports;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a report, as its manifest lists it.
 *
 * @param name the file name: lower-case letters, digits, '.', '_' and '-', no path
 * @param mediaType its media type
 * @param size its length in bytes
 * @param sha256 the lower-case hex SHA-256 of its bytes
 */
public record ReportFile(String name, String mediaType, long size, String sha256) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	/**
	 * Checks the values, so that a manifest can never name a path outside its report.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public ReportFile {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("A report file name is 1 to 64 lower-case letters, digits, '.', '_' "
					+ "or '-', starting with a letter or digit; got '" + name + "'.");
		}
		Objects.requireNonNull(mediaType, "mediaType");
		if (size < 0) {
			throw new IllegalArgumentException("A file size is not negative; got " + size + ".");
		}
		if (sha256 == null || !SHA256.matcher(sha256).matches()) {
			throw new IllegalArgumentException("A SHA-256 is 64 lower-case hex digits; got '" + sha256 + "'.");
		}
	}

	/** Whether a name could be a report file's name. */
	public static boolean validName(String name) {
		return name != null && NAME.matcher(name).matches();
	}

}
