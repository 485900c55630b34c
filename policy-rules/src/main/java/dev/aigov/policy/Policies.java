package dev.aigov.policy;

import dev.aigov.policy.internal.PolicyEngine;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The policy engine outside Spring, for benchmarks and tools: the built-in packs (and
 * those of {@link PolicyProperties#packsDir()}) compiled, tested and active.
 */
public final class Policies {

	private Policies() {
	}

	/**
	 * @param properties thresholds and the rest, e.g. {@link PolicyProperties#defaults()}
	 * @param bomEvidence the ML-BOM check, or {@code null} for "could not be checked"
	 * @return the engine's three faces; {@link GovernancePolicy#evaluate(String)} is not
	 * available (no registry)
	 * @throws PackRejectedException if a built-in pack fails its fixtures
	 */
	public static Standalone standalone(PolicyProperties properties, BomEvidence bomEvidence) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (bomEvidence != null) {
			beans.addBean("bomEvidence", bomEvidence);
		}
		PolicyEngine engine = new PolicyEngine(properties, null, beans.getBeanProvider(BomEvidence.class));
		return new Standalone(engine, engine, engine);
	}

	/**
	 * One engine seen through its three interfaces.
	 *
	 * @param runtime decides on calls
	 * @param governance evaluates résumés
	 * @param packs manages packs
	 */
	public record Standalone(RuntimePolicy runtime, GovernancePolicy governance, PolicyPacks packs) {
	}

}
