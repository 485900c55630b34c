package dev.aigov.bench.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;

import dev.aigov.policy.BomEvidence;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.policy.Policies;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One governance evaluation of a full model version (fact extraction, every governance
 * rule, findings with rendered messages), from a résumé already read. Target: p50 at most
 * 20 ms. Producing the ML-BOM is measured by the SBOM benchmarks.
 * <p>
 * {@code evaluateAndRecord} is the whole on-demand path on a real TDB2 store: read the
 * résumé, evaluate it, write the canonical facts and findings as a
 * {@code policy-evaluation} record. {@code evaluateUnchanged} is an automatic
 * re-evaluation whose result equals the last recorded one, so nothing is written.
 *
 * <pre>
 * mvn -Pjmh -pl bench -am -DskipTests verify -Djmh.args="GovernancePolicyBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GovernancePolicyBenchmark {

	private GovernancePolicy policy;

	private Resume resume;

	@Setup
	public void setUp() {
		this.policy = Policies
			.standalone(PolicyProperties.defaults(),
					(resume) -> new BomEvidence.Status(BomEvidence.State.VERIFIED, "benchmark"))
			.governance();
		this.resume = PolicyFixtures.fullResume();
		GovernanceEvaluation evaluation = this.policy.evaluate(this.resume);
		if (evaluation.status() != GovernanceEvaluation.Status.COMPLETED || evaluation.facts().size() < 60) {
			throw new IllegalStateException("The benchmark's résumé does not evaluate fully: " + evaluation);
		}
	}

	@Benchmark
	public GovernanceEvaluation evaluate() {
		return this.policy.evaluate(this.resume);
	}

	@Benchmark
	public GovernanceEvaluation evaluateAndRecord(Stored stored) {
		return stored.policy.evaluate(stored.version, GovernanceEvaluation.Trigger.ON_DEMAND, "bench");
	}

	@Benchmark
	public GovernanceEvaluation evaluateUnchanged(Stored stored) {
		return stored.policy.evaluate(stored.version, GovernanceEvaluation.Trigger.AUTOMATIC, "bench");
	}

	/** The same model version recorded in a TDB2 store in a temporary directory. */
	@State(Scope.Benchmark)
	public static class Stored {

		private Path dir;

		private GraphStores stores;

		GovernancePolicy policy;

		String version;

		@Setup
		public void setUp() throws IOException {
			this.dir = Files.createTempDirectory("aigov-policy-bench");
			this.stores = new GraphStores(GraphStoreProperties.embedded(this.dir.resolve("tdb2")));
			RegistryService registry = new RegistryService(this.stores);
			this.version = PolicyFixtures.storeFullResume(registry);
			this.policy = Policies
				.recording(PolicyProperties.defaults(),
						(resume) -> new BomEvidence.Status(BomEvidence.State.VERIFIED, "benchmark"), registry,
						new ResumeReader(registry, this.stores))
				.governance();
			GovernanceEvaluation evaluation = this.policy.evaluate(this.version, GovernanceEvaluation.Trigger.ON_DEMAND,
					"bench");
			if (evaluation.status() != GovernanceEvaluation.Status.COMPLETED || evaluation.facts().size() < 60
					|| evaluation.recordedAs() == null) {
				throw new IllegalStateException("The stored résumé does not evaluate fully: " + evaluation);
			}
		}

		@TearDown
		public void tearDown() throws IOException {
			this.stores.close();
			try (Stream<Path> files = Files.walk(this.dir)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}

	}

}
