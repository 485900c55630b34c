package dev.aigov.registry;

/**
 * A lifecycle transition that the current state, the actor's role or separation of duties
 * forbids. The message says which rule applies, so the UI can explain an unavailable
 * button.
 */
public class TransitionNotAllowedException extends RuntimeException {

	private final boolean forbiddenForActor;

	public TransitionNotAllowedException(String message, boolean forbiddenForActor) {
		super(message);
		this.forbiddenForActor = forbiddenForActor;
	}

	/**
	 * {@code true} when another user could make this transition, {@code false} when
	 * nobody can now.
	 */
	public boolean forbiddenForActor() {
		return this.forbiddenForActor;
	}

}
