package dev.aigov.policy.internal;

import java.util.List;
import java.util.Map;

import dev.aigov.policy.Finding;
import dev.aigov.policy.PackKind;
import dev.aigov.policy.RuleDefinition;
import dev.aigov.policy.facts.Threshold;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A pack that compiled and passed its fixtures. Its knowledge base is built once and only
 * read afterwards; every evaluation opens its own short-lived session on it.
 *
 * @param name the pack's name
 * @param kind what it decides on
 * @param version content hash
 * @param description what it covers
 * @param origin where it came from
 * @param base the compiled rules
 * @param sessions pooled sessions on {@code base}: a call borrows one instead of building
 * a session, which keeps the runtime pack's latency tail short
 * @param rules the rules by id
 * @param fixtureThresholds the thresholds its fixtures are written against (from its
 * manifest); evaluations use the configured ones
 * @param fixtures how many fixtures it passed
 */
record CompiledPack(String name, PackKind kind, String version, Finding.Text description, String origin, KieBase base,
		KieSessionsPool sessions, Map<String, RuleDefinition> rules, List<Threshold> fixtureThresholds, int fixtures) {

	CompiledPack {
		rules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rules));
		fixtureThresholds = List.copyOf(fixtureThresholds);
	}

	List<RuleDefinition> ruleList() {
		return List.copyOf(this.rules.values());
	}

}
