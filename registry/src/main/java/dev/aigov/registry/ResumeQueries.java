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
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

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
	 * How a model version ({@code ?version}) depends on a dataset version
	 * ({@code ?%1$s}): trained on it or on something derived from it, that is
	 * {@code ?version (aigov:previousVersion* / aigov:trainingRun / aigov:trainedOn /
	 * aigov:derivedFromDataset*) ?source}. Written as steps from the source back to the
	 * versions, because ARQ evaluates a property path in the order written: starting from
	 * the source visits only what depends on it, starting from every model version visits
	 * the whole registry. The steps bind the same intermediate nodes as the path would,
	 * so solutions (and their multiplicity) are the same.
	 */
	private static final String DEPENDS_ON_DATASET = """
			?dependsData aigov:derivedFromDataset* ?%1$s .
			?dependsRun aigov:trainedOn ?dependsData .
			?dependsVersion aigov:trainingRun ?dependsRun .
			?version aigov:previousVersion* ?dependsVersion .
			?version a aigov:ModelVersion .
			""";

	/**
	 * How a model version depends on a base model ({@code ?%1$s}): directly, through its
	 * run, or through ancestors, that is {@code ?version (aigov:previousVersion* /
	 * (aigov:baseModel | aigov:trainingRun / aigov:startedFrom) / aigov:ancestor*)
	 * ?source}, written from the source as above.
	 */
	private static final String DEPENDS_ON_BASE_MODEL = """
			?dependsBase aigov:ancestor* ?%1$s .
			{ ?dependsVersion aigov:baseModel ?dependsBase }
			UNION
			{ ?dependsRun aigov:startedFrom ?dependsBase . ?dependsVersion aigov:trainingRun ?dependsRun }
			?version aigov:previousVersion* ?dependsVersion .
			?version a aigov:ModelVersion .
			""";

	private static final Query IMPACT_OF_DATASETS = impactQuery(DEPENDS_ON_DATASET);

	private static final Query IMPACT_OF_BASE_MODELS = impactQuery(DEPENDS_ON_BASE_MODEL);

	private static final Query EXISTS = QueryFactory
		.create("ASK { GRAPH <" + RevisionStore.CURRENT + "> { ?e ?p ?o } }");

	private static final Var SOURCE = Var.alloc("source");

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
		Query query = switch (source.kind()) {
			case DATASET_VERSION -> IMPACT_OF_DATASETS;
			case BASE_MODEL -> IMPACT_OF_BASE_MODELS;
			default -> throw new InvalidResumeException("kind",
					"Impact is computed for dataset versions and base models, not for a " + source.kind().segment()
							+ ".");
		};
		Impact impact = this.store.read((connection) -> {
			Query exists = QueryTransformOps.replaceVars(EXISTS,
					Map.of(Var.alloc("e"), NodeFactory.createURI(source.iri())));
			return connection.queryAsk(exists) ? impact(connection, List.of(source), query) : null;
		});
		if (impact == null) {
			throw new ResumeNotFoundException(source,
					"No " + source.kind().segment() + " with id '" + source.id() + "'.");
		}
		return impact;
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
		Impact fromDatasets = this.store.read((connection) -> impact(connection, datasets, IMPACT_OF_DATASETS));
		Impact fromBases = this.store.read((connection) -> impact(connection, bases, IMPACT_OF_BASE_MODELS));
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
				  OPTIONAL { %s }
				} } ORDER BY ?data ?version""".formatted(DEPENDS_ON_DATASET.formatted("data")));
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

	private static Query impactQuery(String dependsOn) {
		return QueryFactory.create(PREFIXES + """
				SELECT DISTINCT ?version ?deployment WHERE { GRAPH <%s> {
				  %s
				  OPTIONAL { ?deployment aigov:deploys ?version }
				} } ORDER BY ?version ?deployment""".formatted(RevisionStore.CURRENT, dependsOn.formatted("source")));
	}

	/** Runs an impact query for the sources, given in its trailing {@code VALUES}. */
	private static Impact impact(RDFConnection connection, List<EntityRef> sources, Query template) {
		if (sources.isEmpty()) {
			return new Impact(List.of(), List.of(), List.of());
		}
		Query query = template.cloneQuery();
		query.setValuesDataBlock(List.of(SOURCE),
				sources.stream()
					.map((ref) -> BindingFactory.binding(SOURCE, NodeFactory.createURI(ref.iri())))
					.toList());
		Set<String> versions = new LinkedHashSet<>();
		Set<String> deployments = new LinkedHashSet<>();
		connection.querySelect(query, (row) -> {
			versions.add(EntityRef.fromIri(row.getResource("version").getURI()).id());
			if (row.contains("deployment")) {
				deployments.add(EntityRef.fromIri(row.getResource("deployment").getURI()).id());
			}
		});
		return new Impact(sources.stream().map(EntityRef::toString).toList(), List.copyOf(versions),
				List.copyOf(deployments));
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
