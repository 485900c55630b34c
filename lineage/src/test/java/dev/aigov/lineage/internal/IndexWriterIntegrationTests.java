package dev.aigov.lineage.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writing the six quad indexes from two threads inside one TDB2 write transaction: every
 * index gets every quad, and a failure on either thread, or after the indexes were
 * written, leaves the store as it was and writable.
 */
class IndexWriterIntegrationTests {

	private static final int QUADS = IndexWriter.PARALLEL_FROM * 3;

	@TempDir
	Path location;

	private Dataset dataset;

	private IndexWriter writer;

	@BeforeEach
	void open() {
		this.dataset = TDB2Factory.connectDataset(this.location.toString());
		this.writer = new IndexWriter(true);
	}

	@AfterEach
	void close() {
		this.writer.close();
		TDBInternal.expel(this.dataset.asDatasetGraph());
	}

	@Test
	void everyIndexReceivesEveryQuadAndTheWriteCommits() {
		this.dataset.executeWrite(() -> this.writer.add(indexes(), tuples(quads("g"))));

		this.dataset.executeRead(() -> {
			for (TupleIndex index : indexes()) {
				assertThat(index.size()).as(index.getName()).isEqualTo(QUADS);
			}
			assertThat(this.dataset.asDatasetGraph().find(null, null, null, literal(QUADS - 1))).toIterable()
				.hasSize(1);
			assertThat(this.dataset.asDatasetGraph().find(uri("g"), uri("s17"), null, null)).toIterable().hasSize(1);
		});
	}

	@Test
	void aFailureWhileWritingTheIndexesLeavesTheStoreUnchangedAndWritable() {
		this.dataset.executeWrite(() -> this.writer.add(indexes(), tuples(quads("before"))));

		assertThatThrownBy(() -> this.dataset.executeWrite(() -> {
			List<Tuple<NodeId>> tuples = tuples(quads("failed"));
			// A tuple without node ids: sorting it fails for every index, on whichever
			// thread holds the index at the time.
			tuples.add(QUADS / 2, TupleFactory.create4(null, null, null, null));
			this.writer.add(indexes(), tuples);
		})).isInstanceOf(RuntimeException.class);

		assertStoreHolds("before");
		this.dataset.executeWrite(() -> this.writer.add(indexes(), tuples(quads("after"))));
		this.dataset.executeRead(() -> {
			for (TupleIndex index : indexes()) {
				assertThat(index.size()).as(index.getName()).isEqualTo(2L * QUADS);
			}
		});
	}

	@Test
	void aFailureAfterTheIndexesWereWrittenAbortsAllOfThem() {
		assertThatThrownBy(() -> this.dataset.executeWrite(() -> {
			this.writer.add(indexes(), tuples(quads("aborted")));
			throw new IllegalStateException("a later check failed");
		})).hasMessageContaining("a later check failed");

		this.dataset.executeRead(() -> {
			for (TupleIndex index : indexes()) {
				assertThat(index.size()).as(index.getName()).isZero();
			}
		});
		this.dataset.executeWrite(() -> this.writer.add(indexes(), tuples(quads("later"))));
		assertStoreHolds("later");
	}

	private void assertStoreHolds(String graph) {
		this.dataset.executeRead(() -> {
			for (TupleIndex index : indexes()) {
				assertThat(index.size()).as(index.getName()).isEqualTo(QUADS);
			}
			assertThat(this.dataset.asDatasetGraph().find(uri(graph), null, null, null)).toIterable().hasSize(QUADS);
		});
	}

	private List<TupleIndex> indexes() {
		return List.of(table().getTupleTable().getIndexes());
	}

	private NodeTupleTable table() {
		return TDBInternal.getDatasetGraphTDB(this.dataset.asDatasetGraph()).getQuadTable().getNodeTupleTable();
	}

	private List<Tuple<NodeId>> tuples(List<Quad> quads) {
		NodeTable nodes = table().getNodeTable();
		List<Tuple<NodeId>> tuples = new ArrayList<>();
		for (Quad quad : quads) {
			tuples.add(TupleFactory.create4(nodes.getAllocateNodeId(quad.getGraph()),
					nodes.getAllocateNodeId(quad.getSubject()), nodes.getAllocateNodeId(quad.getPredicate()),
					nodes.getAllocateNodeId(quad.getObject())));
		}
		return tuples;
	}

	/** Out of every index's key order, so that each sort has work to do. */
	private static List<Quad> quads(String graph) {
		List<Quad> quads = new ArrayList<>();
		for (int i = 0; i < QUADS; i++) {
			int n = (int) ((i * 7919L) % QUADS);
			quads.add(Quad.create(uri(graph), uri("s" + n), uri("p" + (n % 7)), literal(n)));
		}
		return quads;
	}

	private static Node uri(String name) {
		return NodeFactory.createURI("urn:aigov:test:" + name);
	}

	private static Node literal(int n) {
		return NodeFactory.createLiteralString("value " + n);
	}

}
