package dev.aigov.registry;

import java.util.Map;
import java.util.Objects;

/**
 * One field of a résumé entity: its JSON name, the RDF predicate it is stored under, its
 * type, and whether it is required. Some fields also assert a standard super-property
 * (e.g. {@code prov:used}) so that plain PROV-O consumers read the graph without
 * inference.
 *
 * @param name JSON property name
 * @param predicate RDF predicate IRI
 * @param type value type
 * @param required whether a value must be given
 * @param target for references, the kind referred to
 * @param values for enumerations, JSON value to IRI
 * @param superPredicate a standard predicate also asserted for the same value, or null
 */
public record FieldSpec(String name, String predicate, FieldType type, boolean required, Kind target,
		Map<String, String> values, String superPredicate) {

	public FieldSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(predicate, "predicate");
		Objects.requireNonNull(type, "type");
		values = (values != null) ? Map.copyOf(values) : Map.of();
		if ((type == FieldType.REF || type == FieldType.REFS) && target == null) {
			throw new IllegalArgumentException(name + ": a reference needs a target kind");
		}
	}

	/** The JSON value for an enumeration IRI, or {@code null}. */
	public String valueFor(String iri) {
		return this.values.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(iri))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

}
