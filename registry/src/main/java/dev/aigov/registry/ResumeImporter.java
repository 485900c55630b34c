package dev.aigov.registry;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.registry.internal.Parallel;
import dev.aigov.registry.internal.RdfMapper;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.vocabulary.RDF;

import org.springframework.stereotype.Service;

/**
 * Imports résumé entities from Turtle, JSON-LD or N-Quads, as exported by the appliance
 * or written by hand with its vocabulary. Every entity becomes a new revision, all in one
 * atomic write: a file with one bad triple records nothing. Approvals and deployments are
 * refused (only the workflow records them) and lifecycle fields are ignored, so an import
 * can never forge a decision.
 */
@Service
public class ResumeImporter {

	/** Imports larger than this are refused before parsing. */
	public static final int MAX_BYTES = 32 * 1024 * 1024;

	private final RegistryService registry;

	public ResumeImporter(RegistryService registry) {
		this.registry = registry;
	}

	/**
	 * Imports a document.
	 * @param content the document
	 * @param format {@code turtle}, {@code jsonld} or {@code nquads}
	 * @param actor who imports
	 * @return the entities as recorded
	 * @throws InvalidResumeException with the line for syntax errors, or the entity and
	 * property that is not acceptable
	 */
	public List<ResumeEntity> importDocument(byte[] content, String format, Actor actor) {
		Map<EntityRef, Map<String, Object>> entities = entities(content, format);
		List<RegistryService.PendingChange> changes = new ArrayList<>();
		// One read for the whole document rather than two per entity.
		Map<EntityRef, ResumeEntity> existing = this.registry.getExisting(entities.keySet());
		for (Map.Entry<EntityRef, Map<String, Object>> entity : entities.entrySet()) {
			EntityRef ref = entity.getKey();
			Map<String, Object> fields = entity.getValue();
			int previous = 0;
			ResumeEntity current = existing.get(ref);
			if (current != null) {
				previous = current.revision().number();
				if (RegistryService.IMMUTABLE_KINDS.contains(ref.kind())) {
					throw new ResumeConflictException("A recorded " + ref.kind().segment() + " can never be changed.");
				}
				if (ref.kind() == Kind.MODEL_VERSION) {
					Object state = current.fields().get("lifecycleState");
					if (!RegistryService.EDITABLE_STATES.contains(state)) {
						throw new ResumeConflictException(ref + " is " + state + "; its content is frozen.");
					}
				}
				for (String managed : ResumeSchema.MANAGED_FIELDS) {
					if (current.fields().containsKey(managed)) {
						fields.put(managed, current.fields().get(managed));
					}
				}
			}
			else if (ref.kind() == Kind.MODEL_VERSION) {
				fields.put("lifecycleState", "draft");
			}
			changes.add(new RegistryService.PendingChange(ref, fields, previous));
		}
		return this.registry.record(changes, actor);
	}

	/**
	 * Reads a document as one model version's résumé without recording anything: for
	 * policy fixtures and previews. The entities carry no revision, and a model version
	 * is in {@code draft}.
	 * @param content the document, holding exactly one model version
	 * @param format {@code turtle}, {@code jsonld} or {@code nquads}
	 * @return the résumé of that version, made of every entity in the document
	 * @throws InvalidResumeException as {@link #importDocument} does, or if the document
	 * does not hold exactly one model version
	 */
	public static Resume readDocument(byte[] content, String format) {
		Map<EntityRef, Map<String, Object>> entities = entities(content, format);
		List<EntityRef> versions = entities.keySet()
			.stream()
			.filter((ref) -> ref.kind() == Kind.MODEL_VERSION)
			.toList();
		if (versions.size() != 1) {
			throw new InvalidResumeException("body",
					"The document must hold exactly one model version; it holds " + versions.size() + ".");
		}
		Map<EntityRef, ResumeEntity> resume = new LinkedHashMap<>();
		entities.forEach((ref, fields) -> {
			if (ref.kind() == Kind.MODEL_VERSION) {
				fields.put("lifecycleState", "draft");
			}
			resume.put(ref, new ResumeEntity(ref, null, fields));
		});
		return new Resume(versions.get(0), null, resume);
	}

	private static Map<EntityRef, Map<String, Object>> entities(byte[] content, String format) {
		if (content.length > MAX_BYTES) {
			throw new InvalidResumeException("body",
					"The document is larger than " + MAX_BYTES / (1024 * 1024) + " MiB; import it in parts.");
		}
		Model model = parse(content, format);
		Map<EntityRef, Map<String, Object>> entities = new LinkedHashMap<>();
		Set<Resource> accounted = new HashSet<>();
		Set<Resource> typed = new java.util.LinkedHashSet<>();
		for (Kind kind : Kind.values()) {
			typed.addAll(model.listSubjectsWithProperty(RDF.type, model.createResource(ResumeSchema.types(kind).get(0)))
				.toList());
		}
		// Entity by entity, on every core for a large document; the first entity (in the
		// order they are read from the parsed document) that is not acceptable is the one
		// reported, as by a loop.
		Property metricProperty = model.createProperty(ResumeSchema.AIGOV + "metric");
		List<Read> reads = Parallel.map(List.copyOf(typed), (subject) -> read(model, subject, metricProperty));
		for (Read read : reads) {
			entities.put(read.ref(), read.fields());
			accounted.add(read.subject());
			accounted.addAll(read.metrics());
		}
		for (Resource subject : model.listSubjects().toList()) {
			if (!accounted.contains(subject)) {
				throw new InvalidResumeException(String.valueOf(subject),
						"'" + subject + "' has no résumé type the appliance knows (e.g. aigov:ModelVersion); "
								+ "nothing was imported.");
			}
		}
		if (entities.isEmpty()) {
			throw new InvalidResumeException("body", "The document holds no résumé entity.");
		}
		return entities;
	}

	/** Checks one typed subject of a parsed document and reads its fields. */
	private static Read read(Model model, Resource subject, Property metricProperty) {
		EntityRef ref = refOf(subject);
		Kind kind = ref.kind();
		if (!subject.hasProperty(RDF.type, model.createResource(ResumeSchema.types(kind).get(0)))) {
			throw new InvalidResumeException(kind.segment(), "'" + subject.getURI() + "' names a " + kind.segment()
					+ " but is not typed <" + ResumeSchema.types(kind).get(0) + ">.");
		}
		if (RegistryService.WORKFLOW_KINDS.contains(kind)) {
			throw new InvalidResumeException(kind.segment(), "A " + kind.segment() + " (" + ref.id()
					+ ") cannot be imported: only " + RegistryService.recorder(kind) + " records it.");
		}
		checkProperties(model, subject, ref);
		Map<String, Object> fields = new LinkedHashMap<>(RdfMapper.fromModel(ref, model));
		ResumeSchema.MANAGED_FIELDS.forEach(fields::remove);
		List<Resource> metrics = new ArrayList<>();
		subject.listProperties(metricProperty).forEach((metric) -> metrics.add(metric.getResource()));
		return new Read(ref, subject, fields, metrics);
	}

	/** One entity read from a document: its fields, and the resources it accounts for. */
	private record Read(EntityRef ref, Resource subject, Map<String, Object> fields, List<Resource> metrics) {
	}

	private static Model parse(byte[] content, String format) {
		Lang lang = switch (format) {
			case "turtle" -> Lang.TURTLE;
			case "jsonld" -> Lang.JSONLD;
			case "nquads" -> Lang.NQUADS;
			default -> throw new InvalidResumeException("format",
					"Unknown format '" + format + "'; use turtle, jsonld or nquads.");
		};
		try {
			if (lang == Lang.NQUADS) {
				Dataset dataset = DatasetFactory.create();
				RDFParser.create().source(new ByteArrayInputStream(content)).lang(lang).parse(dataset);
				Model union = dataset.getUnionModel();
				Model copy = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
				copy.add(union);
				copy.add(dataset.getDefaultModel());
				return copy;
			}
			Model model = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
			RDFParser.create().source(new ByteArrayInputStream(content)).lang(lang).parse(model);
			return model;
		}
		catch (RiotException ex) {
			String message = ex.getMessage();
			Long line = null;
			java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("line: (\\d+)").matcher(message);
			if (matcher.find()) {
				line = Long.parseLong(matcher.group(1));
			}
			throw new InvalidResumeException("body", line, "Not valid " + format + ": " + message);
		}
	}

	private static EntityRef refOf(Resource subject) {
		if (!subject.isURIResource()) {
			throw new InvalidResumeException("body",
					"Every résumé entity needs an IRI like " + EntityRef.BASE + "model-version/<id>.");
		}
		try {
			return EntityRef.fromIri(subject.getURI());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidResumeException("body",
					"'" + subject.getURI() + "' is not a résumé IRI; use " + EntityRef.BASE + "<kind>/<id>.");
		}
	}

	/**
	 * Only the schema's predicates, their PROV super-properties and rdf:type are
	 * accepted.
	 */
	private static void checkProperties(Model model, Resource subject, EntityRef ref) {
		Set<String> allowed = new HashSet<>();
		allowed.add(RDF.type.getURI());
		for (FieldSpec spec : ResumeSchema.fields(ref.kind()).values()) {
			allowed.add(spec.predicate());
			if (spec.superPredicate() != null) {
				allowed.add(spec.superPredicate());
			}
		}
		for (Statement statement : subject.listProperties().toList()) {
			Property predicate = statement.getPredicate();
			if (!allowed.contains(predicate.getURI())) {
				throw new InvalidResumeException(predicate.getURI(), "'" + predicate.getURI()
						+ "' is not a property of a " + ref.kind().segment() + " (" + ref.id() + ").");
			}
		}
	}

}
