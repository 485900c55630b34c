package dev.aigov.registry;

import java.util.Map;

/**
 * An entity of the résumé as recorded at one revision.
 *
 * @param ref which entity
 * @param revision the revision shown
 * @param fields its fields, as JSON values
 */
public record ResumeEntity(EntityRef ref, RevisionInfo revision, Map<String, Object> fields) {

	public ResumeEntity {
		fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
	}

	/** A field as a string, or {@code null}. */
	public String text(String field) {
		Object value = this.fields.get(field);
		return (value != null) ? value.toString() : null;
	}

}
