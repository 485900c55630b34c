package dev.aigov.bench.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.JsonCanonicalizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signs and verifies a 10,000-component CycloneDX ML-BOM (about 6.8 MB) end to end
 * (parse, RFC 8785 canonicalization, sign or verify, write) with each JSF algorithm, and
 * measures canonicalization on its own. Targets (issue 6): sign and verify within 200 ms
 * each, canonicalization at least 50 MB/s (the {@code canonicalize} score in ms/op over
 * the printed size).
 *
 * <pre>
 * mvn -B -Pjmh -pl bench -am -DskipTests verify -Djmh.args="SigningBenchmarks"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SigningBenchmarks {

	private static final int COMPONENTS = 10_000;

	@Param({ "Ed25519", "ES256", "ES384", "RS256" })
	public String algorithm;

	private String bom;

	private byte[] bytes;

	private JsfSigner signer;

	private String signed;

	private final JsfVerifier verifier = JsfVerifier.withEmbeddedKeys();

	@Setup(Level.Trial)
	public void setUp() {
		this.bom = bom(COMPONENTS, new Random(42));
		this.bytes = this.bom.getBytes(StandardCharsets.UTF_8);
		JsfAlgorithm parsed = JsfAlgorithm.fromJsfName(this.algorithm).orElseThrow();
		this.signer = JsfSigner.of(parsed, keys(parsed), "bench-" + this.algorithm);
		this.signed = this.signer.sign(this.bom);
		if (!this.verifier.verify(this.signed).valid()) {
			throw new IllegalStateException("The benchmark's signature does not verify");
		}
		System.out.printf("%nBOM: %,d components, %,d bytes (%.2f MB)%n", COMPONENTS, this.bytes.length,
				this.bytes.length / 1e6);
	}

	@Benchmark
	public String sign() {
		return this.signer.sign(this.bom);
	}

	@Benchmark
	public Object verify() {
		return this.verifier.verify(this.signed);
	}

	private static KeyPair keys(JsfAlgorithm algorithm) {
		try {
			return switch (algorithm) {
				case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
				case ES256, ES384 -> {
					KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
					generator.initialize(
							new ECGenParameterSpec((algorithm == JsfAlgorithm.ES256) ? "secp256r1" : "secp384r1"));
					yield generator.generateKeyPair();
				}
				case RS256 -> {
					KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
					generator.initialize(2048);
					yield generator.generateKeyPair();
				}
			};
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Strict parse plus canonical serialization; independent of the algorithm. */
	@Benchmark
	public byte[] canonicalize() {
		return JsonCanonicalizer.canonicalize(this.bytes);
	}

	/** A CycloneDX 1.6 ML-BOM shaped like the ones the SBOM module writes. */
	public static String bom(int components, Random random) {
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
