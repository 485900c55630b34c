package dev.aigov.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision and recall per type over the labelled corpus: a hit counts only with the
 * exact type and span. Fails below 0.95 on either for any type, or with fewer than 10
 * positives.
 */
class CorpusTests {

	private static final double THRESHOLD = 0.95;

	private static final int MIN_POSITIVES = 10;

	@Test
	void everyTypeReachesPrecisionAndRecallOnTheCorpus() {
		Corpus corpus = Corpus.load();
		DetectorSuite suite = DetectorSuite.defaults();
		Map<String, int[]> counts = new TreeMap<>(); // type -> {truePositive,
														// falsePositive, falseNegative}
		suite.types().forEach((type) -> counts.put(type, new int[3]));
		List<String> mistakes = new ArrayList<>();
		for (Corpus.Case c : corpus.cases()) {
			Set<Corpus.Expected> expected = new HashSet<>(c.hits());
			Set<Corpus.Expected> found = new HashSet<>();
			suite.scan(c.text()).forEach((hit) -> found.add(Corpus.Expected.of(hit)));
			for (Corpus.Expected hit : found) {
				int[] count = counts.computeIfAbsent(hit.type(), (type) -> new int[3]);
				if (expected.contains(hit)) {
					count[0]++;
				}
				else {
					count[1]++;
					mistakes.add(c.id() + " false positive " + describe(c.text(), hit));
				}
			}
			for (Corpus.Expected hit : expected) {
				if (!found.contains(hit)) {
					counts.computeIfAbsent(hit.type(), (type) -> new int[3])[2]++;
					mistakes.add(c.id() + " missed " + describe(c.text(), hit));
				}
			}
		}
		StringBuilder table = new StringBuilder(
				String.format("%n%-18s %5s %4s %4s %9s %7s%n", "type", "TP", "FP", "FN", "precision", "recall"));
		List<String> failures = new ArrayList<>();
		counts.forEach((type, count) -> {
			double precision = count[0] + count[1] == 0 ? 1 : (double) count[0] / (count[0] + count[1]);
			double recall = count[0] + count[2] == 0 ? 1 : (double) count[0] / (count[0] + count[2]);
			table.append(String.format("%-18s %5d %4d %4d %9.3f %7.3f%n", type, count[0], count[1], count[2], precision,
					recall));
			if (count[0] + count[2] < MIN_POSITIVES) {
				failures.add(type + " has only " + (count[0] + count[2]) + " positive cases");
			}
			if (precision < THRESHOLD || recall < THRESHOLD) {
				failures.add(type + String.format(" precision %.3f recall %.3f", precision, recall));
			}
		});
		System.out.println("Detector corpus: " + corpus.cases().size() + " cases" + table);
		mistakes.forEach(System.out::println);
		assertThat(corpus.cases()).hasSizeGreaterThanOrEqualTo(300);
		assertThat(corpus.cases().stream().map(Corpus.Case::lang).distinct()).contains("en", "zh");
		assertThat(failures).as("per-type precision/recall" + table).isEmpty();
	}

	private static String describe(String text, Corpus.Expected hit) {
		return hit.type() + " [" + text.substring(hit.start(), hit.end()).replace("\n", "\\n") + "] at " + hit.start();
	}

}
