package dev.aigov.policy;

import java.util.List;

/**
 * A pack was not activated: it does not compile, a rule lacks its messages or references,
 * a threshold it needs is not configured, or a fixture does not give the expected result.
 * The previously active pack stays active.
 */
public class PackRejectedException extends RuntimeException {

	private final List<String> problems;

	public PackRejectedException(String pack, List<String> problems) {
		super("Policy pack '" + pack + "' was not activated: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/** Each problem, one line each. */
	public List<String> problems() {
		return this.problems;
	}

}
