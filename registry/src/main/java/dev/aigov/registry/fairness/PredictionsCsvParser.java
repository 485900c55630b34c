package dev.aigov.registry.fairness;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.aigov.registry.fairness.PredictionsCsvException.Reason;

/**
 * Reads an uploaded predictions CSV into per-group confusion counts, row by row, keeping
 * no row in memory.
 * <p>
 * The file is RFC 4180 CSV: comma-delimited, fields optionally in double quotes (a quote
 * inside is doubled), CRLF or LF line ends, UTF-8 with or without a byte order mark. The
 * first non-blank line is the header; blank lines are skipped. Every row must have as
 * many fields as the header. Values are compared after stripping surrounding blanks.
 * Columns the spec does not name are ignored, and may repeat in the header.
 * <p>
 * Anything that prevents an evaluation raises {@link PredictionsCsvException}, which
 * names the line and column. Thread-safe and stateless.
 */
public final class PredictionsCsvParser {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private static final char REPLACEMENT_CHARACTER = '\uFFFD';

	private static final int LISTED_NAMES = 20;

	// Indexes into a group's long[4] of running counts.
	private static final int TP = 0;

	private static final int FP = 1;

	private static final int TN = 2;

	private static final int FN = 3;

	/**
	 * Reads the upload to the end, or to its first problem. The stream is not closed.
	 * @param input the CSV bytes
	 * @param spec which columns to read and the limits
	 * @return every group's confusion counts
	 * @throws PredictionsCsvException if the upload is malformed, too large or cannot be
	 * evaluated (see {@link PredictionsCsvException.Reason})
	 * @throws UncheckedIOException if reading the stream fails
	 */
	public GroupCounts parse(InputStream input, PredictionsCsvSpec spec) {
		LimitedInputStream limited = new LimitedInputStream(input, spec.limits().maxBytes());
		// Undecodable bytes become U+FFFD, caught per field with exact line and column;
		// a decoder error would surface buffers ahead of the record being parsed.
		BufferedReader reader = new BufferedReader(new InputStreamReader(limited,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE)));
		try {
			skipByteOrderMark(reader);
			try (CSVParser csv = CSVParser.parse(reader, FORMAT)) {
				return new Reading(spec, csv).run();
			}
		}
		catch (UploadTooLargeException ex) {
			throw tooLarge(spec, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the predictions upload", ex);
		}
	}

	private static PredictionsCsvException tooLarge(PredictionsCsvSpec spec, UploadTooLargeException ex) {
		// No line: the reader reads ahead, so the record being parsed is not where the
		// limit was hit.
		return new PredictionsCsvException(Reason.TOO_LARGE, 0, null, String.format(Locale.ROOT,
				"the upload is larger than %,d bytes, the limit for one upload; evaluate a sample or ask an administrator to raise the limit",
				spec.limits().maxBytes()), ex);
	}

	private static void skipByteOrderMark(BufferedReader reader) throws IOException {
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
	}

	/**
	 * The state of one parse.
	 */
	private static final class Reading {

		private final PredictionsCsvSpec spec;

		private final CSVParser csv;

		private final Iterator<CSVRecord> records;

		private final Map<String, long[]> counts = new HashMap<>();

		private List<String> header;

		/** Where the record last read starts (1-based). */
		private long line;

		private long rows;

		private boolean favourableSeen;

		/** The one label value besides the favourable one, once seen. */
		private String otherValue;

		private String otherValueColumn;

		private long otherValueLine;

		Reading(PredictionsCsvSpec spec, CSVParser csv) {
			this.spec = spec;
			this.csv = csv;
			this.records = csv.iterator();
		}

		GroupCounts run() throws IOException {
			CSVRecord headerRecord = next();
			if (headerRecord == null) {
				throw new PredictionsCsvException(Reason.MISSING_HEADER, 0, null,
						"the file is empty; its first line must be a header naming the columns, such as "
								+ String.join(",", this.spec.requiredColumns()));
			}
			this.header = headerRecord.stream().map(String::strip).toList();
			checkDecoded(headerRecord);
			int[] groupIndexes = this.spec.groupColumns().stream().mapToInt(this::columnIndex).toArray();
			int labelIndex = columnIndex(this.spec.labelColumn());
			String decisionColumn = (this.spec.predictionColumn() != null) ? this.spec.predictionColumn()
					: this.spec.scoreColumn();
			int decisionIndex = columnIndex(decisionColumn);

			for (CSVRecord record = next(); record != null; record = next()) {
				this.rows++;
				if (this.rows > this.spec.limits().maxRows()) {
					throw new PredictionsCsvException(Reason.TOO_MANY_ROWS, this.line, null, String.format(Locale.ROOT,
							"the upload has more than %,d data rows, the limit for one upload; evaluate a sample or ask an administrator to raise the limit",
							this.spec.limits().maxRows()));
				}
				checkShape(record);
				checkDecoded(record);
				long[] groupCounts = group(record, groupIndexes);
				boolean actual = isFavourable(record, labelIndex);
				boolean predicted = (this.spec.predictionColumn() != null) ? isFavourable(record, decisionIndex)
						: scoreSaysFavourable(record, decisionIndex);
				groupCounts[actual ? (predicted ? TP : FN) : (predicted ? FP : TN)]++;
			}
			return result();
		}

		private GroupCounts result() {
			String groupField = (this.spec.groupColumns().size() == 1) ? this.spec.groupColumns().get(0) : null;
			if (this.counts.isEmpty()) {
				throw new PredictionsCsvException(Reason.TOO_FEW_GROUPS, 0, null,
						"the file has a header but no data rows");
			}
			if (!this.favourableSeen) {
				throw new PredictionsCsvException(Reason.INVALID_VALUE, 0, this.spec.labelColumn(),
						"the favourable value '%s' occurs in no row (the only value found is '%s'); is the favourable value in the spec right?"
							.formatted(this.spec.favourableLabel(), this.otherValue));
			}
			String privileged = this.spec.privilegedGroup();
			if (privileged != null && !this.counts.containsKey(privileged)) {
				throw new PredictionsCsvException(Reason.EMPTY_GROUP, 0, groupField,
						"the privileged group '%s' has no rows; the groups found are %s".formatted(privileged,
								listed(new TreeMap<>(this.counts).keySet())));
			}
			if (this.counts.size() < 2) {
				throw new PredictionsCsvException(Reason.TOO_FEW_GROUPS, 0, groupField,
						"every row is in group '%s'; fairness compares groups, so at least two are needed"
							.formatted(this.counts.keySet().iterator().next()));
			}
			Map<String, ConfusionCounts> byGroup = new TreeMap<>();
			this.counts.forEach((group, c) -> byGroup.put(group, new ConfusionCounts(c[TP], c[FP], c[TN], c[FN])));
			return GroupCounts.of(this.spec.groupColumns(), byGroup);
		}

		/**
		 * The next record that is not a blank line, or {@code null} at the end.
		 */
		private CSVRecord next() {
			while (true) {
				this.line = this.csv.getCurrentLineNumber() + 1;
				try {
					if (!this.records.hasNext()) {
						return null;
					}
				}
				catch (UncheckedIOException ex) {
					throw translate(ex.getCause());
				}
				CSVRecord record = this.records.next();
				if (record.size() > 1 || !record.get(0).isBlank()) {
					return record;
				}
			}
		}

		private RuntimeException translate(IOException ex) {
			if (ex instanceof UploadTooLargeException tooLarge) {
				return tooLarge(this.spec, tooLarge);
			}
			if (ex instanceof CSVException) {
				String message = String.valueOf(ex.getMessage());
				String detail;
				if (message.contains("EOF reached before encapsulated token finished")) {
					detail = "a double quote opened in this row is never closed, so the rest of the file was read as one value; close the quote, or write a quote inside a quoted value as two (\"\")";
				}
				else if (message.contains("Invalid character between encapsulated token and delimiter")) {
					detail = "text follows the closing double quote of a value; a quoted value must end at a comma or the end of the line, and a quote inside it is written as two (\"\")";
				}
				else {
					detail = "this is not well-formed CSV (" + message + ")";
				}
				return new PredictionsCsvException(Reason.MALFORMED_CSV, this.line, null, detail, ex);
			}
			return new UncheckedIOException("Could not read the predictions upload", ex);
		}

		private int columnIndex(String column) {
			int index = this.header.indexOf(column);
			if (index < 0) {
				throw missingColumn(column);
			}
			if (this.header.lastIndexOf(column) != index) {
				throw new PredictionsCsvException(Reason.DUPLICATE_COLUMN, this.line, column,
						"the header names this column more than once (fields %d and %d), so it is unclear which one to read; rename one"
							.formatted(index + 1, this.header.lastIndexOf(column) + 1));
			}
			return index;
		}

		private PredictionsCsvException missingColumn(String column) {
			if (this.header.size() == 1) {
				for (String delimiter : List.of(";", "\t", "|")) {
					if (this.header.get(0).contains(delimiter)) {
						return new PredictionsCsvException(Reason.WRONG_DELIMITER, this.line, null,
								"the header is one single column, '%s': the file seems delimited by %s, but it must be comma-separated (RFC 4180); export it again with commas"
									.formatted(this.header.get(0),
											"\t".equals(delimiter) ? "tabs" : "'" + delimiter + "'"));
					}
				}
			}
			String role = (column.equals(this.spec.labelColumn())) ? "label"
					: column.equals(this.spec.predictionColumn()) ? "prediction"
							: column.equals(this.spec.scoreColumn()) ? "score" : "group";
			String hint = this.header.stream()
				.filter((name) -> name.equalsIgnoreCase(column))
				.findFirst()
				.map((name) -> "; did you mean '" + name + "'? Names are case-sensitive")
				.orElse("");
			return new PredictionsCsvException(Reason.MISSING_COLUMN, this.line, column,
					"the %s column named in the spec is not in the header, which has %s%s".formatted(role,
							listed(this.header), hint));
		}

		private void checkShape(CSVRecord record) {
			if (record.size() != this.header.size()) {
				String field = (record.size() < this.header.size()) ? this.header.get(record.size()) : null;
				throw new PredictionsCsvException(Reason.MALFORMED_CSV, this.line, field,
						"this row has %d fields but the header has %d; look for a missing or extra comma, or a value containing a comma that is not in double quotes"
							.formatted(record.size(), this.header.size()));
			}
		}

		private void checkDecoded(CSVRecord record) {
			for (int i = 0; i < record.size(); i++) {
				if (record.get(i).indexOf(REPLACEMENT_CHARACTER) >= 0) {
					String field = (i < this.header.size()) ? this.header.get(i) : null;
					throw new PredictionsCsvException(Reason.NOT_UTF8, this.line, field,
							"the value holds bytes that are not UTF-8 (or the replacement character U+FFFD); save the file as UTF-8");
				}
			}
		}

		private long[] group(CSVRecord record, int[] indexes) {
			List<String> values = new ArrayList<>(indexes.length);
			for (int index : indexes) {
				String value = value(record, index);
				if (indexes.length > 1 && value.contains(PredictionsCsvSpec.INTERSECTION_SEPARATOR)) {
					throw new PredictionsCsvException(Reason.INVALID_VALUE, this.line, this.header.get(index),
							"the group value '%s' contains '%s', which joins the values of several group columns; replace it"
								.formatted(value, PredictionsCsvSpec.INTERSECTION_SEPARATOR));
				}
				values.add(value);
			}
			String group = String.join(PredictionsCsvSpec.INTERSECTION_SEPARATOR, values);
			long[] groupCounts = this.counts.get(group);
			if (groupCounts == null) {
				if (this.counts.size() >= this.spec.limits().maxGroups()) {
					throw new PredictionsCsvException(Reason.TOO_MANY_GROUPS, this.line,
							(indexes.length == 1) ? this.header.get(indexes[0]) : null,
							String.format(Locale.ROOT,
									"group '%s' is one more than the limit of %,d distinct groups; a group column holds a few categories (such as race or sex), not identifiers or measurements",
									group, this.spec.limits().maxGroups()));
				}
				groupCounts = new long[4];
				this.counts.put(group, groupCounts);
			}
			return groupCounts;
		}

		/**
		 * The stripped value, never blank.
		 */
		private String value(CSVRecord record, int index) {
			String value = record.get(index).strip();
			if (value.isEmpty()) {
				throw new PredictionsCsvException(Reason.BLANK_VALUE, this.line, this.header.get(index),
						"the value is empty; every row needs a group, a label and a prediction (or score)");
			}
			return value;
		}

		/**
		 * Whether a label or predicted label is the favourable value, checking that the
		 * label columns hold no more than two distinct values between them.
		 */
		private boolean isFavourable(CSVRecord record, int index) {
			String value = value(record, index);
			if (value.equals(this.spec.favourableLabel())) {
				this.favourableSeen = true;
				return true;
			}
			if (this.otherValue == null) {
				this.otherValue = value;
				this.otherValueColumn = this.header.get(index);
				this.otherValueLine = this.line;
				return false;
			}
			if (this.otherValue.equals(value)) {
				return false;
			}
			String hint = this.favourableSeen ? ""
					: "; the favourable value '%s' has not occurred so far: is it the right one?"
						.formatted(this.spec.favourableLabel());
			throw new PredictionsCsvException(Reason.NON_BINARY_LABEL, this.line, this.header.get(index),
					"'%s' is a third label value: labels and predictions must be binary, the favourable value '%s' and one other, here '%s' (line %d, column '%s')%s"
						.formatted(value, this.spec.favourableLabel(), this.otherValue, this.otherValueLine,
								this.otherValueColumn, hint));
		}

		private boolean scoreSaysFavourable(CSVRecord record, int index) {
			String text = value(record, index);
			double score;
			try {
				score = new BigDecimal(text).doubleValue();
			}
			catch (NumberFormatException ex) {
				throw new PredictionsCsvException(Reason.INVALID_VALUE, this.line, this.spec.scoreColumn(),
						"the score '%s' is not a number; write scores as decimals such as 0.73 or 7.3E-1"
							.formatted(text));
			}
			return score >= this.spec.threshold();
		}

		private static String listed(Collection<String> names) {
			String shown = names.stream()
				.limit(LISTED_NAMES)
				.map((name) -> "'" + name + "'")
				.collect(Collectors.joining(", "));
			return (names.size() > LISTED_NAMES) ? shown + " and " + (names.size() - LISTED_NAMES) + " more" : shown;
		}

	}

	/**
	 * Counts bytes and fails past the limit. Leaves the caller's stream open.
	 */
	private static final class LimitedInputStream extends FilterInputStream {

		private final long maxBytes;

		private long count;

		LimitedInputStream(InputStream in, long maxBytes) {
			super(in);
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			count(skipped);
			return skipped;
		}

		private void count(long n) throws UploadTooLargeException {
			this.count += n;
			if (this.count > this.maxBytes) {
				throw new UploadTooLargeException();
			}
		}

		@Override
		public boolean markSupported() {
			return false;
		}

		@Override
		public void close() {
			// The caller owns the stream.
		}

	}

	private static final class UploadTooLargeException extends IOException {

	}

}
