package dev.aigov.lineage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStoreException;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdfconnection.Isolation;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.params.StoreParams;
import org.apache.jena.tdb2.params.StoreParamsBuilder;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.update.UpdateExecution;
import org.apache.jena.update.UpdateRequest;

/**
 * A {@link GraphStore} on a TDB2 directory. TDB2 gives serializable transactions (many
 * readers and one writer at a time, readers never blocked) and commits through a
 * write-ahead journal, so a killed process leaves every committed transaction intact and
 * no partial one.
 * <p>
 * A store this class creates keeps four quad indexes instead of TDB2's six (ADR 016):
 * {@link #QUAD_INDEXES}. TDB2 records them in the store's {@code tdb.cfg}; a store
 * created before, which has no such file, keeps its six, since TDB2 opens a store without
 * one with its defaults and lets an application change only cache sizes and the file mode
 * of an existing store.
 */
public final class Tdb2GraphStore implements GraphStore {

	/**
	 * The quad indexes of a new store, in the order TDB2 tries them: for a pattern, it
	 * takes the index whose key starts with the most bound positions, the first one on a
	 * tie. Graph-first indexes answer every pattern in a named graph, {@code SPOG} and
	 * {@code OSPG} those across graphs with a subject or an object bound. {@code OSPG}
	 * comes first so that it also answers a graph and an object alone, which would
	 * otherwise scan the whole graph in {@code GSPO}. No pattern the appliance runs needs
	 * the two left out, {@code GOSP} and {@code POSG}; an auditor's pattern across graphs
	 * with only a predicate bound scans the table (ADR 016). TDB2 accepts four or six
	 * quad indexes, no other number.
	 */
	public static final List<String> QUAD_INDEXES = List.of("OSPG", "GSPO", "GPOS", "SPOG");

	private static final StoreParams NEW_STORE_PARAMS = StoreParamsBuilder.create(StoreParams.getDftStoreParams())
		.quadIndexes(QUAD_INDEXES.toArray(String[]::new))
		.build();

	private final Path location;

	private final Dataset dataset;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final IndexWriter indexWriter = new IndexWriter(IndexWriter.secondCoreAvailable());

	/**
	 * Opens (or creates) the TDB2 dataset in {@code location}, recovering any transaction
	 * that was committed but not yet written back when the last process died. A new store
	 * gets the {@link #QUAD_INDEXES}; an existing one keeps those it was created with.
	 * @param location the dataset's directory; created if missing
	 * @throws GraphStoreException if the directory cannot be created or is held by
	 * another process
	 */
	public Tdb2GraphStore(Path location) {
		this.location = location.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.location);
			requireRecordedIndexes(this.location);
			this.dataset = DatasetFactory
				.wrap(DatabaseMgr.connectDatasetGraph(Location.create(this.location.toString()), NEW_STORE_PARAMS));
		}
		catch (IOException | RuntimeException ex) {
			throw new GraphStoreException("Cannot open " + description() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Refuses a store whose indexes TDB2 would get wrong: without {@code tdb.cfg}, TDB2
	 * assumes its six default quad indexes, so it would open a four-index store with two
	 * new, empty indexes and answer some patterns from them, missing quads.
	 */
	private static void requireRecordedIndexes(Path location) throws IOException {
		if (Files.exists(location.resolve("tdb.cfg"))) {
			return;
		}
		try (var storages = Files.newDirectoryStream(location, "Data-*")) {
			for (Path storage : storages) {
				if (Files.exists(storage.resolve("GSPO.bpt")) && !Files.exists(storage.resolve("GOSP.bpt"))
						&& !Files.exists(storage.resolve("tdb.cfg"))) {
					throw new IllegalStateException("the store was created with the quad indexes "
							+ String.join(", ", QUAD_INDEXES)
							+ ", but its tdb.cfg, which records them, is missing; restore it from a backup of the directory");
				}
			}
		}
	}

	/**
	 * Names the quad indexes this store keeps, in the order TDB2 tries them.
	 * @return index names such as {@code GSPO}
	 */
	public List<String> quadIndexes() {
		checkOpen();
		return this.dataset.calculateRead(() -> {
			List<String> names = new ArrayList<>();
			for (TupleIndex index : quadTable().getTupleTable().getIndexes()) {
				names.add(index.getName());
			}
			return names;
		});
	}

	private NodeTupleTable quadTable() {
		return TDBInternal.getDatasetGraphTDB(this.dataset.asDatasetGraph()).getQuadTable().getNodeTupleTable();
	}

	@Override
	public <T> T read(Function<RDFConnection, T> work) {
		Objects.requireNonNull(work, "work");
		checkOpen();
		// COPY: whatever fetch() returns stays valid after the read transaction ends,
		// just as for a remote store.
		try (RDFConnection connection = RDFConnection.connect(this.dataset, Isolation.COPY)) {
			return this.dataset.calculateRead(() -> work.apply(connection));
		}
	}

	@Override
	public void update(UpdateRequest request) {
		Objects.requireNonNull(request, "request");
		write("Update", () -> UpdateExecution.dataset(this.dataset).update(request).execute());
	}

	@Override
	public void update(UpdateRequest request, Collection<Quad> additions) {
		Objects.requireNonNull(request, "request");
		GraphIris.requireNamedGraphQuads(additions);
		write("Update", () -> {
			if (!request.getOperations().isEmpty()) {
				UpdateExecution.dataset(this.dataset).update(request).execute();
			}
			addInIndexOrder(additions);
		});
	}

	/**
	 * Adds quads to the quad table as {@code Dataset.add} would, inside the current write
	 * transaction, but index by index: each index receives the quads sorted in its own
	 * key order, so consecutive inserts descend to the same B+tree pages instead of a
	 * random one each, and every node is looked up once. Large additions use a second
	 * core for half of the indexes ({@link IndexWriter}). What ends up in the indexes is
	 * the same (an index keeps a key once, so duplicates and quads already stored are
	 * harmless).
	 */
	private void addInIndexOrder(Collection<Quad> quads) {
		if (quads.isEmpty()) {
			return;
		}
		NodeTupleTable table = quadTable();
		NodeTable nodes = table.getNodeTable();
		Map<Node, NodeId> ids = new HashMap<>();
		List<Tuple<NodeId>> tuples = new ArrayList<>(quads.size());
		for (Quad quad : quads) {
			tuples.add(TupleFactory.create4(id(nodes, ids, quad.getGraph()), id(nodes, ids, quad.getSubject()),
					id(nodes, ids, quad.getPredicate()), id(nodes, ids, quad.getObject())));
		}
		this.indexWriter.add(List.of(table.getTupleTable().getIndexes()), tuples);
	}

	private static NodeId id(NodeTable nodes, Map<Node, NodeId> ids, Node node) {
		return ids.computeIfAbsent(node, nodes::getAllocateNodeId);
	}

	@Override
	public void addGraph(String graphIri, Model model) {
		GraphIris.requireAbsolute(graphIri);
		Objects.requireNonNull(model, "model");
		write("Adding graph <" + graphIri + ">", () -> this.dataset.getNamedModel(graphIri).add(model));
	}

	private void write(String what, Runnable action) {
		checkOpen();
		try {
			this.dataset.executeWrite(action);
		}
		catch (RuntimeException ex) {
			// Txn has aborted the transaction: nothing of it reached the store.
			throw new GraphStoreException(
					what + " failed on " + description() + ", nothing was changed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void probe() {
		try {
			checkOpen();
			if (!Files.isDirectory(this.location)) {
				throw new IllegalStateException("the directory no longer exists");
			}
			this.dataset.executeRead(() -> {
				try (QueryExecution ask = QueryExecution.dataset(this.dataset).query("ASK {}").build()) {
					ask.execAsk();
				}
			});
		}
		catch (RuntimeException ex) {
			throw new GraphStoreException(description() + " is unavailable: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String description() {
		return "TDB2 at " + this.location;
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			// Dataset.close() keeps TDB2's per-JVM connection (files and directory lock);
			// expel is how Jena releases them.
			TDBInternal.expel(this.dataset.asDatasetGraph());
			this.indexWriter.close();
		}
	}

	private void checkOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException(description() + " is closed");
		}
	}

	@Override
	public String toString() {
		return description();
	}

}
