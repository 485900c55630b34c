package dev.aigov.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a résumé entity: its kind and an id chosen by whoever registers it (a
 * readable slug such as {@code compas-risk-2}). The IRI is derived from both and never
 * changes.
 *
 * @param kind the entity's kind
 * @param id lower-case letters, digits, '.', '_' and '-'; 1 to 80 characters, starting
 * with a letter or digit
 */
public record EntityRef(Kind kind, String id) {

	/** Where every résumé IRI starts. */
	public static final String BASE = "https://aigov.dev/id/";

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

	public EntityRef {
		Objects.requireNonNull(kind, "kind");
		if (id == null || !ID.matcher(id).matches()) {
			throw new InvalidResumeException("id",
					"An id has 1 to 80 characters: lower-case letters, digits, '.', '_' or '-', "
							+ "starting with a letter or digit; got '" + id + "'.");
		}
	}

	public String iri() {
		return BASE + this.kind.segment() + "/" + this.id;
	}

	/**
	 * The reference for an IRI made by {@link #iri()}.
	 * @throws IllegalArgumentException if the IRI is not a résumé IRI
	 */
	public static EntityRef fromIri(String iri) {
		if (iri == null || !iri.startsWith(BASE)) {
			throw new IllegalArgumentException("Not a résumé IRI: " + iri);
		}
		String rest = iri.substring(BASE.length());
		int slash = rest.indexOf('/');
		if (slash < 0) {
			throw new IllegalArgumentException("Not a résumé IRI: " + iri);
		}
		return new EntityRef(Kind.fromSegment(rest.substring(0, slash)), rest.substring(slash + 1));
	}

	@Override
	public String toString() {
		return this.kind.segment() + "/" + this.id;
	}

}
