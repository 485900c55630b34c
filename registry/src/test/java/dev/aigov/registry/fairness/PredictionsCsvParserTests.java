package dev.aigov.registry.fairness;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.aigov.registry.fairness.PredictionsCsvException.Reason;
import dev.aigov.registry.fairness.PredictionsCsvSpec.Limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code valid-*} and {@code invalid-*} fixtures under {@code fairness/}, plus the
 * cases that need bytes a text fixture cannot hold (BOM, Latin-1, size limits).
 */
class PredictionsCsvParserTests {

	private static final PredictionsCsvSpec PREDICTIONS = PredictionsCsvSpec.forPredictions(List.of("group"), "label",
			"prediction", "1");

	private static final PredictionsCsvSpec SCORES = PredictionsCsvSpec.forScores(List.of("group"), "label", "score",
			0.5, "1");

	private static final PredictionsCsvSpec INTERSECTIONAL = PredictionsCsvSpec.forPredictions(List.of("race", "sex"),
			"label", "prediction", "1");

	private final PredictionsCsvParser parser = new PredictionsCsvParser();

	@Test
	void readsQuotedMultiLineCrLfFilesSkippingBlankLinesAndUnusedColumns() {
		GroupCounts counts = parse("valid-predictions.csv", PREDICTIONS);

		assertThat(counts.groupColumns()).containsExactly("group");
		// a: (1,1) (1,0) (0,1) (0,0); b: (1,1) (0,0) (0,1) (0,1)
		assertThat(counts.byGroup()).containsExactly(Map.entry("a", new ConfusionCounts(1, 1, 1, 1)),
				Map.entry("b", new ConfusionCounts(1, 2, 1, 0)));
		assertThat(counts.rows()).isEqualTo(8);
	}

	@Test
	void turnsScoresIntoPredictionsAtOrAboveTheThreshold() {
		GroupCounts counts = parse("valid-scores.csv",
				PredictionsCsvSpec.forScores(List.of("group"), "label", "score", 0.5, "yes"));

		// a: yes 0.9 TP, yes 0.5 TP, no 0.49999 TN, no 5E-1 FP; b: yes 1e-3 FN, no -2 TN,
		// no .25 TN
		assertThat(counts.byGroup()).containsExactly(Map.entry("a", new ConfusionCounts(2, 1, 1, 0)),
				Map.entry("b", new ConfusionCounts(0, 0, 2, 1)));
	}

	@Test
	void intersectsSeveralGroupColumns() {
		GroupCounts counts = parse("valid-intersectional.csv", INTERSECTIONAL);

		assertThat(counts.groupColumns()).containsExactly("race", "sex");
		assertThat(counts.byGroup()).containsExactly(Map.entry("x|f", new ConfusionCounts(1, 0, 0, 0)),
				Map.entry("x|m", new ConfusionCounts(0, 0, 1, 1)), Map.entry("y|f", new ConfusionCounts(1, 1, 0, 0)));
	}

	@Test
	void skipsAByteOrderMark() {
		String csv = "\uFEFFgroup,label,prediction\na,1,1\nb,0,0\n";

		GroupCounts counts = this.parser.parse(utf8(csv), PREDICTIONS);

		assertThat(counts.byGroup()).containsOnlyKeys("a", "b");
	}

	@Test
	void acceptsAnUploadOfExactlyTheLimits() {
		byte[] csv = "group,label,prediction\na,1,1\nb,0,0\n".getBytes(StandardCharsets.UTF_8);

		GroupCounts counts = this.parser.parse(new ByteArrayInputStream(csv),
				PREDICTIONS.withLimits(new Limits(csv.length, 2, 2)));

		assertThat(counts.rows()).isEqualTo(2);
	}

	@Test
	void leavesTheStreamOpen() {
		boolean[] closed = { false };
		InputStream input = new ByteArrayInputStream(
				"group,label,prediction\na,1,1\nb,0,0\n".getBytes(StandardCharsets.UTF_8)) {

			@Override
			public void close() {
				closed[0] = true;
			}

		};

		this.parser.parse(input, PREDICTIONS);

		assertThat(closed[0]).isFalse();
	}

	@Test
	void reportsAFailingStreamAsAnIoProblemNotAsBadInput() {
		InputStream failing = new InputStream() {

			@Override
			public int read() throws IOException {
				throw new IOException("connection reset");
			}

		};

		assertThat(catchThrowableOfType(UncheckedIOException.class, () -> this.parser.parse(failing, PREDICTIONS)))
			.hasRootCauseMessage("connection reset");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidFixtures")
	void rejectsInvalidFixture(String file, PredictionsCsvSpec spec, Reason reason, Long line, String field,
			String detail) {
		PredictionsCsvException ex = rejection(() -> parse(file, spec));

		assertProblem(ex, reason, line, field, detail);
	}

	static Stream<Object[]> invalidFixtures() {
		return Stream.of(invalid("invalid-missing-column.csv", Reason.MISSING_COLUMN, 1L, "label",
				"the label column named in the spec is not in the header, which has 'group', 'truth', 'prediction'"),
				invalid("invalid-column-case.csv", Reason.MISSING_COLUMN, 1L, "group", "did you mean 'Group'?"),
				invalid("invalid-semicolon-delimiter.csv", Reason.WRONG_DELIMITER, 1L, null,
						"the file seems delimited by ';', but it must be comma-separated"),
				invalid("invalid-tab-delimiter.csv", Reason.WRONG_DELIMITER, 1L, null,
						"the file seems delimited by tabs"),
				invalid("invalid-duplicate-column.csv", Reason.DUPLICATE_COLUMN, 1L, "label",
						"more than once (fields 2 and 4)"),
				invalid("invalid-non-binary-label.csv", Reason.NON_BINARY_LABEL, 4L, "label",
						"'2' is a third label value: labels and predictions must be binary, the favourable value '1' and one other, here '0' (line 3, column 'label')"),
				invalid("invalid-non-binary-prediction.csv", Reason.NON_BINARY_LABEL, 4L, "prediction",
						"'yes' is a third label value"),
				invalid("invalid-wrong-favourable.csv", Reason.NON_BINARY_LABEL, 2L, "prediction",
						"the favourable value '1' has not occurred so far: is it the right one?"),
				invalid("invalid-favourable-absent.csv", Reason.INVALID_VALUE, null, "label",
						"the favourable value '1' occurs in no row (the only value found is '0')"),
				invalid("invalid-blank-group.csv", Reason.BLANK_VALUE, 3L, "group", "the value is empty"),
				invalid("invalid-blank-label.csv", Reason.BLANK_VALUE, 3L, "label", "the value is empty"),
				invalid("invalid-unclosed-quote.csv", Reason.MALFORMED_CSV, 4L, null,
						"a double quote opened in this row is never closed"),
				invalid("invalid-text-after-quote.csv", Reason.MALFORMED_CSV, 3L, null,
						"text follows the closing double quote of a value"),
				invalid("invalid-missing-field.csv", Reason.MALFORMED_CSV, 3L, "prediction",
						"this row has 2 fields but the header has 3"),
				invalid("invalid-extra-field.csv", Reason.MALFORMED_CSV, 3L, null,
						"this row has 4 fields but the header has 3"),
				// The first row spans lines 2 and 3, so the third row starts on line 5.
				invalid("invalid-after-multiline-value.csv", Reason.NON_BINARY_LABEL, 5L, "prediction",
						"'maybe' is a third label value"),
				invalid("invalid-one-group.csv", Reason.TOO_FEW_GROUPS, null, "group",
						"every row is in group 'a'; fairness compares groups, so at least two are needed"),
				invalid("invalid-header-only.csv", Reason.TOO_FEW_GROUPS, null, null,
						"the file has a header but no data rows"),
				invalid("invalid-empty.csv", Reason.MISSING_HEADER, null, null,
						"the file is empty; its first line must be a header naming the columns, such as group,label,prediction"),
				invalid("invalid-score-not-a-number.csv", SCORES, Reason.INVALID_VALUE, 3L, "score",
						"the score 'high' is not a number"),
				invalid("invalid-score-nan.csv", SCORES, Reason.INVALID_VALUE, 3L, "score",
						"the score 'NaN' is not a number"),
				invalid("invalid-score-blank.csv", SCORES, Reason.BLANK_VALUE, 3L, "score", "the value is empty"),
				invalid("invalid-separator-in-group.csv", INTERSECTIONAL, Reason.INVALID_VALUE, 3L, "race",
						"the group value 'x|y' contains '|'"),
				invalid("valid-predictions.csv", PREDICTIONS.withPrivilegedGroup("c"), Reason.EMPTY_GROUP, null,
						"group", "the privileged group 'c' has no rows; the groups found are 'a', 'b'"),
				// Data rows start on lines 2, 3, 5 and 6 (line 4 is blank).
				invalid("valid-predictions.csv", PREDICTIONS.withLimits(new Limits(1_000, 3, 10)), Reason.TOO_MANY_ROWS,
						6L, null, "more than 3 data rows"),
				invalid("valid-intersectional.csv", INTERSECTIONAL.withLimits(new Limits(1_000, 10, 2)),
						Reason.TOO_MANY_GROUPS, 5L, null,
						"group 'y|f' is one more than the limit of 2 distinct groups"),
				invalid("valid-predictions.csv", PREDICTIONS.withLimits(new Limits(100, 10, 10)), Reason.TOO_LARGE,
						null, null, "the upload is larger than 100 bytes"));
	}

	@Test
	void rejectsBytesThatAreNotUtf8WithLineAndColumn() {
		byte[] latin1 = "group,label,prediction\na,1,1\nCaf\u00e9,0,0\n".getBytes(StandardCharsets.ISO_8859_1);

		PredictionsCsvException ex = rejection(() -> this.parser.parse(new ByteArrayInputStream(latin1), PREDICTIONS));

		assertProblem(ex, Reason.NOT_UTF8, 3L, "group", "not UTF-8");
	}

	@Test
	void rejectsAnOversizedUploadPartWayThrough() {
		String rows = "a,1,1\nb,0,0\n".repeat(10_000);

		PredictionsCsvException ex = rejection(() -> this.parser.parse(utf8("group,label,prediction\n" + rows),
				PREDICTIONS.withLimits(new Limits(64 * 1024, 1_000_000, 10))));

		assertProblem(ex, Reason.TOO_LARGE, null, null, "larger than 65,536 bytes");
	}

	@Test
	void namesTheAmbiguousColumnOfTheRawCompasFile() throws IOException {
		Path compas = CompasFixture.rawFile();
		PredictionsCsvSpec spec = PredictionsCsvSpec.forScores(List.of("race"), "two_year_recid", "decile_score", 5,
				"1");

		try (InputStream input = Files.newInputStream(compas)) {
			PredictionsCsvException ex = rejection(() -> this.parser.parse(input, spec));

			assertProblem(ex, Reason.DUPLICATE_COLUMN, 1L, "decile_score", "more than once (fields 12 and 40)");
		}
	}

	private static Object[] invalid(String file, Reason reason, Long line, String field, String detail) {
		return invalid(file, PREDICTIONS, reason, line, field, detail);
	}

	private static Object[] invalid(String file, PredictionsCsvSpec spec, Reason reason, Long line, String field,
			String detail) {
		return new Object[] { file, spec, reason, line, field, detail };
	}

	private static void assertProblem(PredictionsCsvException ex, Reason reason, Long line, String field,
			String detail) {
		assertThat(ex.reason()).isEqualTo(reason);
		if (line != null) {
			assertThat(ex.line()).hasValue(line);
		}
		else {
			assertThat(ex.line()).isEmpty();
		}
		assertThat(ex.field()).isEqualTo(Optional.ofNullable(field));
		assertThat(ex.getMessage()).contains(detail);
		String location = ((line != null) ? "line " + line + ((field != null) ? ", " : ": ") : "")
				+ ((field != null) ? "column '" + field + "': " : "");
		assertThat(ex.getMessage()).startsWith(location);
	}

	private static PredictionsCsvException rejection(Runnable parse) {
		PredictionsCsvException ex = catchThrowableOfType(PredictionsCsvException.class, parse::run);
		assertThat(ex).as("a PredictionsCsvException").isNotNull();
		return ex;
	}

	private GroupCounts parse(String fixture, PredictionsCsvSpec spec) {
		try (InputStream input = getClass().getResourceAsStream("/fairness/" + fixture)) {
			assertThat(input).as(fixture).isNotNull();
			return this.parser.parse(input, spec);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream utf8(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
