package dev.aigov.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.aigov.lineage.GraphStore;
import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeSchema;
import dev.aigov.registry.RevisionInfo;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformer;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.vocabulary.RDF;

/**
 * Revisions as immutable named graphs. The revisions graph describes each revision of an
 * entity (number, time, author, predecessor, snapshot graph). The current graph holds
 * every entity's latest state, so queries over the present need not look at history; the
 * atomic update that appends a revision moves the state it supersedes from the current
 * graph into that revision's snapshot graph, which never changes again (ADR 014: a latest
 * state is stored once, not twice).
 * <p>
 * Reads go through {@link #read(Function)}: one read of the graph store (one consistent
 * snapshot on TDB2) in which any number of lookups run, each for many entities at once
 * ({@code VALUES}), with queries parsed once when this class loads.
 */
public final class RevisionStore {

	public static final String CURRENT = "https://aigov.dev/graph/current";

	public static final String REVISIONS = "https://aigov.dev/graph/revisions";

	public static final String SNAPSHOT = "https://aigov.dev/graph/snapshot/";

	/**
	 * Entities per {@code VALUES} block: large lookups are split so that no single
	 * request to a remote endpoint grows without bound.
	 */
	private static final int CHUNK = 1_000;

	private static final String PREFIXES = """
			PREFIX aigov: <https://aigov.dev/ns#>
			PREFIX prov: <http://www.w3.org/ns/prov#>
			PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
			""";

	private static final String REVISION_PATTERN = """
			SELECT ?e ?n ?t ?who ?snap WHERE { GRAPH <https://aigov.dev/graph/revisions> {
			  ?r aigov:revisionOf ?e ; aigov:revisionNumber ?n ; prov:generatedAtTime ?t ;
			     prov:wasAttributedTo ?who ; aigov:snapshot ?snap .
			  %s
			} }""";

	/** Every revision of the entities in the {@code VALUES} block. */
	private static final Query REVISION_ROWS = QueryFactory.create(PREFIXES + REVISION_PATTERN.formatted(""));

	/** The revisions recorded at or before {@code ?asOf}. */
	private static final Query REVISION_ROWS_AS_OF = QueryFactory
		.create(PREFIXES + REVISION_PATTERN.formatted("FILTER(?t <= ?asOf)"));

	/** The revision numbered {@code ?number}. */
	private static final Query REVISION_ROWS_NUMBERED = QueryFactory
		.create(PREFIXES + REVISION_PATTERN.formatted("FILTER(?n = ?number)"));

	/**
	 * The state of each revision in the {@code VALUES} blocks ({@code ?e} the entity,
	 * {@code ?g} its revision's snapshot graph): the snapshot graph's triples once a
	 * later revision has superseded it, and while it is the latest, the entity's triples
	 * and its metrics' in the current graph (ADR 014). One query, so that a remote store
	 * answers it from one state: a write between two queries could otherwise attribute
	 * the next revision's state to this one. Stores written before ADR 014 also hold the
	 * latest state in its snapshot graph; the branches then give the same triples twice.
	 * <p>
	 * Each branch starts with its own {@code VALUES} block so that Jena evaluates the
	 * branch once per row with the row's constants (one block for the whole union would
	 * make it evaluate the union unbound first), and the "no later revision" filter sits
	 * inside the revisions pattern, so it runs once per entity, not once per triple.
	 */
	private static final Query SNAPSHOT_TRIPLES = QueryFactory.create(PREFIXES + """
			SELECT ?e ?g ?s ?p ?o WHERE {
			  { VALUES (?e ?g) { } GRAPH ?g { ?s ?p ?o } }
			  UNION
			  { VALUES (?e ?g) { } GRAPH <https://aigov.dev/graph/revisions> {
			      ?r aigov:snapshot ?g FILTER NOT EXISTS { ?later prov:wasRevisionOf ?r } }
			    GRAPH <https://aigov.dev/graph/current> { { ?e ?p ?o } UNION { ?e aigov:metric ?s . ?s ?p ?o } } }
			}""");

	/** Which of the entities in the {@code VALUES} block have their type now. */
	private static final Query CURRENT_TYPES = QueryFactory
		.create("SELECT ?e WHERE { GRAPH <https://aigov.dev/graph/current> { ?e a ?t } }");

	private static final Query REVISION_LIST = QueryFactory.create(PREFIXES + """
			SELECT ?n ?t ?who WHERE { GRAPH <https://aigov.dev/graph/revisions> {
			  ?r aigov:revisionOf ?e ; aigov:revisionNumber ?n ; prov:generatedAtTime ?t ; prov:wasAttributedTo ?who .
			} } ORDER BY ?n""");

	private static final Query ENTITY_LIST = QueryFactory
		.create("SELECT ?e WHERE { GRAPH <https://aigov.dev/graph/current> { ?e a ?t } } ORDER BY ?e");

	private static final Var E = Var.alloc("e");

	private static final Var N = Var.alloc("n");

	private static final Var T = Var.alloc("t");

	private static final Var WHO = Var.alloc("who");

	private static final Var SNAP = Var.alloc("snap");

	private static final Var G = Var.alloc("g");

	private static final Var S = Var.alloc("s");

	private static final Var P = Var.alloc("p");

	private static final Var O = Var.alloc("o");

	private static final Node REVISIONS_GRAPH = uri(REVISIONS);

	private static final Node CURRENT_GRAPH = uri(CURRENT);

	private static final Node REVISION = uri(ResumeSchema.AIGOV + "Revision");

	private static final Node REVISION_OF = uri(ResumeSchema.AIGOV + "revisionOf");

	private static final Node REVISION_NUMBER = uri(ResumeSchema.AIGOV + "revisionNumber");

	private static final Node GENERATED_AT = uri(ResumeSchema.PROV + "generatedAtTime");

	private static final Node ATTRIBUTED_TO = uri(ResumeSchema.PROV + "wasAttributedTo");

	private static final Node SNAPSHOT_OF = uri(ResumeSchema.AIGOV + "snapshot");

	private static final Node REVISION_FROM = uri(ResumeSchema.PROV + "wasRevisionOf");

	private final GraphStore store;

	public RevisionStore(GraphStore store) {
		this.store = store;
	}

	/**
	 * Runs lookups in one read of the store: on TDB2 they all see the same snapshot.
	 * @param work the lookups; must not keep the {@link Reads}
	 * @return what {@code work} returned
	 */
	public <T> T read(Function<Reads, T> work) {
		return this.store.read((connection) -> work.apply(new Reads(connection)));
	}

	/** Whether the entity exists now. */
	public boolean exists(EntityRef ref) {
		return read((reads) -> reads.existing(List.of(ref)).contains(ref));
	}

	/** The latest revision, if the entity exists. */
	public Optional<Snapshot> latest(EntityRef ref) {
		return read((reads) -> Optional.ofNullable(reads.latest(List.of(ref)).get(ref)));
	}

	/** The revision in force at an instant: the latest one recorded at or before it. */
	public Optional<Snapshot> asOf(EntityRef ref, Instant instant) {
		return read((reads) -> Optional.ofNullable(reads.asOf(List.of(ref), instant).get(ref)));
	}

	/** A given revision. */
	public Optional<Snapshot> revision(EntityRef ref, int number) {
		return read((reads) -> reads.revision(ref, number));
	}

	/** Every revision of an entity, oldest first. */
	public List<RevisionInfo> revisions(EntityRef ref) {
		return read((reads) -> {
			List<RevisionInfo> revisions = new ArrayList<>();
			reads.select(copy(REVISION_LIST, Map.of(E, uri(ref.iri()))), (row) -> revisions.add(info(ref, row)));
			return revisions;
		});
	}

	/** The ids of the entities of a kind that exist now, in id order. */
	public List<EntityRef> list(Kind kind, int offset, int limit) {
		return read((reads) -> reads.list(kind, offset, limit));
	}

	/**
	 * Appends one revision to each of several entities in one atomic update: either all
	 * are recorded or none is.
	 * <p>
	 * The new state goes into the current graph only; the state it supersedes moves from
	 * the current graph into its revision's snapshot graph, which is never changed again
	 * (ADR 014). A bulk import of new entities thus writes each state once, not twice.
	 * @param changes the new states; each names the revision it replaces (0 for a new
	 * entity)
	 * @param author the user recording them
	 * @param at the revision time (callers keep it after each entity's previous revision)
	 */
	public void append(List<Change> changes, String author, Instant at) {
		List<Quad> inserts = new ArrayList<>();
		List<String[]> superseded = new ArrayList<>();
		Node timestamp = NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime);
		Node agent = uri(Actor.agentIri(author));
		for (Change change : changes) {
			int number = change.previous() + 1;
			Node entity = uri(change.ref().iri());
			Node revision = uri(change.ref().iri() + "/revision/" + number);
			Node snapshot = uri(snapshotIri(change.ref(), number));
			change.state().getGraph().find().forEachRemaining((triple) -> inserts.add(new Quad(CURRENT_GRAPH, triple)));
			add(inserts, revision, RDF.type.asNode(), REVISION);
			add(inserts, revision, REVISION_OF, entity);
			add(inserts, revision, REVISION_NUMBER,
					NodeFactory.createLiteralDT(Integer.toString(number), XSDDatatype.XSDinteger));
			add(inserts, revision, GENERATED_AT, timestamp);
			add(inserts, revision, ATTRIBUTED_TO, agent);
			add(inserts, revision, SNAPSHOT_OF, snapshot);
			if (change.previous() > 0) {
				add(inserts, revision, REVISION_FROM, uri(change.ref().iri() + "/revision/" + change.previous()));
				superseded.add(new String[] { change.ref().iri(), snapshotIri(change.ref(), change.previous()) });
			}
		}
		UpdateRequest removals = new UpdateRequest();
		if (!superseded.isEmpty()) {
			// The previous states leave the current graph for their snapshot graphs
			// before the new ones enter it.
			removals.add(SUPERSEDE.formatted(values(superseded)));
		}
		this.store.update(removals, inserts);
	}

	/**
	 * Moves the triples of each entity in the {@code VALUES} blocks, and those of its
	 * metrics, from the current graph into the snapshot graph of its superseded revision.
	 * A store written before ADR 014 already holds them there: inserting them again
	 * changes nothing. (A template triple with an unbound variable is skipped, so each
	 * branch fills one of the two.)
	 */
	private static final String SUPERSEDE = PREFIXES + """
			DELETE { GRAPH <https://aigov.dev/graph/current> { ?e ?p ?o . ?m ?mp ?mo } }
			INSERT { GRAPH ?g { ?e ?p ?o . ?m ?mp ?mo } }
			WHERE {
			  { %1$s GRAPH <https://aigov.dev/graph/current> { ?e ?p ?o } }
			  UNION
			  { %1$s GRAPH <https://aigov.dev/graph/current> { ?e aigov:metric ?m . ?m ?mp ?mo } }
			}""";

	/** {@code VALUES (?e ?g) { ... }} for entities and their snapshot graphs. */
	private static String values(List<String[]> entityAndGraph) {
		StringBuilder values = new StringBuilder("VALUES (?e ?g) {");
		for (String[] pair : entityAndGraph) {
			values.append(" (<").append(pair[0]).append("> <").append(pair[1]).append(">)");
		}
		return values.append(" }").toString();
	}

	static String snapshotIri(EntityRef ref, int number) {
		return SNAPSHOT + ref.kind().segment() + "/" + ref.id() + "/" + number;
	}

	private static Node uri(String iri) {
		return NodeFactory.createURI(iri);
	}

	private static void add(List<Quad> quads, Node subject, Node predicate, Node object) {
		quads.add(new Quad(REVISIONS_GRAPH, Triple.create(subject, predicate, object)));
	}

	/**
	 * A copy of a parsed query whose (empty) {@code VALUES} blocks, wherever they are,
	 * hold the rows: no parsing per read.
	 */
	private static Query withValues(Query template, List<Var> vars, List<Binding> rows) {
		Query query = template.cloneQuery();
		query.setQueryPattern(ElementTransformer.transform(template.getQueryPattern(), new ElementTransformCopyBase() {
			@Override
			public Element transform(ElementData data) {
				return new ElementData(vars, rows);
			}
		}));
		return query;
	}

	/**
	 * A copy of a parsed query to complete (values, limits), with variables replaced by
	 * constants; the parsed original stays untouched, so threads can share it.
	 */
	private static Query copy(Query template, Map<Var, Node> constants) {
		return constants.isEmpty() ? template.cloneQuery() : QueryTransformOps.replaceVars(template, constants);
	}

	private static RevisionInfo info(EntityRef ref, Binding row) {
		return new RevisionInfo(ref, ((Number) row.get(N).getLiteralValue()).intValue(),
				Instant.parse(row.get(T).getLiteralLexicalForm()), RdfMapper.agentName(row.get(WHO).getURI()));
	}

	/**
	 * Lookups inside one read of the store, each for any number of entities. Only valid
	 * inside the {@link RevisionStore#read(Function)} call that created it.
	 */
	public static final class Reads {

		private final RDFConnection connection;

		private Reads(RDFConnection connection) {
			this.connection = connection;
		}

		/** The connection of this read, for queries of the caller's own. */
		public RDFConnection connection() {
			return this.connection;
		}

		/** Which of the entities exist now. */
		public Set<EntityRef> existing(Collection<EntityRef> refs) {
			Map<String, EntityRef> byIri = byIri(refs);
			Set<EntityRef> existing = new LinkedHashSet<>();
			for (List<EntityRef> chunk : chunks(byIri.values())) {
				Query query = copy(CURRENT_TYPES, Map.of());
				List<Binding> rows = new ArrayList<>(chunk.size());
				for (EntityRef ref : chunk) {
					rows.add(Binding.builder()
						.add(E, uri(ref.iri()))
						.add(T, uri(ResumeSchema.types(ref.kind()).get(0)))
						.build());
				}
				query.setValuesDataBlock(List.of(E, T), rows);
				select(query, (row) -> existing.add(byIri.get(row.get(E).getURI())));
			}
			return existing;
		}

		/** The latest revision of each entity that exists, without its state. */
		public Map<EntityRef, RevisionInfo> latestInfo(Collection<EntityRef> refs) {
			Map<EntityRef, RevisionInfo> infos = new LinkedHashMap<>();
			revisionRows(refs, REVISION_ROWS, Map.of()).forEach((ref, row) -> infos.put(ref, row.info()));
			return infos;
		}

		/** The latest revision of each entity that exists, with its state. */
		public Map<EntityRef, Snapshot> latest(Collection<EntityRef> refs) {
			return states(revisionRows(refs, REVISION_ROWS, Map.of()));
		}

		/**
		 * The revision of each entity in force at an instant (the latest recorded at or
		 * before it), with its state; entities that did not exist yet are left out.
		 */
		public Map<EntityRef, Snapshot> asOf(Collection<EntityRef> refs, Instant instant) {
			return states(revisionRows(refs, REVISION_ROWS_AS_OF, Map.of(Var.alloc("asOf"),
					NodeFactory.createLiteralDT(instant.toString(), XSDDatatype.XSDdateTime))));
		}

		/** A given revision of an entity. */
		public Optional<Snapshot> revision(EntityRef ref, int number) {
			Node literal = NodeFactory.createLiteralDT(Integer.toString(number), XSDDatatype.XSDinteger);
			return Optional.ofNullable(
					states(revisionRows(List.of(ref), REVISION_ROWS_NUMBERED, Map.of(Var.alloc("number"), literal)))
						.get(ref));
		}

		public List<EntityRef> list(Kind kind, int offset, int limit) {
			Query query = copy(ENTITY_LIST, Map.of(T, uri(ResumeSchema.types(kind).get(0))));
			query.setOffset(offset);
			query.setLimit(limit);
			List<EntityRef> refs = new ArrayList<>();
			select(query, (row) -> refs.add(EntityRef.fromIri(row.get(E).getURI())));
			return refs;
		}

		/**
		 * For each entity, the revision with the highest number among those the query
		 * returns.
		 */
		private Map<EntityRef, Row> revisionRows(Collection<EntityRef> refs, Query template,
				Map<Var, Node> substitution) {
			Map<String, EntityRef> byIri = byIri(refs);
			Map<EntityRef, Row> latest = new LinkedHashMap<>();
			for (List<EntityRef> chunk : chunks(byIri.values())) {
				Query query = copy(template, substitution);
				List<Binding> rows = new ArrayList<>(chunk.size());
				for (EntityRef ref : chunk) {
					rows.add(Binding.builder().add(E, uri(ref.iri())).build());
				}
				query.setValuesDataBlock(List.of(E), rows);
				select(query, (row) -> {
					EntityRef ref = byIri.get(row.get(E).getURI());
					Row candidate = new Row(info(ref, row), row.get(SNAP));
					latest.merge(ref, candidate,
							(one, other) -> (one.info().number() >= other.info().number()) ? one : other);
				});
			}
			// In the order asked for, as a caller iterating the result would expect.
			Map<EntityRef, Row> ordered = new LinkedHashMap<>();
			byIri.values().forEach((ref) -> {
				Row row = latest.get(ref);
				if (row != null) {
					ordered.put(ref, row);
				}
			});
			return ordered;
		}

		/** Reads the snapshot graphs of the revisions, all in one query per chunk. */
		private Map<EntityRef, Snapshot> states(Map<EntityRef, Row> revisions) {
			Map<Node, Graph> graphs = new HashMap<>();
			for (List<Row> chunk : chunks(revisions.values())) {
				List<Binding> rows = new ArrayList<>(chunk.size());
				for (Row row : chunk) {
					graphs.put(row.snapshot(), GraphFactory.createDefaultGraph());
					rows.add(Binding.builder().add(E, uri(row.info().ref().iri())).add(G, row.snapshot()).build());
				}
				// The subject is the entity itself where the branch leaves ?s unbound.
				select(withValues(SNAPSHOT_TRIPLES, List.of(E, G), rows), (row) -> graphs.get(row.get(G))
					.add(Triple.create(row.contains(S) ? row.get(S) : row.get(E), row.get(P), row.get(O))));
			}
			Map<EntityRef, Snapshot> snapshots = new LinkedHashMap<>();
			revisions.forEach((ref, row) -> snapshots.put(ref,
					new Snapshot(row.info(), ModelFactory.createModelForGraph(graphs.get(row.snapshot())))));
			return snapshots;
		}

		void select(Query query, Consumer<Binding> action) {
			try (QueryExecution execution = this.connection.newQuery().query(query).build()) {
				ResultSet results = execution.execSelect();
				while (results.hasNext()) {
					action.accept(results.nextBinding());
				}
			}
		}

		private static Map<String, EntityRef> byIri(Collection<EntityRef> refs) {
			Map<String, EntityRef> byIri = new LinkedHashMap<>();
			refs.forEach((ref) -> byIri.put(ref.iri(), ref));
			return byIri;
		}

		private static <T> List<List<T>> chunks(Collection<T> items) {
			List<List<T>> chunks = new ArrayList<>();
			List<T> chunk = new ArrayList<>();
			for (T item : items) {
				chunk.add(item);
				if (chunk.size() == CHUNK) {
					chunks.add(chunk);
					chunk = new ArrayList<>();
				}
			}
			if (!chunk.isEmpty()) {
				chunks.add(chunk);
			}
			return chunks;
		}

	}

	/** One revision as found in the revisions graph. */
	private record Row(RevisionInfo info, Node snapshot) {
	}

	/**
	 * The state of an entity at one revision.
	 *
	 * @param info which revision
	 * @param state its triples
	 */
	public record Snapshot(RevisionInfo info, Model state) {
	}

	/**
	 * A new state for an entity.
	 *
	 * @param ref the entity
	 * @param state its complete new triples
	 * @param previous the revision number it replaces, 0 for a new entity
	 */
	public record Change(EntityRef ref, Model state, int previous) {
	}

}
