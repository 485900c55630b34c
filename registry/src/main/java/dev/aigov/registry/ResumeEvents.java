package dev.aigov.registry;

import java.time.Instant;
import java.util.List;

/**
 * What happened in the registry, published for the audit log and other modules.
 */
public final class ResumeEvents {

	private ResumeEvents() {
	}

	/** A step of a model version's lifecycle (submit, withdraw, approve, ...). */
	public sealed interface LifecycleEvent permits ModelVersionSubmitted, ModelVersionWithdrawn, ModelVersionApproved,
			ModelVersionRejected, ModelVersionDeployed, ModelVersionRetired {

		/** The model version whose state changed. */
		EntityRef version();

		/** Who made the change. */
		String actor();

		/** When. */
		Instant at();

	}

	/** A model version was submitted for approval. */
	public record ModelVersionSubmitted(EntityRef version, String actor, Instant at) implements LifecycleEvent {
	}

	/** A model version was withdrawn from review by its owner. */
	public record ModelVersionWithdrawn(EntityRef version, String actor, Instant at) implements LifecycleEvent {
	}

	/** A model version was approved for production. */
	public record ModelVersionApproved(EntityRef version, EntityRef approval, String actor,
			Instant at) implements LifecycleEvent {
	}

	/** A model version was rejected. */
	public record ModelVersionRejected(EntityRef version, EntityRef approval, String actor,
			Instant at) implements LifecycleEvent {
	}

	/** A model version was deployed to an environment and proxy route. */
	public record ModelVersionDeployed(EntityRef version, EntityRef deployment, String environment, String proxyRoute,
			String actor, Instant at) implements LifecycleEvent {
	}

	/** A model version was retired and may no longer be served. */
	public record ModelVersionRetired(EntityRef version, String actor, Instant at) implements LifecycleEvent {
	}

	/**
	 * Entities of the résumé were recorded (registered, revised or imported).
	 *
	 * @param entities the entities written
	 * @param versions the model versions they belong to directly (the version itself, or
	 * the version an evaluation, incident, approval or deployment points at); changes to
	 * shared entities such as datasets name none
	 */
	public record ResumeChanged(List<EntityRef> entities, List<EntityRef> versions, String actor, Instant at) {

		public ResumeChanged {
			entities = List.copyOf(entities);
			versions = List.copyOf(versions);
		}

	}

}
