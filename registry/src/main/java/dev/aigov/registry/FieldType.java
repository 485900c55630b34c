package dev.aigov.registry;

/** The value types a résumé field can hold. */
public enum FieldType {

	/** A short string, at most 500 characters. */
	STRING,
	/** Free text, at most 20,000 characters. */
	TEXT,
	/** An absolute http(s) URL. */
	URL, BOOLEAN,
	/** A decimal number. */
	DECIMAL,
	/** An ISO-8601 date. */
	DATE,
	/** An ISO-8601 instant. */
	DATE_TIME,
	/** One of a fixed set of values, each stored as an IRI. */
	ENUM,
	/** An SPDX licence expression. */
	SPDX,
	/** A user name, stored as a PROV agent. */
	AGENT,
	/** The id of another entity of the target kind, which must exist. */
	REF,
	/** A list of ids of entities of the target kind, which must exist. */
	REFS,
	/** A list of strings. */
	STRINGS,
	/**
	 * Evaluation metrics: objects with {@code name}, {@code value} and an optional
	 * {@code slice}.
	 */
	METRICS,
	/**
	 * A JSON document (object or array) as text, at most 4,000,000 characters, stored as
	 * an {@code rdf:JSON} literal; for records whose content is JSON already.
	 */
	JSON

}
