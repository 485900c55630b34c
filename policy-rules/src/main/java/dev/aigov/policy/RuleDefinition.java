package dev.aigov.policy;

import java.util.List;

/**
 * One rule of an active pack, as a compliance officer reads it.
 *
 * @param id the rule's id (its DRL name)
 * @param severity the severity of its findings
 * @param message its message template, placeholders in braces
 * @param remediation what to do when it fires
 * @param references the framework items it evidences
 * @param source the rule's DRL text
 */
public record RuleDefinition(String id, Finding.Severity severity, Finding.Text message, Finding.Text remediation,
		List<String> references, String source) {

	public RuleDefinition {
		references = List.copyOf(references);
	}

}
