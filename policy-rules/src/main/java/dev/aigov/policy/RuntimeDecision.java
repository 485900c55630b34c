package dev.aigov.policy;

import java.util.List;
import java.util.Set;

/**
 * The runtime pack's decision on one call.
 *
 * @param action what the proxy must do
 * @param rerouteTo the route to use instead when the action is {@link Action#REROUTE}
 * @param redactTypes detection types to replace by placeholders when the action is
 * {@link Action#REDACT}; with {@link Action#REROUTE}, those that rules asked to redact
 * besides (applied to an answer, which cannot be rerouted; a request rerouted on-premises
 * is sent as it is)
 * @param findings the rules that fired, with their messages
 * @param packVersion content hash of the runtime pack that decided
 * @param error why no decision could be made when the action is {@link Action#ERROR}
 */
public record RuntimeDecision(Action action, String rerouteTo, Set<String> redactTypes, List<Finding> findings,
		String packVersion, String error) {

	public RuntimeDecision {
		redactTypes = Set.copyOf(redactTypes);
		findings = List.copyOf(findings);
	}

	/** What the proxy does with the call. {@link #ERROR} is refused, like a block. */
	public enum Action {

		ALLOW, REDACT, REROUTE, BLOCK, ERROR;

		/** Whether the call must not reach any upstream. */
		public boolean refuses() {
			return this == BLOCK || this == ERROR;
		}

	}

}
