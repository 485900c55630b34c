package dev.aigov.registry.fairness;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * ProPublica's COMPAS two-year recidivism data from the shared fixtures
 * ({@code datasets/compas/compas-scores-two-years.csv}), read here without any production
 * class.
 */
final class CompasFixture {

	private CompasFixture() {
	}

	static Path rawFile() {
		String shared = System.getProperty("aigov.shared.dir");
		if (shared == null) {
			throw new IllegalStateException("System property aigov.shared.dir is not set; run the tests with Maven, "
					+ "or set it to the shared fixtures directory");
		}
		Path file = Path.of(shared, "datasets", "compas", "compas-scores-two-years.csv");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("COMPAS fixture not found at " + file);
		}
		return file;
	}

	/**
	 * Every row of the file (7,214 defendants).
	 */
	static List<Defendant> all() {
		List<Defendant> defendants = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(rawFile(), StandardCharsets.UTF_8);
				CSVParser csv = CSVParser.parse(reader, CSVFormat.DEFAULT)) {
			List<String> header = null;
			for (CSVRecord record : csv) {
				if (header == null) {
					// The file repeats decile_score and priors_count; indexOf takes the
					// first.
					header = record.toList();
					continue;
				}
				String days = record.get(header.indexOf("days_b_screening_arrest"));
				defendants.add(new Defendant(record.get(header.indexOf("race")), record.get(header.indexOf("sex")),
						days.isEmpty() ? null : Integer.valueOf(days), record.get(header.indexOf("is_recid")),
						record.get(header.indexOf("c_charge_degree")), record.get(header.indexOf("score_text")),
						"1".equals(record.get(header.indexOf("two_year_recid")))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return defendants;
	}

	/**
	 * The rows ProPublica analysed: {@code days_b_screening_arrest} within [-30, 30] (and
	 * present), {@code is_recid != -1}, {@code c_charge_degree != 'O'},
	 * {@code score_text != 'N/A'}.
	 */
	static List<Defendant> proPublicaFiltered() {
		return all().stream()
			.filter((d) -> d.daysBetweenScreeningAndArrest() != null && d.daysBetweenScreeningAndArrest() >= -30
					&& d.daysBetweenScreeningAndArrest() <= 30)
			.filter((d) -> !"-1".equals(d.isRecid()))
			.filter((d) -> !"O".equals(d.chargeDegree()))
			.filter((d) -> !"N/A".equals(d.scoreText()))
			.toList();
	}

	/**
	 * One defendant: the columns the tests use.
	 */
	record Defendant(String race, String sex, Integer daysBetweenScreeningAndArrest, String isRecid,
			String chargeDegree, String scoreText, boolean reoffended) {

		/**
		 * ProPublica's "high risk": a Medium or High COMPAS score.
		 */
		boolean predictedHighRisk() {
			return "Medium".equals(this.scoreText) || "High".equals(this.scoreText);
		}

	}

}
