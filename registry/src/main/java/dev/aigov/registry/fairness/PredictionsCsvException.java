package dev.aigov.registry.fairness;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * An uploaded predictions CSV cannot be evaluated. The message says what is wrong, where
 * (line and column) and how to fix it, and is meant to be shown to the person who
 * uploaded the file; {@link #reason()}, {@link #line()} and {@link #field()} let an API
 * put the same facts into a problem response. Every reason is a client error;
 * {@link Reason#TOO_LARGE} and {@link Reason#TOO_MANY_ROWS} fit HTTP 413, the others 400
 * or 422.
 */
public class PredictionsCsvException extends RuntimeException {

	private final Reason reason;

	private final long line;

	private final String field;

	PredictionsCsvException(Reason reason, long line, String field, String detail) {
		this(reason, line, field, detail, null);
	}

	PredictionsCsvException(Reason reason, long line, String field, String detail, Throwable cause) {
		super(location(line, field) + detail, cause);
		this.reason = reason;
		this.line = line;
		this.field = field;
	}

	private static String location(long line, String field) {
		if (line > 0 && field != null) {
			return "line " + line + ", column '" + field + "': ";
		}
		if (line > 0) {
			return "line " + line + ": ";
		}
		if (field != null) {
			return "column '" + field + "': ";
		}
		return "";
	}

	/**
	 * What kind of problem this is.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * The 1-based line of the file where the offending record starts (the header is line
	 * 1; a quoted value may span lines), or empty when the problem is the file as a
	 * whole.
	 * @return the line
	 */
	public OptionalLong line() {
		return (this.line > 0) ? OptionalLong.of(this.line) : OptionalLong.empty();
	}

	/**
	 * The header name of the offending column, or empty when no single column is at
	 * fault.
	 * @return the column name
	 */
	public Optional<String> field() {
		return Optional.ofNullable(this.field);
	}

	/**
	 * What kind of problem an upload has.
	 */
	public enum Reason {

		/** The file has no header row (it is empty or holds only blank lines). */
		MISSING_HEADER,

		/** A column named in the spec is not in the header. */
		MISSING_COLUMN,

		/** A column named in the spec appears more than once in the header. */
		DUPLICATE_COLUMN,

		/** The header looks delimited by something other than a comma. */
		WRONG_DELIMITER,

		/**
		 * The text is not well-formed CSV (RFC 4180): a quote left open, a character
		 * after a closing quote, or a row with more or fewer fields than the header.
		 */
		MALFORMED_CSV,

		/** The bytes are not valid UTF-8. */
		NOT_UTF8,

		/** A group, label, prediction or score value is empty. */
		BLANK_VALUE,

		/** A label or prediction column holds a third distinct value. */
		NON_BINARY_LABEL,

		/**
		 * A value cannot be used: a score that is not a number, a group value holding the
		 * intersection separator, or a favourable value that never occurs.
		 */
		INVALID_VALUE,

		/** The upload is larger than the byte limit. */
		TOO_LARGE,

		/** The upload has more data rows than the row limit. */
		TOO_MANY_ROWS,

		/** The group column(s) hold more distinct groups than the group limit. */
		TOO_MANY_GROUPS,

		/** The privileged group named in the spec has no rows. */
		EMPTY_GROUP,

		/** Fewer than two groups have rows, so there is nothing to compare. */
		TOO_FEW_GROUPS

	}

}
