package dev.aigov.bench.policy;

import java.util.concurrent.TimeUnit;

import dev.aigov.policy.BomEvidence;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.policy.Policies;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.registry.Resume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One governance evaluation of a full model version (fact extraction, every governance
 * rule, findings with rendered messages), from a résumé already read. Target: p50 at most
 * 20 ms. Reading the résumé from the store and producing the ML-BOM are measured by the
 * registry and SBOM benchmarks.
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

}
