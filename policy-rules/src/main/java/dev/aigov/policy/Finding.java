package dev.aigov.policy;

import java.util.List;
import java.util.Map;

/**
 * One rule's conclusion about a model version or a call, with everything a compliance
 * officer needs to see why it fired.
 *
 * @param ruleId stable id of the rule, e.g. {@code fairness.disparate-impact}
 * @param pack the pack's name, e.g. {@code governance}
 * @param packVersion content hash of the pack
 * @param severity how serious it is
 * @param message what was found, in English and Traditional Chinese
 * @param facts the facts that made it fire (names and values, never personal data)
 * @param remediation what to do about it, in English and Traditional Chinese
 * @param references the framework items it evidences, e.g. {@code EU-AI-ACT:Art.10}
 */
public record Finding(String ruleId, String pack, String packVersion, Severity severity, Text message,
		Map<String, String> facts, Text remediation, List<String> references) {

	public Finding {
		facts = Map.copyOf(facts);
		references = List.copyOf(references);
	}

	/** How serious a finding is; any {@link #FAIL} blocks approval. */
	public enum Severity {

		INFO, WARN, FAIL

	}

	/**
	 * A text in the product's two languages.
	 *
	 * @param en English
	 * @param zhTw Traditional Chinese (Taiwan)
	 */
	public record Text(String en, String zhTw) {
	}

}
