package dev.aigov.policy.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.runtime.rule.RuleContext;

/**
 * What the rules of one evaluation concluded. Every pack declares it as the global
 * {@code outcome}; a rule's consequence reports through it, naming the facts that made it
 * fire as name/value pairs. The rule's metadata supplies severity, messages, remediation
 * and framework references. One instance per evaluation, never shared.
 */
public final class Outcome {

	private final List<Fired> fired = new ArrayList<>();

	/** The rule fired; the facts fill the placeholders of its messages. */
	public void fire(RuleContext context, Object... facts) {
		record(context, Action.NONE, null, facts);
	}

	/** Runtime: the call must not go anywhere. */
	public void block(RuleContext context, Object... facts) {
		record(context, Action.BLOCK, null, facts);
	}

	/** Runtime: the call must go to {@code route} instead. */
	public void reroute(RuleContext context, String route, Object... facts) {
		record(context, Action.REROUTE, route, facts);
	}

	/** Runtime: detections of {@code type} must be replaced by placeholders. */
	public void redact(RuleContext context, String type, Object... facts) {
		record(context, Action.REDACT, type, facts);
	}

	private void record(RuleContext context, Action action, String argument, Object... facts) {
		if (facts.length % 2 != 0) {
			throw new IllegalArgumentException(
					"Rule '" + context.getRule().getName() + "' reports facts as name/value pairs; got an odd number.");
		}
		Map<String, String> named = new LinkedHashMap<>();
		for (int i = 0; i < facts.length; i += 2) {
			named.put(String.valueOf(facts[i]), String.valueOf(facts[i + 1]));
		}
		this.fired
			.add(new Fired(context.getRule().getPackageName(), context.getRule().getName(), action, argument, named));
	}

	/** Everything reported, in firing order. */
	public List<Fired> fired() {
		return List.copyOf(this.fired);
	}

	/** What a runtime rule asks the proxy to do. */
	public enum Action {

		NONE, BLOCK, REROUTE, REDACT

	}

	/**
	 * One report of a rule.
	 *
	 * @param drlPackage the DRL package of the rule
	 * @param rule the rule's name, which is its id
	 * @param action what it asks for
	 * @param argument the route or detection type, for reroute and redact
	 * @param facts the facts it named
	 */
	public record Fired(String drlPackage, String rule, Action action, String argument, Map<String, String> facts) {
	}

}
