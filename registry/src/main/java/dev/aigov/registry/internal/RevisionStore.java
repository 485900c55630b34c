package dev.aigov.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.aigov.lineage.GraphStore;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeSchema;
import dev.aigov.registry.RevisionInfo;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.vocabulary.RDF;

/**
 * Revisions as immutable named graphs. Each revision of an entity is a snapshot graph
 * with the entity's complete state, described in the revisions graph (number, time,
 * author, predecessor). The current graph is derived: the union of every entity's latest
 * snapshot, kept up to date in the same atomic update that appends a revision, so queries
 * over the present need not look at history.
 */
public final class RevisionStore {

	public static final String CURRENT = "https://aigov.dev/graph/current";

	public static final String REVISIONS = "https://aigov.dev/graph/revisions";

	public static final String SNAPSHOT = "https://aigov.dev/graph/snapshot/";

	private static final String PREFIXES = """
			PREFIX aigov: <https://aigov.dev/ns#>
			PREFIX prov: <http://www.w3.org/ns/prov#>
			PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
			""";

	private final GraphStore store;

	public RevisionStore(GraphStore store) {
		this.store = store;
	}

	public GraphStore graphStore() {
		return this.store;
	}

	/** Whether the entity exists now. */
	public boolean exists(EntityRef ref) {
		ParameterizedSparqlString ask = new ParameterizedSparqlString("ASK { GRAPH ?g { ?e a ?t } }");
		ask.setIri("g", CURRENT);
		ask.setIri("e", ref.iri());
		ask.setIri("t", ResumeSchema.types(ref.kind()).get(0));
		return this.store.read((connection) -> connection.queryAsk(ask.asQuery()));
	}

	/** The latest revision, if the entity exists. */
	public Optional<Snapshot> latest(EntityRef ref) {
		return find(ref, null, null);
	}

	/** The revision in force at an instant: the latest one recorded at or before it. */
	public Optional<Snapshot> asOf(EntityRef ref, Instant instant) {
		return find(ref, instant, null);
	}

	/** A given revision. */
	public Optional<Snapshot> revision(EntityRef ref, int number) {
		return find(ref, null, number);
	}

	private Optional<Snapshot> find(EntityRef ref, Instant asOf, Integer number) {
		ParameterizedSparqlString query = new ParameterizedSparqlString(PREFIXES + """
				SELECT ?n ?t ?who ?snap WHERE { GRAPH ?revs {
				  ?r aigov:revisionOf ?e ; aigov:revisionNumber ?n ; prov:generatedAtTime ?t ;
				     prov:wasAttributedTo ?who ; aigov:snapshot ?snap .
				  %s
				} } ORDER BY DESC(?n) LIMIT 1
				""".formatted((asOf != null) ? "FILTER(?t <= ?asOf)" : (number != null) ? "FILTER(?n = ?number)" : ""));
		query.setIri("revs", REVISIONS);
		query.setIri("e", ref.iri());
		if (asOf != null) {
			query.setLiteral("asOf", asOf.toString(), XSDDatatype.XSDdateTime);
		}
		if (number != null) {
			query.setLiteral("number", number);
		}
		return this.store.read((connection) -> {
			RevisionInfo[] info = { null };
			String[] snapshot = { null };
			connection.querySelect(query.asQuery(), (row) -> {
				info[0] = new RevisionInfo(ref, row.getLiteral("n").getInt(),
						Instant.parse(row.getLiteral("t").getLexicalForm()),
						RdfMapper.agentName(row.getResource("who").getURI()));
				snapshot[0] = row.getResource("snap").getURI();
			});
			if (info[0] == null) {
				return Optional.<Snapshot>empty();
			}
			ParameterizedSparqlString construct = new ParameterizedSparqlString(
					"CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
			construct.setIri("g", snapshot[0]);
			return Optional.of(new Snapshot(info[0], connection.queryConstruct(construct.asQuery())));
		});
	}

	/** Every revision of an entity, oldest first. */
	public List<RevisionInfo> revisions(EntityRef ref) {
		ParameterizedSparqlString query = new ParameterizedSparqlString(
				PREFIXES + """
						SELECT ?n ?t ?who WHERE { GRAPH ?revs {
						  ?r aigov:revisionOf ?e ; aigov:revisionNumber ?n ; prov:generatedAtTime ?t ; prov:wasAttributedTo ?who .
						} } ORDER BY ?n
						""");
		query.setIri("revs", REVISIONS);
		query.setIri("e", ref.iri());
		return this.store.read((connection) -> {
			List<RevisionInfo> revisions = new ArrayList<>();
			connection.querySelect(query.asQuery(),
					(row) -> revisions.add(new RevisionInfo(ref, row.getLiteral("n").getInt(),
							Instant.parse(row.getLiteral("t").getLexicalForm()),
							RdfMapper.agentName(row.getResource("who").getURI()))));
			return revisions;
		});
	}

	/** The ids of the entities of a kind that exist now, in id order. */
	public List<EntityRef> list(Kind kind, int offset, int limit) {
		ParameterizedSparqlString query = new ParameterizedSparqlString(
				"SELECT ?e WHERE { GRAPH ?g { ?e a ?t } } ORDER BY ?e OFFSET " + offset + " LIMIT " + limit);
		query.setIri("g", CURRENT);
		query.setIri("t", ResumeSchema.types(kind).get(0));
		return this.store.read((connection) -> {
			List<EntityRef> refs = new ArrayList<>();
			connection.querySelect(query.asQuery(),
					(row) -> refs.add(EntityRef.fromIri(row.getResource("e").getURI())));
			return refs;
		});
	}

	/**
	 * Appends one revision to each of several entities in one atomic update: either all
	 * are recorded or none is.
	 * @param changes the new states; each names the revision it replaces (0 for a new
	 * entity)
	 * @param author the user recording them
	 * @param at the revision time (callers keep it after each entity's previous revision)
	 */
	public void append(List<Change> changes, String author, Instant at) {
		UpdateRequest request = UpdateFactory.create();
		QuadDataAcc inserts = new QuadDataAcc();
		Node revisions = NodeFactory.createURI(REVISIONS);
		Node current = NodeFactory.createURI(CURRENT);
		Node timestamp = NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime);
		for (Change change : changes) {
			int number = change.previous() + 1;
			Node entity = NodeFactory.createURI(change.ref().iri());
			Node revision = NodeFactory.createURI(change.ref().iri() + "/revision/" + number);
			Node snapshot = NodeFactory.createURI(snapshotIri(change.ref(), number));
			change.state().getGraph().find().forEachRemaining((triple) -> {
				inserts.addQuad(new Quad(snapshot, triple));
				inserts.addQuad(new Quad(current, triple));
			});
			add(inserts, revisions, revision, RDF.type.asNode(),
					NodeFactory.createURI(ResumeSchema.AIGOV + "Revision"));
			add(inserts, revisions, revision, uri(ResumeSchema.AIGOV + "revisionOf"), entity);
			add(inserts, revisions, revision, uri(ResumeSchema.AIGOV + "revisionNumber"),
					NodeFactory.createLiteralDT(Integer.toString(number), XSDDatatype.XSDinteger));
			add(inserts, revisions, revision, uri(ResumeSchema.PROV + "generatedAtTime"), timestamp);
			add(inserts, revisions, revision, uri(ResumeSchema.PROV + "wasAttributedTo"),
					NodeFactory.createURI(dev.aigov.registry.Actor.agentIri(author)));
			add(inserts, revisions, revision, uri(ResumeSchema.AIGOV + "snapshot"), snapshot);
			if (change.previous() > 0) {
				add(inserts, revisions, revision, uri(ResumeSchema.PROV + "wasRevisionOf"),
						NodeFactory.createURI(change.ref().iri() + "/revision/" + change.previous()));
				ParameterizedSparqlString delete = new ParameterizedSparqlString(
						"DELETE { GRAPH ?cur { ?s ?p ?o } } WHERE { GRAPH ?prev { ?s ?p ?o } }");
				delete.setIri("cur", CURRENT);
				delete.setIri("prev", snapshotIri(change.ref(), change.previous()));
				UpdateFactory.parse(request, delete.toString());
			}
		}
		request.add(new UpdateDataInsert(inserts));
		this.store.update(request);
	}

	static String snapshotIri(EntityRef ref, int number) {
		return SNAPSHOT + ref.kind().segment() + "/" + ref.id() + "/" + number;
	}

	private static Node uri(String iri) {
		return NodeFactory.createURI(iri);
	}

	private static void add(QuadDataAcc quads, Node graph, Node subject, Node predicate, Node object) {
		quads.addQuad(new Quad(graph, Triple.create(subject, predicate, object)));
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
