package dev.aigov.registry.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import dev.aigov.registry.fairness.FairnessReport.BetweenGroups;
import dev.aigov.registry.fairness.FairnessReport.Comparison;
import dev.aigov.registry.fairness.FairnessReport.GroupMetrics;
import dev.aigov.registry.fairness.FairnessReport.Spread;
import dev.aigov.registry.fairness.FairnessReport.VersusPrivileged;
import dev.aigov.registry.fairness.FairnessReport.WorstCase;

/**
 * Turns per-group confusion counts into a {@link FairnessReport}. Pure and deterministic:
 * the same counts give the same report, groups in name order, ties broken by name.
 */
public final class FairnessCalculator {

	/**
	 * Computes every metric.
	 * @param counts each group's confusion counts, at least two groups
	 * @param privilegedGroup the reference group for the AIF360 metrics, or {@code null}
	 * to compute only the between-groups metrics
	 * @return the report
	 * @throws IllegalArgumentException if there are fewer than two groups or the
	 * privileged group is not one of them
	 */
	public FairnessReport calculate(GroupCounts counts, String privilegedGroup) {
		if (counts.byGroup().size() < 2) {
			throw new IllegalArgumentException(
					"fairness compares groups: at least two are needed, not " + counts.byGroup().keySet());
		}
		if (privilegedGroup != null && !counts.byGroup().containsKey(privilegedGroup)) {
			throw new IllegalArgumentException(
					"privileged group '" + privilegedGroup + "' is not among the groups " + counts.byGroup().keySet());
		}
		List<GroupMetrics> groups = new ArrayList<>();
		for (Map.Entry<String, ConfusionCounts> entry : counts.byGroup().entrySet()) {
			groups.add(groupMetrics(entry.getKey(), entry.getValue()));
		}
		VersusPrivileged versusPrivileged = (privilegedGroup != null) ? versusPrivileged(groups, privilegedGroup)
				: null;
		return new FairnessReport(counts.groupColumns(), counts.rows(), groups, betweenGroups(groups),
				versusPrivileged);
	}

	private static GroupMetrics groupMetrics(String group, ConfusionCounts c) {
		return new GroupMetrics(group, c.total(), c.predictedPositives(), c.actualPositives(), c.truePositives(),
				c.falsePositives(), c.trueNegatives(), c.falseNegatives(), rate(c.predictedPositives(), c.total()),
				rate(c.actualPositives(), c.total()), rate(c.truePositives(), c.actualPositives()),
				rate(c.falsePositives(), c.actualNegatives()), rate(c.falseNegatives(), c.actualPositives()),
				rate(c.truePositives(), c.predictedPositives()));
	}

	/**
	 * {@code part / whole}, or {@code null} for 0/0.
	 */
	private static Double rate(long part, long whole) {
		return (whole != 0) ? (double) part / whole : null;
	}

	private static BetweenGroups betweenGroups(List<GroupMetrics> groups) {
		Spread selection = spread(groups, GroupMetrics::selectionRate);
		Spread tpr = spread(groups, GroupMetrics::truePositiveRate);
		Spread fpr = spread(groups, GroupMetrics::falsePositiveRate);
		return new BetweenGroups(selection, tpr, fpr, selection.difference(), selection.ratio(),
				larger(tpr.difference(), fpr.difference()), smaller(tpr.ratio(), fpr.ratio()), tpr.difference(),
				tpr.ratio());
	}

	private static Spread spread(List<GroupMetrics> groups, Function<GroupMetrics, Double> rate) {
		List<String> undefined = new ArrayList<>();
		GroupMetrics lowest = null;
		GroupMetrics highest = null;
		for (GroupMetrics group : groups) {
			Double value = rate.apply(group);
			if (value == null) {
				undefined.add(group.group());
				continue;
			}
			// Strict comparisons: on a tie the group first in name order stays.
			if (lowest == null || value < rate.apply(lowest)) {
				lowest = group;
			}
			if (highest == null || value > rate.apply(highest)) {
				highest = group;
			}
		}
		if (groups.size() - undefined.size() < 2) {
			return new Spread(null, null, null, null, null, null, undefined);
		}
		double min = rate.apply(lowest);
		double max = rate.apply(highest);
		return new Spread(min, lowest.group(), max, highest.group(), max - min, (max != 0) ? min / max : null,
				undefined);
	}

	private static Double larger(Double a, Double b) {
		return (a != null && b != null) ? Math.max(a, b) : null;
	}

	private static Double smaller(Double a, Double b) {
		return (a != null && b != null) ? Math.min(a, b) : null;
	}

	private static VersusPrivileged versusPrivileged(List<GroupMetrics> groups, String privilegedGroup) {
		GroupMetrics p = groups.stream().filter((group) -> group.group().equals(privilegedGroup)).findFirst().get();
		List<Comparison> comparisons = new ArrayList<>();
		for (GroupMetrics u : groups) {
			if (u != p) {
				comparisons.add(compare(u, p));
			}
		}
		return new VersusPrivileged(privilegedGroup, comparisons,
				worst(comparisons, Comparison::statisticalParityDifference, Math::abs),
				worst(comparisons, Comparison::disparateImpact, FairnessCalculator::distanceFromOne),
				worst(comparisons, Comparison::equalOpportunityDifference, Math::abs),
				worst(comparisons, Comparison::averageOddsDifference, Math::abs));
	}

	private static Comparison compare(GroupMetrics u, GroupMetrics p) {
		double statisticalParity = u.selectionRate() - p.selectionRate();
		Double disparateImpact = (p.selectionRate() != 0) ? u.selectionRate() / p.selectionRate() : null;
		Double tprGap = difference(u.truePositiveRate(), p.truePositiveRate());
		Double fprGap = difference(u.falsePositiveRate(), p.falsePositiveRate());
		Double averageOdds = (tprGap != null && fprGap != null) ? 0.5 * (fprGap + tprGap) : null;
		return new Comparison(u.group(), statisticalParity, disparateImpact, tprGap, averageOdds);
	}

	private static Double difference(Double unprivileged, Double privileged) {
		return (unprivileged != null && privileged != null) ? unprivileged - privileged : null;
	}

	/**
	 * How far a ratio is from 1 on a multiplicative scale, so that 0.5 and 2 tie; 0 is
	 * the farthest.
	 */
	private static double distanceFromOne(double ratio) {
		return (ratio == 0) ? Double.POSITIVE_INFINITY : Math.max(ratio, 1 / ratio);
	}

	private static WorstCase worst(List<Comparison> comparisons, Function<Comparison, Double> metric,
			ToDoubleFunction<Double> distance) {
		WorstCase worst = null;
		double worstDistance = Double.NEGATIVE_INFINITY;
		for (Comparison comparison : comparisons) {
			Double value = metric.apply(comparison);
			if (value != null && distance.applyAsDouble(value) > worstDistance) {
				worst = new WorstCase(comparison.group(), value);
				worstDistance = distance.applyAsDouble(value);
			}
		}
		return worst;
	}

}
