package dev.aigov.registry.fairness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import dev.aigov.registry.fairness.FairnessReport.BetweenGroups;
import dev.aigov.registry.fairness.FairnessReport.Comparison;
import dev.aigov.registry.fairness.FairnessReport.GroupMetrics;
import dev.aigov.registry.fairness.FairnessReport.Spread;
import dev.aigov.registry.fairness.FairnessReport.VersusPrivileged;
import dev.aigov.registry.fairness.FairnessReport.WorstCase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Hand-checked confusion matrices, small enough to verify every figure by eye.
 */
class FairnessCalculatorTests {

	private static final Offset<Double> EXACT = Offset.offset(1e-12);

	/**
	 * <pre>
	 *        TP FP TN FN   n   SR    base  TPR  FPR  FNR  precision
	 * a       4  2  3  1  10  6/10  5/10  4/5  2/5  1/5  4/6
	 * b       2  0  4  2   8  2/8   4/8   2/4  0/4  2/4  2/2
	 * c       1  1  1  1   4  2/4   2/4   1/2  1/2  1/2  1/2
	 * </pre>
	 */
	private static final GroupCounts THREE_GROUPS = counts(Map.of("a", new ConfusionCounts(4, 2, 3, 1), "b",
			new ConfusionCounts(2, 0, 4, 2), "c", new ConfusionCounts(1, 1, 1, 1)));

	private final FairnessCalculator calculator = new FairnessCalculator();

	@Test
	void perGroupCountsAndRates() {
		FairnessReport report = this.calculator.calculate(THREE_GROUPS, null);

		assertThat(report.rows()).isEqualTo(22);
		assertThat(report.groupColumns()).containsExactly("group");
		assertThat(report.groups()).extracting(GroupMetrics::group).containsExactly("a", "b", "c");
		assertThat(report.group("a"))
			.contains(new GroupMetrics("a", 10, 6, 5, 4, 2, 3, 1, 0.6, 0.5, 0.8, 0.4, 0.2, 4.0 / 6));
		assertThat(report.group("b"))
			.contains(new GroupMetrics("b", 8, 2, 4, 2, 0, 4, 2, 0.25, 0.5, 0.5, 0.0, 0.5, 1.0));
		assertThat(report.group("c"))
			.contains(new GroupMetrics("c", 4, 2, 2, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5));
		assertThat(report.versusPrivileged()).isNull();
	}

	@Test
	void betweenGroupsFollowsFairlearn() {
		BetweenGroups between = this.calculator.calculate(THREE_GROUPS, null).betweenGroups();

		assertThat(between.selectionRate())
			.isEqualTo(new Spread(0.25, "b", 0.6, "a", 0.6 - 0.25, 0.25 / 0.6, List.of()));
		// b and c tie at 0.5: the first in name order is reported.
		assertThat(between.truePositiveRate())
			.isEqualTo(new Spread(0.5, "b", 0.8, "a", 0.8 - 0.5, 0.5 / 0.8, List.of()));
		assertThat(between.falsePositiveRate()).isEqualTo(new Spread(0.0, "b", 0.5, "c", 0.5, 0.0, List.of()));
		assertThat(between.demographicParityDifference()).isCloseTo(0.35, EXACT);
		assertThat(between.demographicParityRatio()).isCloseTo(0.25 / 0.6, EXACT);
		// max(TPR gap 0.3, FPR gap 0.5) and min(TPR ratio 0.625, FPR ratio 0).
		assertThat(between.equalizedOddsDifference()).isCloseTo(0.5, EXACT);
		assertThat(between.equalizedOddsRatio()).isCloseTo(0.0, EXACT);
		assertThat(between.equalOpportunityDifference()).isCloseTo(0.3, EXACT);
		assertThat(between.equalOpportunityRatio()).isCloseTo(0.625, EXACT);
	}

	@Test
	void versusPrivilegedFollowsAif360PerGroupWithWorstCase() {
		VersusPrivileged versus = this.calculator.calculate(THREE_GROUPS, "a").versusPrivileged();

		assertThat(versus.privilegedGroup()).isEqualTo("a");
		assertThat(versus.unprivileged()).extracting(Comparison::group).containsExactly("b", "c");
		Comparison b = versus.comparison("b").orElseThrow();
		assertThat(b.statisticalParityDifference()).isCloseTo(0.25 - 0.6, EXACT);
		assertThat(b.disparateImpact()).isCloseTo(0.25 / 0.6, EXACT);
		assertThat(b.equalOpportunityDifference()).isCloseTo(0.5 - 0.8, EXACT);
		// ((0 - 0.4) + (0.5 - 0.8)) / 2
		assertThat(b.averageOddsDifference()).isCloseTo(-0.35, EXACT);
		Comparison c = versus.comparison("c").orElseThrow();
		assertThat(c.statisticalParityDifference()).isCloseTo(0.5 - 0.6, EXACT);
		assertThat(c.disparateImpact()).isCloseTo(0.5 / 0.6, EXACT);
		assertThat(c.equalOpportunityDifference()).isCloseTo(-0.3, EXACT);
		// ((0.5 - 0.4) + (0.5 - 0.8)) / 2
		assertThat(c.averageOddsDifference()).isCloseTo(-0.1, EXACT);
		assertThat(versus.comparison("a")).isEmpty();

		assertThat(versus.statisticalParityDifference()).isEqualTo(new WorstCase("b", 0.25 - 0.6));
		assertThat(versus.disparateImpact()).isEqualTo(new WorstCase("b", 0.25 / 0.6));
		// b and c tie at -0.3: the first in name order is reported.
		assertThat(versus.equalOpportunityDifference()).isEqualTo(new WorstCase("b", 0.5 - 0.8));
		assertThat(versus.averageOddsDifference().group()).isEqualTo("b");
	}

	@Test
	void worstDisparateImpactIsFarthestFromOneInEitherDirection() {
		// SR: p = 4/10, up = 8/10 (DI 2.0), down = 3/10 (DI 0.75): 2.0 is farther from 1.
		GroupCounts counts = counts(Map.of("p", new ConfusionCounts(4, 0, 6, 0), "up", new ConfusionCounts(8, 0, 2, 0),
				"down", new ConfusionCounts(3, 0, 7, 0)));

		VersusPrivileged versus = this.calculator.calculate(counts, "p").versusPrivileged();

		assertThat(versus.disparateImpact().group()).isEqualTo("up");
		assertThat(versus.disparateImpact().value()).isCloseTo(2.0, EXACT);
		// |+0.4| beats |-0.1|
		assertThat(versus.statisticalParityDifference().group()).isEqualTo("up");
		assertThat(versus.statisticalParityDifference().value()).isCloseTo(0.4, EXACT);
	}

	/**
	 * <pre>
	 *        TP FP TN FN   undefined
	 * x       0  1  1  0   TPR, FNR (no actual positives)
	 * y       2  0  0  0   FPR (no actual negatives)
	 * z       0  0  3  1   precision (nothing predicted positive); SR = 0
	 * </pre>
	 */
	@Test
	void undefinedRatesAreNullAndLeftOutOfSpreads() {
		GroupCounts counts = counts(Map.of("x", new ConfusionCounts(0, 1, 1, 0), "y", new ConfusionCounts(2, 0, 0, 0),
				"z", new ConfusionCounts(0, 0, 3, 1)));

		FairnessReport report = this.calculator.calculate(counts, "z");

		GroupMetrics x = report.group("x").orElseThrow();
		assertThat(x.truePositiveRate()).isNull();
		assertThat(x.falseNegativeRate()).isNull();
		assertThat(x.falsePositiveRate()).isEqualTo(0.5);
		assertThat(x.precision()).isEqualTo(0.0);
		assertThat(report.group("y").orElseThrow().falsePositiveRate()).isNull();
		GroupMetrics z = report.group("z").orElseThrow();
		assertThat(z.precision()).isNull();
		assertThat(z.selectionRate()).isEqualTo(0.0);
		assertThat(z.truePositiveRate()).isEqualTo(0.0);

		BetweenGroups between = report.betweenGroups();
		assertThat(between.truePositiveRate()).isEqualTo(new Spread(0.0, "z", 1.0, "y", 1.0, 0.0, List.of("x")));
		assertThat(between.falsePositiveRate()).isEqualTo(new Spread(0.0, "z", 0.5, "x", 0.5, 0.0, List.of("y")));
		assertThat(between.equalizedOddsDifference()).isEqualTo(1.0);

		VersusPrivileged versus = report.versusPrivileged();
		// SR_z = 0: disparate impact is undefined for every group.
		assertThat(versus.unprivileged()).extracting(Comparison::disparateImpact).containsOnlyNulls();
		assertThat(versus.disparateImpact()).isNull();
		assertThat(versus.comparison("x").orElseThrow().equalOpportunityDifference()).isNull();
		assertThat(versus.comparison("y").orElseThrow().equalOpportunityDifference()).isEqualTo(1.0);
		// x lacks a TPR and y an FPR: average odds is undefined for both.
		assertThat(versus.unprivileged()).extracting(Comparison::averageOddsDifference).containsOnlyNulls();
		assertThat(versus.averageOddsDifference()).isNull();
		assertThat(versus.equalOpportunityDifference()).isEqualTo(new WorstCase("y", 1.0));
	}

	@Test
	void aSpreadNeedsTwoGroupsWhereTheRateIsDefined() {
		// Only "b" has actual positives.
		GroupCounts counts = counts(Map.of("a", new ConfusionCounts(0, 1, 1, 0), "b", new ConfusionCounts(1, 1, 1, 1)));

		BetweenGroups between = this.calculator.calculate(counts, null).betweenGroups();

		assertThat(between.truePositiveRate()).isEqualTo(new Spread(null, null, null, null, null, null, List.of("a")));
		assertThat(between.equalOpportunityDifference()).isNull();
		assertThat(between.equalizedOddsDifference()).isNull();
		assertThat(between.equalizedOddsRatio()).isNull();
		assertThat(between.falsePositiveRate().difference()).isEqualTo(0.0);
	}

	@Test
	void ratiosOfNothingSelectedAreUndefined() {
		GroupCounts counts = counts(Map.of("a", new ConfusionCounts(0, 0, 2, 1), "b", new ConfusionCounts(0, 0, 1, 1)));

		BetweenGroups between = this.calculator.calculate(counts, null).betweenGroups();

		assertThat(between.demographicParityDifference()).isEqualTo(0.0);
		assertThat(between.demographicParityRatio()).isNull();
		assertThat(between.equalOpportunityRatio()).isNull();
	}

	@Test
	void equalGroupsAreAtParity() {
		GroupCounts counts = counts(Map.of("a", new ConfusionCounts(3, 1, 4, 2), "b", new ConfusionCounts(3, 1, 4, 2)));

		FairnessReport report = this.calculator.calculate(counts, "a");

		assertThat(report.betweenGroups().demographicParityDifference()).isZero();
		assertThat(report.betweenGroups().demographicParityRatio()).isEqualTo(1.0);
		assertThat(report.betweenGroups().equalizedOddsDifference()).isZero();
		assertThat(report.betweenGroups().equalizedOddsRatio()).isEqualTo(1.0);
		Comparison b = report.versusPrivileged().comparison("b").orElseThrow();
		assertThat(b).isEqualTo(new Comparison("b", 0.0, 1.0, 0.0, 0.0));
	}

	@Test
	void sameCountsGiveTheSameReportWhateverTheirOrder() {
		Map<String, ConfusionCounts> forwards = new LinkedHashMap<>();
		forwards.put("a", new ConfusionCounts(4, 2, 3, 1));
		forwards.put("b", new ConfusionCounts(2, 0, 4, 2));
		Map<String, ConfusionCounts> backwards = new LinkedHashMap<>();
		backwards.put("b", new ConfusionCounts(2, 0, 4, 2));
		backwards.put("a", new ConfusionCounts(4, 2, 3, 1));

		assertThat(this.calculator.calculate(counts(forwards), "a"))
			.isEqualTo(this.calculator.calculate(counts(backwards), "a"));
	}

	@Test
	void rejectsFewerThanTwoGroups() {
		GroupCounts one = counts(Map.of("a", new ConfusionCounts(1, 0, 0, 0)));

		assertThatIllegalArgumentException().isThrownBy(() -> this.calculator.calculate(one, null))
			.withMessageContaining("at least two");
	}

	@Test
	void rejectsAnUnknownPrivilegedGroup() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.calculator.calculate(THREE_GROUPS, "d"))
			.withMessageContaining("'d'");
	}

	@Test
	void countsRejectAnEmptyGroupOrNegativeCounts() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> counts(Map.of("a", new ConfusionCounts(0, 0, 0, 0), "b", new ConfusionCounts(1, 0, 0, 0))))
			.withMessageContaining("'a' has no rows");
		assertThatIllegalArgumentException().isThrownBy(() -> new ConfusionCounts(1, -1, 0, 0));
	}

	private static GroupCounts counts(Map<String, ConfusionCounts> byGroup) {
		return GroupCounts.of(List.of("group"), byGroup);
	}

}
