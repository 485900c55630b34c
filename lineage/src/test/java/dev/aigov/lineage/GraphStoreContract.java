package dev.aigov.lineage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every kind of {@link GraphStore} guarantees. Subclasses say where the datasets
 * live; each test starts with empty {@code lineage} and {@code system} datasets.
 */
abstract class GraphStoreContract {

	static final String NS = "urn:aigov:test:";

	static final Property LEFT = ModelFactory.createDefaultModel().createProperty(NS + "left");

	static final Property RIGHT = ModelFactory.createDefaultModel().createProperty(NS + "right");

	protected GraphStores stores;

	protected GraphStore lineage;

	protected GraphStore system;

	/** Where this test's datasets live. Called before each test. */
	protected abstract GraphStoreProperties properties();

	@BeforeEach
	void openStores() {
		this.stores = new GraphStores(properties());
		this.lineage = this.stores.store(GraphStores.LINEAGE);
		this.system = this.stores.store(GraphStores.SYSTEM);
		this.lineage.update(UpdateFactory.create("DROP ALL"));
		this.system.update(UpdateFactory.create("DROP ALL"));
	}

	@AfterEach
	void closeStores() {
		this.stores.close();
	}

	@Test
	void addedGraphReadsBackWithSelectAskAndConstruct() {
		this.lineage.addGraph(NS + "graph", model("model-1", "Credit scoring model"));

		List<String> labels = this.lineage.read((connection) -> {
			List<String> found = new ArrayList<>();
			connection.querySelect("SELECT ?label WHERE { GRAPH <" + NS + "graph> { ?s ?p ?label } }",
					(row) -> found.add(row.getLiteral("label").getString()));
			return found;
		});
		boolean present = this.lineage
			.read((connection) -> connection.queryAsk("ASK { GRAPH <" + NS + "graph> { <" + NS + "model-1> ?p ?o } }"));
		Model constructed = this.lineage.read((connection) -> connection
			.queryConstruct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + NS + "graph> { ?s ?p ?o } }"));

		assertThat(labels).containsExactly("Credit scoring model");
		assertThat(present).isTrue();
		assertThat(constructed.isIsomorphicWith(model("model-1", "Credit scoring model"))).isTrue();
	}

	@Test
	void addGraphKeepsTheTriplesAlreadyInTheGraph() {
		this.lineage.addGraph(NS + "graph", model("model-1", "first"));
		this.lineage.addGraph(NS + "graph", model("model-2", "second"));

		assertThat(countTriples(this.lineage, NS + "graph")).isEqualTo(2);
	}

	@Test
	void fetchedGraphStaysUsableAfterTheRead() {
		this.lineage.addGraph(NS + "graph", model("model-1", "Credit scoring model"));

		Model fetched = this.lineage.read((connection) -> connection.fetch(NS + "graph"));

		assertThat(fetched.isIsomorphicWith(model("model-1", "Credit scoring model"))).isTrue();
	}

	@Test
	void updateWhoseLaterOperationFailsChangesNothing() {
		String request = """
				INSERT DATA { GRAPH <%sgraph> { <%smodel-1> <%slabel> "written first" } } ;
				ADD GRAPH <%sno-such-graph> TO DEFAULT
				""".formatted(NS, NS, NS, NS);

		assertThatThrownBy(() -> this.lineage.update(UpdateFactory.create(request)))
			.isInstanceOf(GraphStoreException.class)
			.hasMessageContaining(this.lineage.description())
			.hasMessageContaining("nothing was changed");

		assertThat(ask(this.lineage, "ASK { GRAPH ?g { ?s ?p ?o } }")).isFalse();
	}

	@Test
	void updateAppliesEveryOperationInOrder() {
		this.lineage.update(UpdateFactory.create("""
				INSERT DATA { GRAPH <%sstaging> { <%smodel-1> <%slabel> "draft" } } ;
				MOVE GRAPH <%sstaging> TO GRAPH <%sgraph>
				""".formatted(NS, NS, NS, NS, NS)));

		assertThat(countTriples(this.lineage, NS + "staging")).isZero();
		assertThat(countTriples(this.lineage, NS + "graph")).isEqualTo(1);
	}

	@Test
	void updateWithAdditionsRemovesFirstThenAddsEveryQuadFindableByEveryPattern() {
		this.lineage.update(UpdateFactory
			.create("INSERT DATA { GRAPH <%scurrent> { <%smodel-1> <%slabel> \"old\" } }".formatted(NS, NS, NS)));
		List<Quad> additions = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			// Deliberately out of key order, with a repeat and a quad in a second graph.
			int n = (i * 7919) % 500;
			additions.add(quad("snapshot", "model-" + n, "label", "state " + n));
		}
		additions.add(quad("snapshot", "model-3", "label", "state 3"));
		additions.add(quad("current", "model-1", "label", "new"));

		this.lineage.update(
				UpdateFactory.create(
						"DELETE DATA { GRAPH <%scurrent> { <%smodel-1> <%slabel> \"old\" } }".formatted(NS, NS, NS)),
				additions);

		assertThat(countTriples(this.lineage, NS + "snapshot")).isEqualTo(500);
		assertThat(countTriples(this.lineage, NS + "current")).isEqualTo(1);
		// Each pattern below is answered from a different index.
		assertThat(ask(this.lineage, "ASK { GRAPH <%ssnapshot> { <%smodel-42> ?p \"state 42\" } }".formatted(NS, NS)))
			.isTrue();
		assertThat(ask(this.lineage, "ASK { GRAPH ?g { ?s <%slabel> \"state 499\" } }".formatted(NS))).isTrue();
		assertThat(ask(this.lineage, "ASK { GRAPH ?g { <%smodel-0> ?p ?o } }".formatted(NS))).isTrue();
		assertThat(ask(this.lineage, "ASK { GRAPH ?g { ?s ?p \"new\" } }")).isTrue();
		assertThat(ask(this.lineage, "ASK { GRAPH ?g { ?s ?p \"old\" } }")).isFalse();
	}

	@Test
	void updateWithAdditionsWhoseRequestFailsChangesNothing() {
		UpdateRequest failing = UpdateFactory.create("ADD GRAPH <%sno-such-graph> TO DEFAULT".formatted(NS));

		assertThatThrownBy(
				() -> this.lineage.update(failing, List.of(quad("snapshot", "model-1", "label", "never written"))))
			.isInstanceOf(GraphStoreException.class);

		assertThat(ask(this.lineage, "ASK { GRAPH ?g { ?s ?p ?o } }")).isFalse();
	}

	@Test
	void updateWithAdditionsRefusesQuadsOutsideANamedGraph() {
		Quad inDefaultGraph = Quad.create(Quad.defaultGraphIRI, NodeFactory.createURI(NS + "model-1"),
				NodeFactory.createURI(NS + "label"), NodeFactory.createLiteralString("default"));

		assertThatIllegalArgumentException().isThrownBy(() -> this.lineage.update(new UpdateRequest(),
				List.of(quad("snapshot", "model-1", "label", "fine"), inDefaultGraph)));

		assertThat(ask(this.lineage, "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")).isFalse();
	}

	static Quad quad(String graph, String subject, String predicate, String value) {
		return Quad.create(NodeFactory.createURI(NS + graph), NodeFactory.createURI(NS + subject),
				NodeFactory.createURI(NS + predicate), NodeFactory.createLiteralString(value));
	}

	@Test
	void datasetsAreIsolatedFromEachOther() {
		this.system.addGraph(NS + "accounts", model("admin", "secret account"));
		this.lineage.update(UpdateFactory
			.create("INSERT DATA { <" + NS + "model-1> <" + RDFS.label.getURI() + "> \"in the default graph\" }"));

		assertThat(ask(this.lineage, "ASK { GRAPH ?g { ?s ?p ?o } }")).isFalse();
		assertThat(ask(this.lineage, "ASK { ?s ?p \"secret account\" }")).isFalse();
		assertThat(ask(this.system, "ASK { ?s ?p ?o }")).isFalse();
		assertThat(countTriples(this.system, NS + "accounts")).isEqualTo(1);
	}

	@Test
	void readConnectionRefusesWrites() {
		assertThatThrownBy(() -> this.lineage.read((connection) -> {
			connection.update("INSERT DATA { <" + NS + "s> <" + NS + "p> <" + NS + "o> }");
			return null;
		})).isInstanceOf(RuntimeException.class);
		assertThatThrownBy(() -> this.lineage.read((connection) -> {
			connection.load(NS + "graph", model("model-1", "sneaked in"));
			return null;
		})).isInstanceOf(RuntimeException.class);

		assertThat(ask(this.lineage, "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")).isFalse();
	}

	@Test
	void addGraphRequiresAnAbsoluteIri() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.lineage.addGraph("relative/graph", model("m", "x")))
			.withMessageContaining("absolute");
	}

	@Test
	void concurrentReadersSeeWholeUpdatesOnly() throws Exception {
		int writes = 100;
		int readers = 2;
		AtomicBoolean writing = new AtomicBoolean(true);
		CountDownLatch readersStarted = new CountDownLatch(readers);
		List<String> torn = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger observations = new AtomicInteger();
		Runnable reader = () -> {
			readersStarted.countDown();
			while (writing.get()) {
				PairCounts counts = PairCounts.of(this.lineage);
				observations.incrementAndGet();
				if (counts.left() != counts.right()) {
					torn.add(counts.toString());
				}
			}
		};
		try (ExecutorService executor = Executors.newFixedThreadPool(readers)) {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < readers; i++) {
				running.add(executor.submit(reader));
			}
			try {
				assertThat(readersStarted.await(30, TimeUnit.SECONDS)).isTrue();
				for (int i = 0; i < writes; i++) {
					this.lineage.update(pairUpdate(i));
				}
			}
			finally {
				writing.set(false);
			}
			for (Future<?> future : running) {
				future.get(30, TimeUnit.SECONDS);
			}
		}

		assertThat(torn).isEmpty();
		assertThat(observations).hasValueGreaterThan(readers);
		assertThat(PairCounts.of(this.lineage).whole()).isEqualTo(writes);
	}

	@Test
	void probeSucceedsAndDescriptionSaysWhereTheDataLives() {
		this.lineage.probe();

		assertThat(this.lineage.description()).endsWith("lineage");
		assertThat(this.system.description()).endsWith("system");
	}

	@Test
	void closedStoresRefuseWork() {
		this.stores.close();

		assertThatIllegalStateException().isThrownBy(() -> this.stores.store(GraphStores.LINEAGE));
		assertThatIllegalStateException().isThrownBy(() -> this.lineage.read((connection) -> true));
		assertThatIllegalStateException().isThrownBy(() -> this.lineage.update(UpdateFactory.create("CLEAR ALL")));
	}

	static Model model(String name, String label) {
		Model model = ModelFactory.createDefaultModel();
		Resource subject = model.createResource(NS + name);
		subject.addProperty(RDFS.label, label);
		return model;
	}

	static boolean ask(GraphStore store, String query) {
		return store.read((connection) -> connection.queryAsk(query));
	}

	static long countTriples(GraphStore store, String graphIri) {
		return store.read((connection) -> selectOne(connection,
				"SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graphIri + "> { ?s ?p ?o } }")
			.getLiteral("n")
			.getLong());
	}

	static QuerySolution selectOne(RDFConnection connection, String query) {
		List<QuerySolution> rows = new ArrayList<>();
		connection.querySelect(query, rows::add);
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

	/**
	 * One transaction that writes a pair of triples; a torn write would leave half a
	 * pair.
	 */
	static UpdateRequest pairUpdate(int i) {
		return UpdateFactory.create("""
				INSERT DATA { GRAPH <%spairs> { <%spair-%d> <%sleft> %d } } ;
				INSERT DATA { GRAPH <%spairs> { <%spair-%d> <%sright> %d } }
				""".formatted(NS, NS, i, NS, i, NS, NS, i, NS, i));
	}

	/** How many left and right halves of pairs the store holds, counted in one query. */
	record PairCounts(int left, int right) {

		static PairCounts of(GraphStore store) {
			return store.read((connection) -> {
				QuerySolution row = selectOne(connection, """
						SELECT (COUNT(?l) AS ?left) (COUNT(?r) AS ?right)
						WHERE { GRAPH <%spairs> { { ?s <%sleft> ?l } UNION { ?s <%sright> ?r } } }
						""".formatted(NS, NS, NS));
				return new PairCounts(row.getLiteral("left").getInt(), row.getLiteral("right").getInt());
			});
		}

		/** The number of pairs, after checking that none is torn. */
		int whole() {
			assertThat(this.left).as("left and right halves").isEqualTo(this.right);
			return this.left;
		}

	}

}
