package dev.aigov.policy;

/**
 * Decides on inference calls with the active runtime pack. Implementations are
 * thread-safe, never throw, and fail closed: any error yields
 * {@link RuntimeDecision.Action#ERROR}.
 */
public interface RuntimePolicy {

	/**
	 * @param call the facts of the call
	 * @return the decision, never {@code null}
	 */
	RuntimeDecision evaluate(RuntimeCall call);

}
