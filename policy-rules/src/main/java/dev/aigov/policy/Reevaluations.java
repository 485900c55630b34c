package dev.aigov.policy;

import java.time.Duration;

/**
 * The background re-evaluation of model versions after résumé changes: asynchronous and
 * coalesced per version, so a write never waits for an evaluation.
 */
public interface Reevaluations {

	/**
	 * Waits until every re-evaluation asked for so far has run (for tests and tools).
	 * @throws IllegalStateException if they have not within the timeout
	 */
	void drain(Duration timeout);

}
