package dev.aigov.registry;

import java.util.Collection;
import java.util.function.Function;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStoreException;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdfconnection.Isolation;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.update.UpdateExecution;
import org.apache.jena.update.UpdateRequest;

/**
 * A {@link GraphStore} on Jena's transactional in-memory dataset, with the same
 * all-or-nothing writes as the real ones, so registry logic can be tested without disk.
 */
final class MemoryGraphStore implements GraphStore {

	private final Dataset dataset = DatasetFactory.createTxnMem();

	/** Runs as a write of quads begins, before its transaction: lets a test hold it. */
	volatile Runnable beforeWrite = () -> {
	};

	@Override
	public <T> T read(Function<RDFConnection, T> work) {
		try (RDFConnection connection = RDFConnection.connect(this.dataset, Isolation.COPY)) {
			return this.dataset.calculateRead(() -> work.apply(connection));
		}
	}

	@Override
	public void update(UpdateRequest request) {
		write(() -> UpdateExecution.dataset(this.dataset).update(request).execute());
	}

	@Override
	public void update(UpdateRequest request, Collection<Quad> additions) {
		this.beforeWrite.run();
		write(() -> {
			if (!request.getOperations().isEmpty()) {
				UpdateExecution.dataset(this.dataset).update(request).execute();
			}
			additions.forEach(this.dataset.asDatasetGraph()::add);
		});
	}

	@Override
	public void addGraph(String graphIri, Model model) {
		write(() -> this.dataset.getNamedModel(graphIri).add(model));
	}

	private void write(Runnable action) {
		try {
			this.dataset.executeWrite(action);
		}
		catch (RuntimeException ex) {
			throw new GraphStoreException("Write failed, nothing was changed: " + ex.getMessage(), ex);
		}
	}

	/** Every quad in the dataset: what a refused write must leave unchanged. */
	long quadCount() {
		return this.dataset.calculateRead(() -> {
			long[] count = { 0 };
			this.dataset.asDatasetGraph().find().forEachRemaining((quad) -> count[0]++);
			return count[0];
		});
	}

	@Override
	public void probe() {
	}

	@Override
	public String description() {
		return "in-memory dataset";
	}

	@Override
	public void close() {
	}

}
