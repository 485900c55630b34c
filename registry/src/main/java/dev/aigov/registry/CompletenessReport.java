package dev.aigov.registry;

import java.util.List;

/**
 * How complete a résumé is, step by step along the guide's development flow.
 *
 * @param complete {@code true} when no step has a violation (warnings allowed)
 * @param steps the ten steps, in order
 */
public record CompletenessReport(boolean complete, List<Step> steps) {

	public CompletenessReport {
		steps = List.copyOf(steps);
	}

	/**
	 * One step of the development flow.
	 *
	 * @param number 1 to 10
	 * @param name the step's name in English
	 * @param nameZhTw the step's name in Traditional Chinese
	 * @param complete whether the step has no violation
	 * @param findings what is missing or wrong
	 */
	public record Step(int number, String name, String nameZhTw, boolean complete, List<Finding> findings) {

		public Step {
			findings = List.copyOf(findings);
		}

	}

	/**
	 * One missing or wrong piece.
	 *
	 * @param severity {@code violation} (blocks approval) or {@code warning}
	 * @param focus the entity concerned, e.g. {@code dataset-version/compas-v1}
	 * @param path the property path, if the finding is about one property
	 * @param message what to do, in English
	 * @param messageZhTw what to do, in Traditional Chinese
	 */
	public record Finding(String severity, String focus, String path, String message, String messageZhTw) {
	}

}
