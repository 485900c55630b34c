package dev.aigov.registry;

import java.util.Map;

/**
 * What changed between two revisions of one entity, field by field.
 *
 * @param ref the entity
 * @param from the older revision
 * @param to the newer revision
 * @param changes field name to its old and new value ({@code null} when absent)
 */
public record RevisionDiff(EntityRef ref, RevisionInfo from, RevisionInfo to, Map<String, Change> changes) {

	/** One field's old and new value. */
	public record Change(Object before, Object after) {
	}

}
