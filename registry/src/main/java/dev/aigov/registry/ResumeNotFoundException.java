package dev.aigov.registry;

/** No entity (or revision) by that reference. */
public class ResumeNotFoundException extends RuntimeException {

	private final EntityRef ref;

	public ResumeNotFoundException(EntityRef ref, String message) {
		super(message);
		this.ref = ref;
	}

	public EntityRef ref() {
		return this.ref;
	}

}
