package dev.aigov.policy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.policy.DataClass;
import dev.aigov.policy.Finding;
import dev.aigov.policy.RuleDefinition;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.policy.facts.CallClass;
import dev.aigov.policy.facts.Outcome;
import dev.aigov.policy.facts.Threshold;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Runs a compiled pack over facts and turns what its rules reported into findings and
 * decisions. Exceptions propagate: callers turn them into an error state.
 */
final class Evaluator {

	/** The global every pack declares. */
	static final String OUTCOME = "outcome";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

	private Evaluator() {
	}

	static List<Outcome.Fired> run(CompiledPack pack, Collection<?> facts) {
		StatelessKieSession session = pack.sessions().newStatelessKieSession();
		Outcome outcome = new Outcome();
		session.setGlobal(OUTCOME, outcome);
		session.execute(facts);
		return outcome.fired();
	}

	static List<Finding> findings(CompiledPack pack, List<Outcome.Fired> fired) {
		List<Finding> findings = new ArrayList<>(fired.size());
		for (Outcome.Fired report : fired) {
			findings.add(finding(pack, report));
		}
		return findings;
	}

	static Finding finding(CompiledPack pack, Outcome.Fired report) {
		RuleDefinition rule = pack.rules().get(report.rule());
		if (rule == null) {
			throw new IllegalStateException("Rule '" + report.rule() + "' reported but is not part of " + pack.name());
		}
		Map<String, String> facts = report.facts();
		return new Finding(rule.id(), pack.name(), pack.version(), rule.severity(), render(rule.message(), facts),
				facts, render(rule.remediation(), facts), rule.references());
	}

	static Finding.Text render(Finding.Text template, Map<String, String> facts) {
		return new Finding.Text(render(template.en(), facts), render(template.zhTw(), facts));
	}

	private static String render(String template, Map<String, String> facts) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = facts.get(matcher.group(1));
			if (value == null) {
				throw new IllegalStateException(
						"The message names {" + matcher.group(1) + "} but the rule did not report a fact of that name");
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** The facts of a call: the call, each detection, its data class and thresholds. */
	static List<Object> runtimeFacts(RuntimeCall call, List<Threshold> thresholds) {
		List<Object> facts = new ArrayList<>(4 + call.detections().size() + thresholds.size());
		facts.add(call);
		DataClass detected = DataClass.PUBLIC;
		for (RuntimeCall.Detection detection : call.detections()) {
			facts.add(detection);
			detected = detected.max(detection.dataClass());
		}
		DataClass declared = call.declaredDataClass();
		DataClass value = detected.max(declared);
		facts.add(new CallClass(value, declared != null && declared.compareTo(value) >= 0,
				value.compareTo(DataClass.CONFIDENTIAL) >= 0));
		facts.addAll(thresholds);
		return facts;
	}

	/** One decision from the reports of every runtime pack: the strictest wins. */
	static RuntimeDecision decide(List<CompiledPack> packs, List<List<Outcome.Fired>> reports) {
		List<Finding> findings = new ArrayList<>();
		boolean block = false;
		String reroute = null;
		Set<String> redact = new LinkedHashSet<>();
		StringBuilder versions = new StringBuilder();
		for (int i = 0; i < packs.size(); i++) {
			CompiledPack pack = packs.get(i);
			versions.append((i > 0) ? "," : "").append(pack.name()).append('@').append(pack.version());
			for (Outcome.Fired report : reports.get(i)) {
				findings.add(finding(pack, report));
				switch (report.action()) {
					case BLOCK -> block = true;
					case REROUTE -> reroute = (reroute != null) ? reroute : report.argument();
					case REDACT -> redact.add(report.argument());
					case NONE -> {
					}
				}
			}
		}
		if (block) {
			return new RuntimeDecision(RuntimeDecision.Action.BLOCK, null, Set.of(), findings, versions.toString(),
					null);
		}
		if (reroute != null) {
			// The redactions other rules asked for travel with it: an answer cannot be
			// rerouted, and is still redacted.
			return new RuntimeDecision(RuntimeDecision.Action.REROUTE, reroute, redact, findings, versions.toString(),
					null);
		}
		if (!redact.isEmpty()) {
			return new RuntimeDecision(RuntimeDecision.Action.REDACT, null, redact, findings, versions.toString(),
					null);
		}
		return new RuntimeDecision(RuntimeDecision.Action.ALLOW, null, Set.of(), findings, versions.toString(), null);
	}

}
