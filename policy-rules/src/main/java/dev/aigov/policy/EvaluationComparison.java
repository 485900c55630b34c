package dev.aigov.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How two governance evaluations differ. Findings are compared rule by rule: a rule that
 * fired only in the newer one is added, only in the older one removed, and in both with
 * different findings (severity, message or the facts that made it fire) changed.
 *
 * @param from the older evaluation's id
 * @param to the newer evaluation's id
 * @param samePacks whether both ran the same pack versions
 * @param sameFacts whether the rules saw the same facts (equal facts digests)
 * @param statusFrom the older one's status
 * @param statusTo the newer one's status
 * @param added findings of rules that fired only in the newer one
 * @param removed findings of rules that fired only in the older one
 * @param changed rules that fired in both with different findings
 * @param unchanged ids of rules that fired in both with the same findings
 */
public record EvaluationComparison(String from, String to, boolean samePacks, boolean sameFacts,
		GovernanceEvaluation.Status statusFrom, GovernanceEvaluation.Status statusTo, List<Finding> added,
		List<Finding> removed, List<Change> changed, List<String> unchanged) {

	public EvaluationComparison {
		added = List.copyOf(added);
		removed = List.copyOf(removed);
		changed = List.copyOf(changed);
		unchanged = List.copyOf(unchanged);
	}

	/** Compares an older evaluation with a newer one. */
	public static EvaluationComparison of(GovernanceEvaluation from, GovernanceEvaluation to) {
		Map<String, List<Finding>> before = byRule(from.findings());
		Map<String, List<Finding>> after = byRule(to.findings());
		Set<String> rules = new LinkedHashSet<>(before.keySet());
		rules.addAll(after.keySet());
		List<Finding> added = new ArrayList<>();
		List<Finding> removed = new ArrayList<>();
		List<Change> changed = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		for (String rule : rules) {
			List<Finding> old = before.get(rule);
			List<Finding> now = after.get(rule);
			if (old == null) {
				added.addAll(now);
			}
			else if (now == null) {
				removed.addAll(old);
			}
			else if (comparable(old).equals(comparable(now))) {
				unchanged.add(rule);
			}
			else {
				changed.add(new Change(rule, old, now));
			}
		}
		return new EvaluationComparison(from.id(), to.id(), from.packs().equals(to.packs()),
				from.factsSha256().equals(to.factsSha256()), from.status(), to.status(), added, removed, changed,
				unchanged);
	}

	private static Map<String, List<Finding>> byRule(List<Finding> findings) {
		Map<String, List<Finding>> rules = new LinkedHashMap<>();
		findings
			.forEach((finding) -> rules.computeIfAbsent(finding.ruleId(), (rule) -> new ArrayList<>()).add(finding));
		return rules;
	}

	/** What matters of a rule's findings, whichever pack version produced them. */
	private static Set<List<Object>> comparable(List<Finding> findings) {
		Set<List<Object>> result = new LinkedHashSet<>();
		findings.forEach((f) -> result.add(List.of(f.severity(), f.message(), new java.util.TreeMap<>(f.facts()))));
		return result;
	}

	/**
	 * A rule that fired in both evaluations with different findings.
	 *
	 * @param ruleId the rule
	 * @param before its findings in the older evaluation
	 * @param after its findings in the newer one
	 */
	public record Change(String ruleId, List<Finding> before, List<Finding> after) {

		public Change {
			before = List.copyOf(before);
			after = List.copyOf(after);
		}

	}

}
