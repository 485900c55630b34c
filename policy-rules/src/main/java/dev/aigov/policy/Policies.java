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
		PolicyEngine engine = PolicyEngine.outsideSpring(properties, null, null,
				beans.getBeanProvider(BomEvidence.class), null);
		return new Standalone(engine, engine, engine);
	}

	/**
	 * An engine that reads résumés from the registry and records its evaluations there,
	 * as in the appliance (activations are kept in memory).
	 * @param properties thresholds and the rest
	 * @param bomEvidence the ML-BOM check, or {@code null} for "could not be checked"
	 * @param registry where evaluations are recorded
	 * @param reader where résumés are read
	 */
	public static Standalone recording(PolicyProperties properties, BomEvidence bomEvidence,
			dev.aigov.registry.RegistryService registry, dev.aigov.registry.ResumeReader reader) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (bomEvidence != null) {
			beans.addBean("bomEvidence", bomEvidence);
		}
		PolicyEngine engine = PolicyEngine.outsideSpring(properties, registry, reader,
				beans.getBeanProvider(BomEvidence.class), null);
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
