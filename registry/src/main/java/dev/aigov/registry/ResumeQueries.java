package dev.aigov.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.internal.RevisionStore;
import org.apache.jena.query.ParameterizedSparqlString;

import org.springframework.stereotype.Service;

/**
 * The questions a compliance officer asks of the registry: what a version was made from
 * (its lineage), what depends on a dataset, base model or licence (impact), and where
 * personal data is used without a recorded legal basis. Queries over the present run on
 * the current graph; lineage can be read as of any instant.
 */
@Service
public class ResumeQueries {

	private static final String PREFIXES = """
			PREFIX aigov: <https://aigov.dev/ns#>
			PREFIX dpv: <https://w3id.org/dpv#>
			""";

	/**
	 * How a model version depends on a dataset version: trained on it or on something
	 * derived from it.
	 */
	private static final String DEPENDS_ON_DATASET = "(aigov:previousVersion*/aigov:trainingRun/aigov:trainedOn/aigov:derivedFromDataset*)";

	/**
	 * How a model version depends on a base model: directly, through its run, or through
	 * ancestors.
	 */
	private static final String DEPENDS_ON_BASE_MODEL = "(aigov:previousVersion*/(aigov:baseModel|aigov:trainingRun/aigov:startedFrom)/aigov:ancestor*)";

	private final GraphStore store;

	private final ResumeReader reader;

	public ResumeQueries(GraphStores stores, ResumeReader reader) {
		this.store = stores.store(GraphStores.LINEAGE);
		this.reader = reader;
	}

	/**
	 * The lineage of a model version as nodes and edges: every entity of its résumé and
	 * every reference between them, now or as of an instant.
	 */
	public Lineage lineage(String versionId, Instant asOf) {
		Resume resume = this.reader.read(versionId, asOf);
		List<Lineage.Node> nodes = new ArrayList<>();
		List<Lineage.Edge> edges = new ArrayList<>();
		for (ResumeEntity entity : resume.all()) {
			nodes.add(new Lineage.Node(entity.ref().toString(), entity.ref().kind().segment(), entity.ref().id(),
					label(entity)));
			for (FieldSpec spec : ResumeSchema.fields(entity.ref().kind()).values()) {
				Object value = entity.fields().get(spec.name());
				List<Object> targets = (spec.type() == FieldType.REF && value != null) ? List.of(value)
						: (spec.type() == FieldType.REFS && value instanceof List<?> list) ? new ArrayList<>(list)
								: List.of();
				for (Object target : targets) {
					EntityRef to = new EntityRef(spec.target(), target.toString());
					if (resume.entities().containsKey(to)) {
						edges.add(new Lineage.Edge(entity.ref().toString(), spec.name(), to.toString()));
					}
				}
			}
		}
		return new Lineage(versionId, asOf, nodes, edges);
	}

	/**
	 * Everything that depends, even indirectly, on a dataset version or base model: the
	 * model versions built from it and their deployments.
	 */
	public Impact impact(EntityRef source) {
		String path = switch (source.kind()) {
			case DATASET_VERSION -> DEPENDS_ON_DATASET;
			case BASE_MODEL -> DEPENDS_ON_BASE_MODEL;
			default -> throw new InvalidResumeException("kind",
					"Impact is computed for dataset versions and base models, not for a " + source.kind().segment()
							+ ".");
		};
		if (!exists(source)) {
			throw new ResumeNotFoundException(source,
					"No " + source.kind().segment() + " with id '" + source.id() + "'.");
		}
		return impact(List.of(source), path);
	}

	/**
	 * Everything that depends on a dataset version or base model whose licence expression
	 * names the given SPDX licence id (e.g. {@code CC-BY-NC-4.0}).
	 */
	public Impact impactOfLicence(String licenceId) {
		if (licenceId == null || !licenceId.matches("[A-Za-z0-9.+:-]{1,100}")) {
			throw new InvalidResumeException("licence", "'licence' must be an SPDX licence id such as CC-BY-NC-4.0.");
		}
		ParameterizedSparqlString query = new ParameterizedSparqlString(PREFIXES + """
				SELECT ?source WHERE { GRAPH ?cur {
				  ?source aigov:licenseExpression ?expression .
				  FILTER(REGEX(?expression, ?pattern))
				} }""");
		query.setIri("cur", RevisionStore.CURRENT);
		// Only letters, digits and . + : - can occur (checked above); . and + need
		// escaping.
		query.setLiteral("pattern", "(^|[\\s(])" + licenceId.replace(".", "\\.").replace("+", "\\+") + "($|[\\s)+])");
		List<EntityRef> sources = refs(query, "source");
		List<EntityRef> datasets = sources.stream().filter((ref) -> ref.kind() == Kind.DATASET_VERSION).toList();
		List<EntityRef> bases = sources.stream().filter((ref) -> ref.kind() == Kind.BASE_MODEL).toList();
		Impact fromDatasets = impact(datasets, DEPENDS_ON_DATASET);
		Impact fromBases = impact(bases, DEPENDS_ON_BASE_MODEL);
		Set<String> versions = new LinkedHashSet<>(fromDatasets.modelVersions());
		versions.addAll(fromBases.modelVersions());
		Set<String> deployments = new LinkedHashSet<>(fromDatasets.deployments());
		deployments.addAll(fromBases.deployments());
		return new Impact(sources.stream().map(EntityRef::toString).toList(), List.copyOf(versions),
				List.copyOf(deployments));
	}

	/**
	 * Dataset versions that contain personal data but record no legal basis, with the
	 * model versions trained on them (directly or through derived data).
	 * @return dataset version id to the ids of the model versions using it
	 */
	public Map<String, List<String>> personalDataWithoutLegalBasis() {
		ParameterizedSparqlString query = new ParameterizedSparqlString(PREFIXES + """
				SELECT ?data ?version WHERE { GRAPH ?cur {
				  ?data aigov:containsPersonalData true .
				  FILTER NOT EXISTS { ?data dpv:hasLegalBasis ?basis }
				  OPTIONAL { ?version a aigov:ModelVersion ; %s ?data . }
				} } ORDER BY ?data ?version""".formatted(DEPENDS_ON_DATASET));
		query.setIri("cur", RevisionStore.CURRENT);
		return this.store.read((connection) -> {
			Map<String, List<String>> result = new LinkedHashMap<>();
			connection.querySelect(query.asQuery(), (row) -> {
				List<String> versions = result.computeIfAbsent(EntityRef.fromIri(row.getResource("data").getURI()).id(),
						(key) -> new ArrayList<>());
				if (row.contains("version")) {
					versions.add(EntityRef.fromIri(row.getResource("version").getURI()).id());
				}
			});
			return result;
		});
	}

	private Impact impact(List<EntityRef> sources, String path) {
		if (sources.isEmpty()) {
			return new Impact(List.of(), List.of(), List.of());
		}
		String values = String.join(" ", sources.stream().map((ref) -> "<" + ref.iri() + ">").toList());
		ParameterizedSparqlString query = new ParameterizedSparqlString(PREFIXES + """
				SELECT DISTINCT ?version ?deployment WHERE { GRAPH ?cur {
				  VALUES ?source { %s }
				  ?version a aigov:ModelVersion ; %s ?source .
				  OPTIONAL { ?deployment aigov:deploys ?version }
				} } ORDER BY ?version ?deployment""".formatted(values, path));
		query.setIri("cur", RevisionStore.CURRENT);
		return this.store.read((connection) -> {
			Set<String> versions = new LinkedHashSet<>();
			Set<String> deployments = new LinkedHashSet<>();
			connection.querySelect(query.asQuery(), (row) -> {
				versions.add(EntityRef.fromIri(row.getResource("version").getURI()).id());
				if (row.contains("deployment")) {
					deployments.add(EntityRef.fromIri(row.getResource("deployment").getURI()).id());
				}
			});
			return new Impact(sources.stream().map(EntityRef::toString).toList(), List.copyOf(versions),
					List.copyOf(deployments));
		});
	}

	private boolean exists(EntityRef ref) {
		ParameterizedSparqlString ask = new ParameterizedSparqlString("ASK { GRAPH ?cur { ?e ?p ?o } }");
		ask.setIri("cur", RevisionStore.CURRENT);
		ask.setIri("e", ref.iri());
		return this.store.read((connection) -> connection.queryAsk(ask.asQuery()));
	}

	private List<EntityRef> refs(ParameterizedSparqlString query, String variable) {
		return this.store.read((connection) -> {
			List<EntityRef> refs = new ArrayList<>();
			connection.querySelect(query.asQuery(),
					(row) -> refs.add(EntityRef.fromIri(row.getResource(variable).getURI())));
			return refs;
		});
	}

	private static String label(ResumeEntity entity) {
		for (String field : List.of("name", "title", "version", "evaluationKind", "decision", "environment")) {
			Object value = entity.fields().get(field);
			if (value != null) {
				return (field.equals("version") ? "v" : "") + value;
			}
		}
		return entity.ref().id();
	}

	/**
	 * A lineage graph.
	 *
	 * @param modelVersion the version it was drawn for
	 * @param asOf the instant, or {@code null} for now
	 * @param nodes one per entity
	 * @param edges one per reference, labelled with the field
	 */
	public record Lineage(String modelVersion, Instant asOf, List<Node> nodes, List<Edge> edges) {

		public record Node(String ref, String kind, String id, String label) {
		}

		public record Edge(String from, String relation, String to) {
		}

	}

	/**
	 * What depends on a source.
	 *
	 * @param sources the dataset versions and base models considered
	 * @param modelVersions ids of the model versions that depend on them
	 * @param deployments ids of those versions' deployments
	 */
	public record Impact(List<String> sources, List<String> modelVersions, List<String> deployments) {
	}

}
