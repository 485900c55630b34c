package dev.aigov.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The complete production résumé of one model version, as recorded at an instant: the
 * version, its model and AI system, base models and their ancestors, training runs and
 * datasets (with what they derive from), evaluations, approvals, deployments and
 * incidents.
 *
 * @param version the model version
 * @param asOf the instant it was read at ({@code null} for now)
 * @param entities every entity of the résumé, the version included
 */
public record Resume(EntityRef version, Instant asOf, Map<EntityRef, ResumeEntity> entities) {

	public Resume {
		entities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entities));
	}

	public ResumeEntity versionEntity() {
		return this.entities.get(this.version);
	}

	/** The entities of one kind, in the order they were found. */
	public List<ResumeEntity> all(Kind kind) {
		return this.entities.values().stream().filter((entity) -> entity.ref().kind() == kind).toList();
	}

	public Collection<ResumeEntity> all() {
		return this.entities.values();
	}

}
