package dev.aigov.policy;

/** What a policy pack decides on. */
public enum PackKind {

	/** A model version's résumé, before approval and on every change. */
	GOVERNANCE,
	/** One inference call, in the proxy. */
	RUNTIME

}
