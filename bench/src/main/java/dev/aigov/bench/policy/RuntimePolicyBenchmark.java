package dev.aigov.bench.policy;

import java.util.concurrent.TimeUnit;

import dev.aigov.policy.Policies;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.policy.RuntimePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One runtime-pack decision, as the proxy asks for it on every call, with the whole
 * built-in runtime pack active. Sample time gives the percentiles (target: p50 at most 50
 * µs, p99 at most 500 µs).
 *
 * <pre>
 * mvn -Pjmh -pl bench -am -DskipTests verify -Djmh.args="RuntimePolicyBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuntimePolicyBenchmark {

	/** {@code clean}: allowed as is; {@code confidential}: rerouted on premises. */
	@Param({ "clean", "confidential" })
	public String call;

	private RuntimePolicy policy;

	private RuntimeCall input;

	private RuntimeDecision.Action expected;

	@Setup
	public void setUp() {
		this.policy = Policies.standalone(PolicyProperties.defaults(), null).runtime();
		this.input = this.call.equals("clean") ? PolicyFixtures.cleanCall() : PolicyFixtures.confidentialCall();
		this.expected = this.call.equals("clean") ? RuntimeDecision.Action.ALLOW : RuntimeDecision.Action.REROUTE;
		RuntimeDecision decision = this.policy.evaluate(this.input);
		if (decision.action() != this.expected) {
			throw new IllegalStateException("The benchmark's call is decided " + decision + ", not " + this.expected);
		}
	}

	@Benchmark
	public RuntimeDecision evaluate() {
		return this.policy.evaluate(this.input);
	}

}
