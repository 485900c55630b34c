package dev.aigov.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A repeatable measurement, not a test: signs and verifies a 10,000-component CycloneDX
 * ML-BOM with each algorithm and measures canonicalization throughput. Run it as
 * described in README.md ("Performance"); it prints the median of several timed runs
 * after a warm-up.
 */
public final class SigningBenchmark {

	private static final int COMPONENTS = 10_000;

	private static final int WARMUP = 15;

	private static final int RUNS = 21;

	private SigningBenchmark() {
	}

	public static void main(String[] args) {
		String bom = bom(COMPONENTS, new Random(42));
		byte[] bytes = bom.getBytes(StandardCharsets.UTF_8);
		System.out.printf("BOM: %,d components, %,d bytes (%.2f MB)%n", COMPONENTS, bytes.length, bytes.length / 1e6);
		System.out.printf("JVM: %s %s, %d processors%n", System.getProperty("java.vm.name"),
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

		double canonicalize = median(() -> JsonCanonicalizer.canonicalize(bytes));
		System.out.printf("canonicalize (parse + RFC 8785 serialize): %.1f ms = %.0f MB/s   (rounds: %s ms)%n",
				canonicalize, bytes.length / 1e6 / (canonicalize / 1000), lastRounds);
		Object tree = JsonCanonicalizer.parse(bytes);
		double serializeOnly = median(() -> JsonCanonicalizer.canonicalizeTree(tree));
		System.out.printf("canonicalize a parsed tree (serialize only): %.1f ms = %.0f MB/s   (rounds: %s ms)%n",
				serializeOnly, bytes.length / 1e6 / (serializeOnly / 1000), lastRounds);

		for (JsfAlgorithm algorithm : JsfAlgorithm.values()) {
			JsfSigner signer = JsfRoundTripTests.signer(algorithm);
			String signed = signer.sign(bom);
			JsfVerifier verifier = JsfVerifier.withEmbeddedKeys();
			if (!verifier.verify(signed).valid()) {
				throw new IllegalStateException("benchmark signature does not verify");
			}
			double sign = median(() -> signer.sign(bom));
			String signRounds = lastRounds;
			double verify = median(() -> verifier.verify(signed));
			System.out.printf("%-8s sign %6.1f ms (rounds: %s)   verify %6.1f ms (rounds: %s)%n", algorithm.jsfName(),
					sign, signRounds, verify, lastRounds);
		}
	}

	private static final int ROUNDS = 3;

	private static double median(Supplier<?> work) {
		double best = Double.MAX_VALUE;
		StringBuilder rounds = new StringBuilder();
		for (int round = 0; round < ROUNDS; round++) {
			double median = medianOfRuns(work);
			best = Math.min(best, median);
			rounds.append(String.format(" %.0f", median));
		}
		lastRounds = rounds.toString().trim();
		return best;
	}

	private static String lastRounds = "";

	private static double medianOfRuns(Supplier<?> work) {
		for (int i = 0; i < WARMUP; i++) {
			work.get();
		}
		double[] times = new double[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			work.get();
			times[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(times);
		return times[RUNS / 2];
	}

	/** A CycloneDX 1.6 ML-BOM shaped like the ones the SBOM module writes. */
	static String bom(int components, Random random) {
		StringBuilder json = new StringBuilder(components * 700);
		json.append("{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n")
			.append("  \"serialNumber\": \"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\",\n  \"version\": 1,\n")
			.append("  \"metadata\": {\"timestamp\": \"2026-01-01T00:00:00Z\", \"component\": {\"type\": ")
			.append("\"machine-learning-model\", \"name\": \"credit-risk\", \"version\": \"3.2.0\"}},\n")
			.append("  \"components\": [\n");
		List<String> licenses = List.of("Apache-2.0", "MIT", "BSD-3-Clause", "CC-BY-4.0", "EPL-2.0");
		for (int i = 0; i < components; i++) {
			String name = "component-" + Integer.toString(random.nextInt(1 << 30), 36);
			json.append(i == 0 ? "    {" : ",\n    {")
				.append("\"bom-ref\": \"ref-")
				.append(i)
				.append("\", ")
				.append("\"type\": \"")
				.append((i % 10 == 0) ? "data" : "library")
				.append("\", ")
				.append("\"group\": \"org.example.group")
				.append(i % 97)
				.append("\", ")
				.append("\"name\": \"")
				.append(name)
				.append("\", ")
				.append("\"version\": \"")
				.append(random.nextInt(10))
				.append('.')
				.append(random.nextInt(30))
				.append('.')
				.append(random.nextInt(100))
				.append("\", ")
				.append("\"description\": \"Component ")
				.append(i)
				.append(" – données d'entraînement, modèle Ω\", ")
				.append("\"purl\": \"pkg:maven/org.example.group")
				.append(i % 97)
				.append('/')
				.append(name)
				.append("@1.0.")
				.append(i)
				.append("\", ")
				.append("\"hashes\": [{\"alg\": \"SHA-256\", \"content\": \"")
				.append(hex(random, 32))
				.append("\"}], ")
				.append("\"licenses\": [{\"license\": {\"id\": \"")
				.append(licenses.get(i % licenses.size()))
				.append("\"}}], ")
				.append("\"properties\": [{\"name\": \"aigov:score\", \"value\": \"")
				.append(random.nextDouble())
				.append("\"}, {\"name\": \"aigov:rows\", \"value\": \"")
				.append(random.nextInt(1_000_000))
				.append("\"}], ")
				.append("\"modelCard\": {\"quantitativeAnalysis\": {\"performanceMetrics\": [{\"type\": \"accuracy\", ")
				.append("\"value\": ")
				.append(random.nextDouble())
				.append(", \"slice\": \"all\"}]}}")
				.append('}');
		}
		json.append("\n  ],\n  \"dependencies\": [");
		List<String> dependencies = new ArrayList<>();
		for (int i = 1; i < Math.min(components, 100); i++) {
			dependencies.add("{\"ref\": \"ref-0\", \"dependsOn\": [\"ref-" + i + "\"]}");
		}
		json.append(String.join(", ", dependencies)).append("]\n}\n");
		return json.toString();
	}

	private static String hex(Random random, int bytes) {
		StringBuilder hex = new StringBuilder(bytes * 2);
		for (int i = 0; i < bytes; i++) {
			hex.append(String.format("%02x", random.nextInt(256)));
		}
		return hex.toString();
	}

}
