package dev.aigov.bench.policy;

import java.util.concurrent.TimeUnit;

import dev.aigov.policy.Policies;
import dev.aigov.policy.PolicyPack;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls decided while the runtime pack is compiled, tested and swapped again and again by
 * another thread: the percentiles of {@code swap:call} show whether activation stalls
 * calls in flight (it should not: the swap is one atomic reference). Every call must be
 * decided, never refused for an error.
 *
 * <pre>
 * mvn -Pjmh -pl bench -am -DskipTests verify -Djmh.args="PackSwapBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PackSwapBenchmark {

	private Policies.Standalone engine;

	private RuntimeCall input;

	private int revision;

	@Setup
	public void setUp() {
		this.engine = Policies.standalone(PolicyProperties.defaults(), null);
		this.input = PolicyFixtures.confidentialCall();
	}

	@Benchmark
	@Group("swap")
	@GroupThreads(1)
	public RuntimeDecision call() {
		RuntimeDecision decision = this.engine.runtime().evaluate(this.input);
		if (decision.action() != RuntimeDecision.Action.REROUTE) {
			throw new IllegalStateException("A call in flight during a swap was decided " + decision);
		}
		return decision;
	}

	@Benchmark
	@Group("swap")
	@GroupThreads(1)
	public PolicyPack activate() {
		return this.engine.packs().activate(PolicyFixtures.runtimePackZip(this.revision++), "bench");
	}

}
