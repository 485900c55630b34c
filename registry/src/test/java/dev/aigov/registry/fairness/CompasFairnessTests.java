package dev.aigov.registry.fairness;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.aigov.registry.fairness.CompasFixture.Defendant;
import dev.aigov.registry.fairness.FairnessReport.BetweenGroups;
import dev.aigov.registry.fairness.FairnessReport.Comparison;
import dev.aigov.registry.fairness.FairnessReport.GroupMetrics;
import dev.aigov.registry.fairness.FairnessReport.VersusPrivileged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * COMPAS through the whole pipeline (predictions CSV, parser, calculator), checked to 4
 * decimals against an independent computation written here: rates as conditional means
 * over the filtered rows ("the share predicted high risk among those who did not
 * reoffend"), not through confusion counts.
 * <p>
 * Label: {@code two_year_recid}; prediction: high risk ({@code score_text} Medium or
 * High); favourable value {@code 1}, as in ProPublica's analysis, so "positive" means
 * "reoffended" or "labelled high risk", an outcome that is bad for the defendant.
 */
class CompasFairnessTests {

	/** Half a unit in the 4th decimal: the figures agree when rounded to 4 decimals. */
	private static final Offset<Double> FOUR_DECIMALS = within(0.00005);

	private static final String AFRICAN_AMERICAN = "African-American";

	private static final String CAUCASIAN = "Caucasian";

	@TempDir
	Path directory;

	@Test
	void proPublicaFilterKeeps6172Rows() {
		assertThat(CompasFixture.all()).hasSize(7214);
		assertThat(CompasFixture.proPublicaFiltered()).hasSize(6172);
	}

	@Test
	void raceMatchesIndependentComputation() throws IOException {
		List<Defendant> rows = CompasFixture.proPublicaFiltered();
		PredictionsCsvSpec spec = PredictionsCsvSpec.forPredictions(List.of("race"), "two_year_recid", "high_risk", "1")
			.withPrivilegedGroup(CAUCASIAN);

		FairnessReport report = evaluate(rows, spec);

		assertThat(report.rows()).isEqualTo(6172);
		assertThat(report.groups()).extracting(GroupMetrics::group)
			.containsExactly(AFRICAN_AMERICAN, "Asian", CAUCASIAN, "Hispanic", "Native American", "Other");
		assertMatchesIndependentComputation(report, rows, Defendant::race, CAUCASIAN);
	}

	@Test
	void raceFiguresOnTheFilteredRows() throws IOException {
		PredictionsCsvSpec spec = PredictionsCsvSpec.forPredictions(List.of("race"), "two_year_recid", "high_risk",
				"1");

		FairnessReport report = evaluate(CompasFixture.proPublicaFiltered(), spec);

		GroupMetrics black = report.group(AFRICAN_AMERICAN).orElseThrow();
		GroupMetrics white = report.group(CAUCASIAN).orElseThrow();
		assertThat(black)
			.extracting(GroupMetrics::truePositives, GroupMetrics::falsePositives, GroupMetrics::trueNegatives,
					GroupMetrics::falseNegatives)
			.containsExactly(1188L, 641L, 873L, 473L);
		assertThat(white)
			.extracting(GroupMetrics::truePositives, GroupMetrics::falsePositives, GroupMetrics::trueNegatives,
					GroupMetrics::falseNegatives)
			.containsExactly(414L, 282L, 999L, 408L);
		assertThat(percent(black.falsePositiveRate())).isEqualTo(42.3);
		assertThat(percent(white.falsePositiveRate())).isEqualTo(22.0);
		assertThat(percent(black.falseNegativeRate())).isEqualTo(28.5);
		assertThat(percent(white.falseNegativeRate())).isEqualTo(49.6);
	}

	/**
	 * ProPublica's published error rates (FPR 44.85% vs 23.45%, FNR 27.99% vs 47.72%)
	 * come from its {@code truth_tables.py}, which counts every defendant of the two-year
	 * file: the screening-date and charge filter above is applied only to its score
	 * models. On all 7,214 rows the pipeline reproduces those figures.
	 */
	@Test
	void proPublicaPublishedErrorRatesOnAllRows() throws IOException {
		PredictionsCsvSpec spec = PredictionsCsvSpec.forPredictions(List.of("race"), "two_year_recid", "high_risk",
				"1");

		FairnessReport report = evaluate(CompasFixture.all(), spec);

		GroupMetrics black = report.group(AFRICAN_AMERICAN).orElseThrow();
		GroupMetrics white = report.group(CAUCASIAN).orElseThrow();
		assertThat(black)
			.extracting(GroupMetrics::truePositives, GroupMetrics::falsePositives, GroupMetrics::trueNegatives,
					GroupMetrics::falseNegatives)
			.containsExactly(1369L, 805L, 990L, 532L);
		assertThat(percent(black.falsePositiveRate())).isEqualTo(44.8);
		assertThat(percent(white.falsePositiveRate())).isEqualTo(23.5);
		assertThat(percent(black.falseNegativeRate())).isEqualTo(28.0);
		assertThat(percent(white.falseNegativeRate())).isEqualTo(47.7);
	}

	@Test
	void raceBySexIntersectionMatchesIndependentComputation() throws IOException {
		List<Defendant> rows = CompasFixture.proPublicaFiltered();
		PredictionsCsvSpec spec = PredictionsCsvSpec
			.forPredictions(List.of("race", "sex"), "two_year_recid", "high_risk", "1")
			.withPrivilegedGroup("Caucasian|Male");

		FairnessReport report = evaluate(rows, spec);

		assertThat(report.groupColumns()).containsExactly("race", "sex");
		assertThat(report.groups()).hasSize(12);
		assertThat(report.group("African-American|Female")).isPresent();
		// Two Native American women, both reoffended: no false positive rate.
		assertThat(report.betweenGroups().falsePositiveRate().undefinedGroups())
			.containsExactly("Native American|Female");
		// Two Asian women, neither labelled high risk: no precision.
		assertThat(report.group("Asian|Female").orElseThrow().precision()).isNull();
		assertMatchesIndependentComputation(report, rows, (d) -> d.race() + "|" + d.sex(), "Caucasian|Male");
	}

	private FairnessReport evaluate(List<Defendant> rows, PredictionsCsvSpec spec) throws IOException {
		Path csv = this.directory.resolve("compas-predictions.csv");
		try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			printer.printRecord("race", "sex", "two_year_recid", "high_risk");
			for (Defendant row : rows) {
				printer.printRecord(row.race(), row.sex(), row.reoffended() ? "1" : "0",
						row.predictedHighRisk() ? "1" : "0");
			}
		}
		try (InputStream input = Files.newInputStream(csv)) {
			GroupCounts counts = new PredictionsCsvParser().parse(input, spec);
			return new FairnessCalculator().calculate(counts, spec.privilegedGroup());
		}
	}

	private static void assertMatchesIndependentComputation(FairnessReport report, List<Defendant> rows,
			Function<Defendant, String> groupOf, String privileged) {
		Map<String, List<Defendant>> byGroup = rows.stream()
			.collect(Collectors.groupingBy(groupOf, TreeMap::new, Collectors.toList()));
		Map<String, Double> selection = new TreeMap<>();
		Map<String, Double> tpr = new TreeMap<>();
		Map<String, Double> fpr = new TreeMap<>();
		byGroup.forEach((group, members) -> {
			GroupMetrics metrics = report.group(group).orElseThrow();
			assertThat(metrics.count()).as(group).isEqualTo(members.size());
			Double selectionRate = share(members, (d) -> true, Defendant::predictedHighRisk);
			Double baseRate = share(members, (d) -> true, Defendant::reoffended);
			Double truePositiveRate = share(members, Defendant::reoffended, Defendant::predictedHighRisk);
			Double falsePositiveRate = share(members, (d) -> !d.reoffended(), Defendant::predictedHighRisk);
			Double falseNegativeRate = share(members, Defendant::reoffended, (d) -> !d.predictedHighRisk());
			Double precision = share(members, Defendant::predictedHighRisk, Defendant::reoffended);
			assertClose(group + " selection rate", metrics.selectionRate(), selectionRate);
			assertClose(group + " base rate", metrics.baseRate(), baseRate);
			assertClose(group + " TPR", metrics.truePositiveRate(), truePositiveRate);
			assertClose(group + " FPR", metrics.falsePositiveRate(), falsePositiveRate);
			assertClose(group + " FNR", metrics.falseNegativeRate(), falseNegativeRate);
			assertClose(group + " precision", metrics.precision(), precision);
			selection.put(group, selectionRate);
			if (truePositiveRate != null) {
				tpr.put(group, truePositiveRate);
			}
			if (falsePositiveRate != null) {
				fpr.put(group, falsePositiveRate);
			}
		});
		assertThat(report.groups()).hasSize(byGroup.size());

		// Fairlearn, between groups.
		BetweenGroups between = report.betweenGroups();
		assertClose("demographic parity difference", between.demographicParityDifference(), range(selection));
		assertClose("demographic parity ratio", between.demographicParityRatio(), minOverMax(selection));
		assertClose("equalized odds difference", between.equalizedOddsDifference(), Math.max(range(tpr), range(fpr)));
		assertClose("equalized odds ratio", between.equalizedOddsRatio(), Math.min(minOverMax(tpr), minOverMax(fpr)));
		assertClose("equal opportunity difference (max - min)", between.equalOpportunityDifference(), range(tpr));
		assertClose("equal opportunity ratio", between.equalOpportunityRatio(), minOverMax(tpr));

		// AIF360, each group against the privileged one.
		VersusPrivileged versus = report.versusPrivileged();
		assertThat(versus.privilegedGroup()).isEqualTo(privileged);
		assertThat(versus.unprivileged()).hasSize(byGroup.size() - 1);
		String worstParityGroup = null;
		for (String group : byGroup.keySet()) {
			if (group.equals(privileged)) {
				continue;
			}
			Comparison comparison = versus.comparison(group).orElseThrow();
			double statisticalParity = selection.get(group) - selection.get(privileged);
			assertClose(group + " statistical parity difference", comparison.statisticalParityDifference(),
					statisticalParity);
			assertClose(group + " disparate impact", comparison.disparateImpact(),
					selection.get(group) / selection.get(privileged));
			Double equalOpportunity = tpr.containsKey(group) ? tpr.get(group) - tpr.get(privileged) : null;
			assertClose(group + " equal opportunity difference", comparison.equalOpportunityDifference(),
					equalOpportunity);
			Double averageOdds = (tpr.containsKey(group) && fpr.containsKey(group))
					? ((fpr.get(group) - fpr.get(privileged)) + (tpr.get(group) - tpr.get(privileged))) / 2 : null;
			assertClose(group + " average odds difference", comparison.averageOddsDifference(), averageOdds);
			if (worstParityGroup == null || Math.abs(statisticalParity) > Math
				.abs(selection.get(worstParityGroup) - selection.get(privileged))) {
				worstParityGroup = group;
			}
		}
		assertThat(versus.statisticalParityDifference().group()).isEqualTo(worstParityGroup);
	}

	/**
	 * Among the members that satisfy {@code given}, the share that satisfy {@code event};
	 * {@code null} when none satisfies {@code given}.
	 */
	private static Double share(List<Defendant> members, Predicate<Defendant> given, Predicate<Defendant> event) {
		OptionalDouble mean = members.stream().filter(given).mapToDouble((d) -> event.test(d) ? 1 : 0).average();
		return mean.isPresent() ? mean.getAsDouble() : null;
	}

	private static double range(Map<String, Double> values) {
		return Collections.max(values.values()) - Collections.min(values.values());
	}

	private static double minOverMax(Map<String, Double> values) {
		Collection<Double> rates = values.values();
		return Collections.min(rates) / Collections.max(rates);
	}

	private static void assertClose(String what, Double actual, Double expected) {
		if (expected == null) {
			assertThat(actual).as(what).isNull();
		}
		else {
			assertThat(actual).as(what).isNotNull().isCloseTo(expected, FOUR_DECIMALS);
		}
	}

	private static double percent(double rate) {
		return Math.round(rate * 1000) / 10.0;
	}

}
