package dev.aigov.registry.fairness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to read an uploaded predictions CSV: which columns hold the group, the true label
 * and the model's decision, which value counts as the favourable (positive) outcome, and
 * how large an upload may be.
 * <p>
 * The decision is either a predicted label ({@code predictionColumn}) or a score turned
 * into a label by a threshold ({@code scoreColumn} and {@code threshold}): a score at or
 * above the threshold predicts the favourable value. Exactly one of the two forms is
 * given. Build one with {@link #forPredictions} or {@link #forScores}.
 * <p>
 * Labels (and predicted labels) are binary: the favourable value, and one other value,
 * whatever it is ({@code 0}, {@code no}, ...). The favourable value is Fairlearn's
 * {@code pos_label} and AIF360's {@code favorable_label}: every rate counts it as
 * "positive". Values are compared as text after stripping surrounding blanks, so
 * {@code 1} and {@code 1.0} are different values.
 *
 * @param groupColumns the columns that define the group, at least one; with several, a
 * row's group is the intersection of its values joined by
 * {@value #INTERSECTION_SEPARATOR} in this order, such as {@code African-American|Male}
 * @param labelColumn the column with the true (observed) label
 * @param predictionColumn the column with the predicted label, or {@code null} when the
 * decision comes from {@code scoreColumn}
 * @param scoreColumn the column with a numeric score, or {@code null} when the decision
 * comes from {@code predictionColumn}
 * @param threshold the score at or above which the favourable value is predicted;
 * required with {@code scoreColumn}, {@code null} otherwise
 * @param favourableLabel the label value counted as the positive outcome, such as
 * {@code 1}
 * @param privilegedGroup the reference group for AIF360's pairwise metrics (disparate
 * impact, equal opportunity and average odds difference), written as groups are
 * ({@code Caucasian}, or {@code Caucasian|Male} with two group columns); {@code null}
 * when there is none, and then only the between-groups metrics are computed
 * @param limits how large an upload may be; {@code null} means {@link Limits#DEFAULT}
 */
public record PredictionsCsvSpec(List<String> groupColumns, String labelColumn, String predictionColumn,
		String scoreColumn, Double threshold, String favourableLabel, String privilegedGroup, Limits limits) {

	/**
	 * Joins the values of several group columns into one intersectional group name.
	 */
	public static final String INTERSECTION_SEPARATOR = "|";

	/**
	 * Validates the spec, so that a parser never meets an inconsistent one.
	 * @throws IllegalArgumentException naming the option that is missing or wrong
	 */
	public PredictionsCsvSpec {
		if (groupColumns == null || groupColumns.isEmpty()) {
			throw new IllegalArgumentException("groupColumns: name at least one group column");
		}
		groupColumns = List.copyOf(groupColumns);
		groupColumns.forEach((column) -> requireName("groupColumns", column));
		requireName("labelColumn", labelColumn);
		if ((predictionColumn == null) == (scoreColumn == null)) {
			throw new IllegalArgumentException(
					"predictionColumn, scoreColumn: name exactly one of them (a predicted label, or a score with a threshold)");
		}
		if (predictionColumn != null) {
			requireName("predictionColumn", predictionColumn);
			if (threshold != null) {
				throw new IllegalArgumentException(
						"threshold: only applies with scoreColumn, not with predictionColumn");
			}
		}
		else {
			requireName("scoreColumn", scoreColumn);
			if (threshold == null || !Double.isFinite(threshold)) {
				throw new IllegalArgumentException(
						"threshold: a finite number is required with scoreColumn, not " + threshold);
			}
		}
		requireDistinct(groupColumns, labelColumn, (predictionColumn != null) ? predictionColumn : scoreColumn);
		requireValue("favourableLabel", favourableLabel);
		if (privilegedGroup != null) {
			requireValue("privilegedGroup", privilegedGroup);
			int parts = privilegedGroup.split(Pattern.quote(INTERSECTION_SEPARATOR), -1).length;
			// With one group column, the separator has no meaning and may be part of a
			// value.
			if (groupColumns.size() > 1 && parts != groupColumns.size()) {
				throw new IllegalArgumentException(
						"privilegedGroup: '%s' names %d value(s) but there are %d group columns %s; join one value per column with '%s'"
							.formatted(privilegedGroup, parts, groupColumns.size(), groupColumns,
									INTERSECTION_SEPARATOR));
			}
		}
		limits = (limits != null) ? limits : Limits.DEFAULT;
	}

	/**
	 * A spec for predicted labels, with no privileged group and the default limits.
	 * @param groupColumns the group column(s)
	 * @param labelColumn the true label column
	 * @param predictionColumn the predicted label column
	 * @param favourableLabel the positive value of both label columns
	 * @return the spec
	 */
	public static PredictionsCsvSpec forPredictions(List<String> groupColumns, String labelColumn,
			String predictionColumn, String favourableLabel) {
		return new PredictionsCsvSpec(groupColumns, labelColumn, predictionColumn, null, null, favourableLabel, null,
				null);
	}

	/**
	 * A spec for scores turned into predictions by a threshold
	 * ({@code score >= threshold} predicts the favourable value), with no privileged
	 * group and the default limits.
	 * @param groupColumns the group column(s)
	 * @param labelColumn the true label column
	 * @param scoreColumn the numeric score column
	 * @param threshold the decision threshold
	 * @param favourableLabel the positive value of the label column
	 * @return the spec
	 */
	public static PredictionsCsvSpec forScores(List<String> groupColumns, String labelColumn, String scoreColumn,
			double threshold, String favourableLabel) {
		return new PredictionsCsvSpec(groupColumns, labelColumn, null, scoreColumn, threshold, favourableLabel, null,
				null);
	}

	/**
	 * This spec with another privileged (reference) group.
	 * @param privilegedGroup the group name, or {@code null} for none
	 * @return a new spec
	 */
	public PredictionsCsvSpec withPrivilegedGroup(String privilegedGroup) {
		return new PredictionsCsvSpec(this.groupColumns, this.labelColumn, this.predictionColumn, this.scoreColumn,
				this.threshold, this.favourableLabel, privilegedGroup, this.limits);
	}

	/**
	 * This spec with other upload limits.
	 * @param limits the limits
	 * @return a new spec
	 */
	public PredictionsCsvSpec withLimits(Limits limits) {
		return new PredictionsCsvSpec(this.groupColumns, this.labelColumn, this.predictionColumn, this.scoreColumn,
				this.threshold, this.favourableLabel, this.privilegedGroup, limits);
	}

	/**
	 * The columns this spec reads, in the order group(s), label, decision.
	 * @return the column names
	 */
	public List<String> requiredColumns() {
		List<String> columns = new ArrayList<>(this.groupColumns);
		columns.add(this.labelColumn);
		columns.add((this.predictionColumn != null) ? this.predictionColumn : this.scoreColumn);
		return List.copyOf(columns);
	}

	private static void requireName(String option, String column) {
		if (column == null || column.isBlank()) {
			throw new IllegalArgumentException(option + ": a column name is required");
		}
		if (!column.equals(column.strip())) {
			throw new IllegalArgumentException(option + ": '" + column
					+ "' has leading or trailing blanks; header names are compared without them");
		}
	}

	private static void requireValue(String option, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(option + ": a value is required");
		}
		if (!value.equals(value.strip())) {
			throw new IllegalArgumentException(
					option + ": '" + value + "' has leading or trailing blanks; values are compared without them");
		}
	}

	private static void requireDistinct(List<String> groupColumns, String labelColumn, String decisionColumn) {
		List<String> all = new ArrayList<>(groupColumns);
		all.add(labelColumn);
		all.add(decisionColumn);
		Set<String> seen = new HashSet<>();
		for (String column : all) {
			if (!seen.add(column)) {
				throw new IllegalArgumentException("column '" + column
						+ "' is named twice; group, label and prediction (or score) columns must be different columns");
			}
		}
	}

	/**
	 * How much one upload may hold. Rows are counted without the header; the parser
	 * streams, so the limits bound work and report size rather than memory.
	 *
	 * @param maxBytes the largest upload in bytes, BOM and header included
	 * @param maxRows the most data rows
	 * @param maxGroups the most distinct groups (intersections count once each)
	 */
	public record Limits(long maxBytes, long maxRows, int maxGroups) {

		/**
		 * 64 MiB, one million rows, one thousand groups: far above an evaluation set and
		 * well below what would tie up the appliance.
		 */
		public static final Limits DEFAULT = new Limits(64L * 1024 * 1024, 1_000_000, 1_000);

		/**
		 * Checks that every limit is positive.
		 * @throws IllegalArgumentException if one is not
		 */
		public Limits {
			if (maxBytes <= 0 || maxRows <= 0 || maxGroups < 2) {
				throw new IllegalArgumentException(
						"limits: maxBytes and maxRows must be positive and maxGroups at least 2, not %d, %d, %d"
							.formatted(maxBytes, maxRows, maxGroups));
			}
		}

	}

}
