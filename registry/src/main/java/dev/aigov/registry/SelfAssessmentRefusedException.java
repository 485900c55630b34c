package dev.aigov.registry;

/**
 * The actor may not edit this AI system's self-assessment checklist; nothing was saved.
 */
public class SelfAssessmentRefusedException extends RuntimeException {

	public SelfAssessmentRefusedException(String message) {
		super(message);
	}

}
