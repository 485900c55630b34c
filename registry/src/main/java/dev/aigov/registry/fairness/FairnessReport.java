package dev.aigov.registry.fairness;

import java.util.List;
import java.util.Optional;

/**
 * The group fairness of a binary classifier on one evaluation set: each group's confusion
 * counts and rates, the spread of those rates between all groups (Fairlearn's
 * definitions), and each unprivileged group against the privileged one (AIF360's
 * definitions). {@code docs/fairness-metrics.md} defines every number side by side.
 * <p>
 * "Positive" and "selected" mean the favourable label value. A rate whose denominator is
 * zero (a group with no actual positives has no true positive rate) is {@code null}, not
 * 0 or NaN; a metric built from an undefined rate is {@code null} too, and a spread
 * leaves such groups out and names them.
 *
 * @param groupColumns the column(s) the groups come from; with several, group names join
 * one value per column with {@value PredictionsCsvSpec#INTERSECTION_SEPARATOR}
 * @param rows the number of rows evaluated
 * @param groups every group, in name order
 * @param betweenGroups the spread between all groups (Fairlearn)
 * @param versusPrivileged each other group against the privileged one (AIF360), or
 * {@code null} when no privileged group was named
 */
public record FairnessReport(List<String> groupColumns, long rows, List<GroupMetrics> groups,
		BetweenGroups betweenGroups, VersusPrivileged versusPrivileged) {

	/**
	 * Copies the lists.
	 */
	public FairnessReport {
		groupColumns = List.copyOf(groupColumns);
		groups = List.copyOf(groups);
	}

	/**
	 * One group's metrics.
	 * @param name the group name
	 * @return the metrics, or empty when there is no such group
	 */
	public Optional<GroupMetrics> group(String name) {
		return this.groups.stream().filter((group) -> group.group().equals(name)).findFirst();
	}

	/**
	 * One group's confusion counts and rates.
	 *
	 * @param group the group name
	 * @param count rows in the group, {@code n = TP + FP + TN + FN}, at least 1
	 * @param predictedPositives rows predicted favourable, {@code TP + FP}
	 * @param actualPositives rows labelled favourable, {@code TP + FN}
	 * @param truePositives TP
	 * @param falsePositives FP
	 * @param trueNegatives TN
	 * @param falseNegatives FN
	 * @param selectionRate {@code (TP + FP) / n}, the share predicted favourable
	 * @param baseRate {@code (TP + FN) / n}, the share labelled favourable
	 * @param truePositiveRate {@code TP / (TP + FN)}; {@code null} without actual
	 * positives
	 * @param falsePositiveRate {@code FP / (FP + TN)}; {@code null} without actual
	 * negatives
	 * @param falseNegativeRate {@code FN / (TP + FN)}; {@code null} without actual
	 * positives
	 * @param precision {@code TP / (TP + FP)}; {@code null} without predicted positives
	 */
	public record GroupMetrics(String group, long count, long predictedPositives, long actualPositives,
			long truePositives, long falsePositives, long trueNegatives, long falseNegatives, double selectionRate,
			double baseRate, Double truePositiveRate, Double falsePositiveRate, Double falseNegativeRate,
			Double precision) {

	}

	/**
	 * How far one rate is spread over the groups where it is defined: Fairlearn's
	 * {@code MetricFrame.difference()} and {@code ratio()} with
	 * {@code method='between_groups'}. Ties go to the group first in name order. With
	 * fewer than two defined groups, every value is {@code null}.
	 *
	 * @param min the smallest value
	 * @param minGroup the group with the smallest value
	 * @param max the largest value
	 * @param maxGroup the group with the largest value
	 * @param difference {@code max - min}, in [0, 1]; 0 when equal
	 * @param ratio {@code min / max}, in [0, 1]; 1 when equal; {@code null} when every
	 * value is 0
	 * @param undefinedGroups the groups left out because the rate is undefined for them
	 */
	public record Spread(Double min, String minGroup, Double max, String maxGroup, Double difference, Double ratio,
			List<String> undefinedGroups) {

		/**
		 * Copies the list.
		 */
		public Spread {
			undefinedGroups = List.copyOf(undefinedGroups);
		}

	}

	/**
	 * Disparities between all groups, as Fairlearn defines them. The headline metrics
	 * repeat values of the spreads under the names people look for.
	 *
	 * @param selectionRate the spread of selection rates
	 * @param truePositiveRate the spread of true positive rates
	 * @param falsePositiveRate the spread of false positive rates
	 * @param demographicParityDifference {@code max - min} selection rate
	 * ({@code demographic_parity_difference}); 0 is parity
	 * @param demographicParityRatio {@code min / max} selection rate
	 * ({@code demographic_parity_ratio}), which is also disparate impact in its min/max
	 * form; 1 is parity, below 0.8 fails the four-fifths rule of thumb; {@code null} when
	 * no group is selected at all
	 * @param equalizedOddsDifference the larger of the true and false positive rate
	 * differences ({@code equalized_odds_difference}, {@code agg='worst_case'});
	 * {@code null} when either difference is
	 * @param equalizedOddsRatio the smaller of the true and false positive rate ratios
	 * ({@code equalized_odds_ratio}); {@code null} when either ratio is
	 * @param equalOpportunityDifference {@code max - min} true positive rate
	 * ({@code equal_opportunity_difference}); unlike AIF360's metric of the same name, it
	 * has no sign and needs no privileged group
	 * @param equalOpportunityRatio {@code min / max} true positive rate
	 * ({@code equal_opportunity_ratio})
	 */
	public record BetweenGroups(Spread selectionRate, Spread truePositiveRate, Spread falsePositiveRate,
			double demographicParityDifference, Double demographicParityRatio, Double equalizedOddsDifference,
			Double equalizedOddsRatio, Double equalOpportunityDifference, Double equalOpportunityRatio) {

	}

	/**
	 * Every other group against the privileged one, each on its own, as AIF360 computes
	 * with {@code privileged_groups=[{attribute: p}]} and
	 * {@code unprivileged_groups=[{attribute: u}]}; and for each metric the group
	 * farthest from parity.
	 *
	 * @param privilegedGroup the reference group
	 * @param unprivileged one comparison per other group, in name order
	 * @param statisticalParityDifference the comparison with the largest
	 * {@code |statistical parity difference|}
	 * @param disparateImpact the comparison whose disparate impact is farthest from 1 in
	 * either direction (0.5 and 2 are equally far); {@code null} if undefined for every
	 * group
	 * @param equalOpportunityDifference the comparison with the largest
	 * {@code |equal opportunity difference|}; {@code null} if undefined for every group
	 * @param averageOddsDifference the comparison with the largest
	 * {@code |average odds difference|}; {@code null} if undefined for every group
	 */
	public record VersusPrivileged(String privilegedGroup, List<Comparison> unprivileged,
			WorstCase statisticalParityDifference, WorstCase disparateImpact, WorstCase equalOpportunityDifference,
			WorstCase averageOddsDifference) {

		/**
		 * Copies the list.
		 */
		public VersusPrivileged {
			unprivileged = List.copyOf(unprivileged);
		}

		/**
		 * One group's comparison.
		 * @param group the unprivileged group name
		 * @return the comparison, or empty when there is no such unprivileged group
		 */
		public Optional<Comparison> comparison(String group) {
			return this.unprivileged.stream().filter((comparison) -> comparison.group().equals(group)).findFirst();
		}

	}

	/**
	 * One unprivileged group {@code u} against the privileged group {@code p}, with
	 * AIF360's sign convention (unprivileged minus privileged).
	 *
	 * @param group the unprivileged group {@code u}
	 * @param statisticalParityDifference {@code SR_u - SR_p}
	 * ({@code statistical_parity_difference}); 0 is parity, negative means {@code u} is
	 * selected less
	 * @param disparateImpact {@code SR_u / SR_p} ({@code disparate_impact}); 1 is parity;
	 * {@code null} when {@code SR_p} is 0
	 * @param equalOpportunityDifference {@code TPR_u - TPR_p}
	 * ({@code equal_opportunity_difference}); {@code null} when a TPR is undefined
	 * @param averageOddsDifference {@code ((FPR_u - FPR_p) + (TPR_u - TPR_p)) / 2}
	 * ({@code average_odds_difference}); {@code null} when a TPR or FPR is undefined
	 */
	public record Comparison(String group, double statisticalParityDifference, Double disparateImpact,
			Double equalOpportunityDifference, Double averageOddsDifference) {

	}

	/**
	 * The unprivileged group farthest from parity on one metric, and its value (with its
	 * sign).
	 *
	 * @param group the group
	 * @param value the metric's value for that group
	 */
	public record WorstCase(String group, double value) {

	}

}
