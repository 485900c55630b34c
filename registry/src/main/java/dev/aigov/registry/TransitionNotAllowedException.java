package dev.aigov.registry;

import java.util.List;

/**
 * A lifecycle transition that the current state, the actor's role or separation of duties
 * forbids. The reason and its arguments say which rule applies, so that the UI can
 * explain an unavailable button in the reader's language; the message says it in English.
 */
public class TransitionNotAllowedException extends RuntimeException {

	/** Which rule forbids the transition. */
	public enum Reason {

		/**
		 * The version is in a state the transition does not start from; arguments: the
		 * state, the states it needs ("approved or deployed").
		 */
		STATE,
		/** The actor lacks the role; argument: the roles that may, comma-separated. */
		ROLE,
		/** Separation of duties: the actor submitted the version; argument: the actor. */
		SUBMITTER,
		/** Separation of duties: the actor owns the model; argument: the actor. */
		OWNER

	}

	private final Reason reason;

	private final List<String> arguments;

	public TransitionNotAllowedException(Reason reason, List<String> arguments, String message) {
		super(message);
		this.reason = reason;
		this.arguments = List.copyOf(arguments);
	}

	public Reason reason() {
		return this.reason;
	}

	/** The reason's arguments, as its constant describes. */
	public List<String> arguments() {
		return this.arguments;
	}

	/**
	 * {@code true} when another user could make this transition, {@code false} when
	 * nobody can now.
	 */
	public boolean forbiddenForActor() {
		return this.reason != Reason.STATE;
	}

	/** Whether separation of duties is the reason. */
	public boolean separationOfDuties() {
		return this.reason == Reason.SUBMITTER || this.reason == Reason.OWNER;
	}

}
