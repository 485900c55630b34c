package dev.aigov.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark runnable: a small run must import everything and answer every
 * query. The figures themselves are only meaningful at full size, outside CI.
 */
class RegistryBenchmarkTests {

	@Test
	void aSmallRunImportsEverythingAndMeasuresEveryQuery(@TempDir Path dir) {
		RegistryBenchmark.Report report = RegistryBenchmark.run(dir, 60, 300, 10);
		assertThat(report.triplesImported()).isGreaterThan(2_000);
		// Every imported triple is in the current graph, with the PROV super-properties
		// and the revisions beside it (ADR 014).
		assertThat(report.quadsStored()).isGreaterThan(report.triplesImported() * 3 / 2);
		assertThat(report.impactMillis()[0]).isPositive();
		assertThat(report.resumeMillis()[0]).isPositive();
		assertThat(report.asOfMillis()[0]).isPositive();
	}

}
