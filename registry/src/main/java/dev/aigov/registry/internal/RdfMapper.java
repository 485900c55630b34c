package dev.aigov.registry.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.FieldSpec;
import dev.aigov.registry.FieldType;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeSchema;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;

/**
 * Maps an entity's JSON fields to RDF triples and back, driven by {@link ResumeSchema}.
 * Every problem is reported as an {@link InvalidResumeException} naming the field; a
 * model is only returned when all fields are valid.
 */
public final class RdfMapper {

	static final String METRIC = ResumeSchema.AIGOV + "Metric";

	static final String METRIC_NAME = ResumeSchema.AIGOV + "metricName";

	static final String METRIC_VALUE = ResumeSchema.AIGOV + "value";

	static final String METRIC_SLICE = ResumeSchema.AIGOV + "slice";

	private static final int MAX_STRING = 500;

	private static final int MAX_TEXT = 20_000;

	private static final int MAX_LIST = 1_000;

	private static final int MAX_JSON = 4_000_000;

	private static final org.apache.jena.datatypes.RDFDatatype RDF_JSON = org.apache.jena.datatypes.TypeMapper
		.getInstance()
		.getSafeTypeByName(RDF.getURI() + "JSON");

	private RdfMapper() {
	}

	/**
	 * Builds the RDF state of one entity.
	 * @param ref the entity
	 * @param fields its JSON fields ({@code id} and {@code kind} are ignored)
	 * @param exists tells whether a referenced entity exists
	 * @param allowManaged whether fields only the lifecycle may set are accepted
	 * @return the entity's triples
	 */
	public static Model toModel(EntityRef ref, Map<String, ?> fields, Predicate<EntityRef> exists,
			boolean allowManaged) {
		Map<String, FieldSpec> specs = ResumeSchema.fields(ref.kind());
		for (String name : fields.keySet()) {
			if (name.equals("id") || name.equals("kind")) {
				continue;
			}
			if (!specs.containsKey(name)) {
				throw new InvalidResumeException(name, "Unknown field '" + name + "' for a " + ref.kind().segment()
						+ "; known fields: " + String.join(", ", specs.keySet()) + ".");
			}
			if (!allowManaged && ResumeSchema.MANAGED_FIELDS.contains(name)) {
				throw new InvalidResumeException(name,
						"'" + name + "' is set by the approval workflow, not directly (use submit, approve, ...).");
			}
		}
		Model model = ModelFactory.createDefaultModel();
		Resource subject = model.createResource(ref.iri());
		for (String type : ResumeSchema.types(ref.kind())) {
			subject.addProperty(RDF.type, model.createResource(type));
		}
		for (FieldSpec spec : specs.values()) {
			Object value = fields.get(spec.name());
			if (value == null || (value instanceof Collection<?> list && list.isEmpty())) {
				if (spec.required()) {
					throw new InvalidResumeException(spec.name(),
							"'" + spec.name() + "' is required for a " + ref.kind().segment() + ".");
				}
				continue;
			}
			addField(model, subject, ref, spec, value, exists);
		}
		return model;
	}

	/**
	 * The entities that {@link #toModel} will ask {@code exists} about for these fields,
	 * so that a caller can look them all up at once beforehand. Values that are not valid
	 * references are skipped: {@code toModel} reports them.
	 * @param ref the entity
	 * @param fields its JSON fields
	 * @return the referenced entities, in field order
	 */
	public static Set<EntityRef> references(EntityRef ref, Map<String, ?> fields) {
		Set<EntityRef> refs = new LinkedHashSet<>();
		for (FieldSpec spec : ResumeSchema.fields(ref.kind()).values()) {
			Object value = fields.get(spec.name());
			if (spec.type() == FieldType.REF) {
				addReference(refs, spec.target(), value);
			}
			else if (spec.type() == FieldType.REFS && value instanceof Collection<?> items) {
				items.forEach((item) -> addReference(refs, spec.target(), item));
			}
		}
		return refs;
	}

	private static void addReference(Set<EntityRef> refs, Kind target, Object value) {
		if (value instanceof String text) {
			try {
				refs.add(new EntityRef(target, text.strip()));
			}
			catch (InvalidResumeException ex) {
				// not a reference: toModel says why
			}
		}
	}

	private static void addField(Model model, Resource subject, EntityRef ref, FieldSpec spec, Object value,
			Predicate<EntityRef> exists) {
		Property predicate = model.createProperty(spec.predicate());
		Property superPredicate = (spec.superPredicate() != null) ? model.createProperty(spec.superPredicate()) : null;
		for (RDFNode node : nodes(model, ref, spec, value, exists)) {
			subject.addProperty(predicate, node);
			if (superPredicate != null) {
				subject.addProperty(superPredicate, node);
			}
		}
	}

	private static List<RDFNode> nodes(Model model, EntityRef ref, FieldSpec spec, Object value,
			Predicate<EntityRef> exists) {
		String name = spec.name();
		return switch (spec.type()) {
			case STRING -> List.of(model.createLiteral(text(name, value, MAX_STRING)));
			case TEXT -> List.of(model.createLiteral(text(name, value, MAX_TEXT)));
			case URL -> List.of(model.createTypedLiteral(url(name, value), XSDDatatype.XSDanyURI));
			case BOOLEAN -> {
				if (!(value instanceof Boolean flag)) {
					throw invalid(name, "must be true or false");
				}
				yield List.of(model.createTypedLiteral(flag));
			}
			case DECIMAL -> List.of(model.createTypedLiteral(decimal(name, value)));
			case DATE -> List.of(model.createTypedLiteral(date(name, value).toString(), XSDDatatype.XSDdate));
			case DATE_TIME ->
				List.of(model.createTypedLiteral(instant(name, value).toString(), XSDDatatype.XSDdateTime));
			case ENUM -> {
				String iri = spec.values().get(text(name, value, MAX_STRING));
				if (iri == null) {
					throw invalid(name, "must be one of " + spec.values().keySet());
				}
				yield List.of(model.createResource(iri));
			}
			case SPDX -> {
				try {
					yield List.of(model.createLiteral(SpdxExpression.validate(text(name, value, MAX_STRING))));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidResumeException(name, ex.getMessage());
				}
			}
			case AGENT -> List.of(model.createResource(Actor.agentIri(text(name, value, 64))));
			case REF -> List.of(model.createResource(reference(name, spec.target(), value, exists).iri()));
			case REFS -> {
				List<RDFNode> nodes = new ArrayList<>();
				for (Object item : list(name, value)) {
					nodes.add(model.createResource(reference(name, spec.target(), item, exists).iri()));
				}
				yield nodes;
			}
			case STRINGS -> {
				List<RDFNode> nodes = new ArrayList<>();
				for (Object item : list(name, value)) {
					nodes.add(model.createLiteral(text(name, item, MAX_STRING)));
				}
				yield nodes;
			}
			case METRICS -> metrics(model, ref, name, value);
			case JSON -> List.of(model.createTypedLiteral(json(name, value), RDF_JSON));
		};
	}

	private static List<RDFNode> metrics(Model model, EntityRef ref, String name, Object value) {
		List<RDFNode> nodes = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		int index = 0;
		for (Object item : list(name, value)) {
			String where = name + "[" + index + "]";
			if (!(item instanceof Map<?, ?> metric)) {
				throw invalid(where, "must be an object with 'name', 'value' and optionally 'slice'");
			}
			for (Object key : metric.keySet()) {
				if (!Set.of("name", "value", "slice").contains(String.valueOf(key))) {
					throw invalid(where + "." + key, "is not a metric field (name, value, slice)");
				}
			}
			String metricName = text(where + ".name", metric.get("name"), MAX_STRING);
			BigDecimal metricValue = decimal(where + ".value", metric.get("value"));
			String slice = (metric.get("slice") != null) ? text(where + ".slice", metric.get("slice"), MAX_STRING)
					: null;
			if (!seen.add(metricName + "\u0000" + slice)) {
				throw invalid(where,
						"repeats metric '" + metricName + "'" + ((slice != null) ? " for slice '" + slice + "'" : ""));
			}
			Resource node = model.createResource(ref.iri() + "/metric/" + index);
			node.addProperty(RDF.type, model.createResource(METRIC));
			node.addProperty(model.createProperty(METRIC_NAME), metricName);
			node.addLiteral(model.createProperty(METRIC_VALUE), model.createTypedLiteral(metricValue));
			if (slice != null) {
				node.addProperty(model.createProperty(METRIC_SLICE), slice);
			}
			nodes.add(node);
			index++;
		}
		return nodes;
	}

	/**
	 * Reads an entity's JSON fields from its RDF state.
	 * @param ref the entity
	 * @param model its triples (as stored in one revision)
	 * @return field name to value: strings, booleans, numbers, lists and metric maps
	 */
	public static Map<String, Object> fromModel(EntityRef ref, Model model) {
		Map<String, Object> fields = new LinkedHashMap<>();
		Resource subject = model.getResource(ref.iri());
		for (FieldSpec spec : ResumeSchema.fields(ref.kind()).values()) {
			List<Statement> statements = new ArrayList<>(
					subject.listProperties(model.getProperty(spec.predicate())).toList());
			if (statements.isEmpty()) {
				continue;
			}
			if (spec.type() == FieldType.METRICS) {
				// Metrics keep the order they were given in: their IRIs end in that
				// index.
				statements.sort(java.util.Comparator.comparingInt((Statement statement) -> metricIndex(statement)));
			}
			List<Object> values = new ArrayList<>();
			for (Statement statement : statements) {
				values.add(value(spec, statement.getObject(), model));
			}
			boolean many = spec.type() == FieldType.REFS || spec.type() == FieldType.STRINGS
					|| spec.type() == FieldType.METRICS;
			if (many) {
				if (spec.type() != FieldType.METRICS) {
					values.sort(java.util.Comparator.comparing(String::valueOf));
				}
				fields.put(spec.name(), values);
			}
			else {
				fields.put(spec.name(), values.get(0));
			}
		}
		return fields;
	}

	private static Object value(FieldSpec spec, RDFNode node, Model model) {
		return switch (spec.type()) {
			case BOOLEAN -> node.asLiteral().getBoolean();
			case DECIMAL -> new BigDecimal(node.asLiteral().getLexicalForm());
			case ENUM -> spec.valueFor(node.asResource().getURI());
			case AGENT -> agentName(node.asResource().getURI());
			case REF, REFS -> EntityRef.fromIri(node.asResource().getURI()).id();
			case METRICS -> {
				Resource metric = node.asResource();
				Map<String, Object> values = new LinkedHashMap<>();
				values.put("name", metric.getProperty(model.getProperty(METRIC_NAME)).getString());
				values.put("value", new BigDecimal(
						metric.getProperty(model.getProperty(METRIC_VALUE)).getLiteral().getLexicalForm()));
				Statement slice = metric.getProperty(model.getProperty(METRIC_SLICE));
				if (slice != null) {
					values.put("slice", slice.getString());
				}
				yield values;
			}
			default -> ((Literal) node).getLexicalForm();
		};
	}

	private static int metricIndex(Statement statement) {
		String uri = statement.getResource().getURI();
		return Integer.parseInt(uri.substring(uri.lastIndexOf('/') + 1));
	}

	/** The user name in an agent IRI. */
	public static String agentName(String iri) {
		String prefix = EntityRef.BASE + "agent/";
		return java.net.URLDecoder.decode(iri.substring(prefix.length()), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static EntityRef reference(String name, Kind target, Object value, Predicate<EntityRef> exists) {
		String id = text(name, value, 80);
		EntityRef ref;
		try {
			ref = new EntityRef(target, id);
		}
		catch (InvalidResumeException ex) {
			throw invalid(name, "'" + id + "' is not a valid " + target.segment() + " id");
		}
		if (!exists.test(ref)) {
			throw invalid(name, "refers to " + target.segment() + " '" + id + "', which does not exist");
		}
		return ref;
	}

	private static String text(String name, Object value, int max) {
		if (!(value instanceof String text)) {
			throw invalid(name, "must be a string");
		}
		String stripped = text.strip();
		if (stripped.isEmpty()) {
			throw invalid(name, "must not be blank");
		}
		if (stripped.length() > max) {
			throw invalid(name, "is longer than " + max + " characters");
		}
		return stripped;
	}

	private static String json(String name, Object value) {
		String text = text(name, value, MAX_JSON);
		if (!text.startsWith("{") && !text.startsWith("[")) {
			throw invalid(name, "must be a JSON object or array");
		}
		try {
			org.apache.jena.atlas.json.JSON.parseAny(text);
		}
		catch (RuntimeException ex) {
			throw invalid(name, "is not valid JSON (" + ex.getMessage() + ")");
		}
		return text;
	}

	private static String url(String name, Object value) {
		String text = text(name, value, 2_000);
		try {
			URI uri = new URI(text);
			if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				return text;
			}
		}
		catch (java.net.URISyntaxException ex) {
			// fall through to the error below
		}
		throw invalid(name, "must be an absolute http(s) URL");
	}

	private static BigDecimal decimal(String name, Object value) {
		if (value instanceof Number number && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
			return new BigDecimal(number.toString());
		}
		throw invalid(name, "must be a number");
	}

	private static LocalDate date(String name, Object value) {
		try {
			return LocalDate.parse(text(name, value, 10));
		}
		catch (DateTimeParseException ex) {
			throw invalid(name, "must be a date like 2026-12-31");
		}
	}

	private static Instant instant(String name, Object value) {
		try {
			return Instant.parse(text(name, value, 40));
		}
		catch (DateTimeParseException ex) {
			throw invalid(name, "must be an instant like 2026-11-23T10:15:30Z");
		}
	}

	private static Collection<?> list(String name, Object value) {
		if (!(value instanceof Collection<?> list)) {
			throw invalid(name, "must be a list");
		}
		if (list.size() > MAX_LIST) {
			throw invalid(name, "has more than " + MAX_LIST + " entries");
		}
		return list;
	}

	private static InvalidResumeException invalid(String name, String problem) {
		return new InvalidResumeException(name, "'" + name + "' " + problem + ".");
	}

}
