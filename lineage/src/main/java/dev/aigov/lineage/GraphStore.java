package dev.aigov.lineage;

import java.util.Collection;
import java.util.function.Function;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.update.UpdateRequest;

/**
 * One RDF dataset (a default graph plus named graphs), held either in Jena TDB2 on disk
 * or by a remote SPARQL 1.1 endpoint. Obtain instances from {@link GraphStores}; a store
 * is thread-safe.
 * <p>
 * Writes are all-or-nothing in both kinds: an {@link #update} or {@link #addGraph} either
 * takes effect completely or, when it throws {@link GraphStoreException}, not at all (see
 * {@link #update} for the one exception a network makes unavoidable). On TDB2, a write
 * that returned normally is durable: killing the process afterwards does not lose it, and
 * killing it mid-write does not corrupt the store.
 */
public interface GraphStore extends AutoCloseable {

	/**
	 * Runs read-only work against the dataset and returns its result.
	 * <p>
	 * TDB2: the work runs inside one read transaction, so every query it makes sees the
	 * same consistent snapshot, whatever other threads write meanwhile. Remote: each
	 * query is a separate request that the server answers from one consistent state, but
	 * two queries in the same work are <em>not</em> isolated from writes made between
	 * them.
	 * <p>
	 * The connection is only valid while {@code work} runs: consume query results inside
	 * it and return plain values or detached copies ({@link RDFConnection#fetch} already
	 * returns a copy), never a live {@code ResultSet} or {@code QueryExecution}. The
	 * connection is read-only: an attempt to write through it throws and changes nothing.
	 * Exceptions thrown by {@code work}, Jena's included, propagate unchanged.
	 * @param <T> the result type
	 * @param work what to read; must not keep the connection
	 * @return what {@code work} returned
	 * @throws IllegalStateException if the store has been closed
	 */
	<T> T read(Function<RDFConnection, T> work);

	/**
	 * Executes a SPARQL Update request atomically: all of its operations take effect, or
	 * none does.
	 * <p>
	 * TDB2: one write transaction. Remote: one SPARQL Update request, which a Fuseki
	 * server executes in one transaction.
	 * @param request the operations to execute, in order
	 * @throws GraphStoreException if the request failed; the dataset is unchanged, except
	 * when a remote store loses the connection after sending the request, in which case
	 * the exception message says that the outcome is unknown
	 * @throws IllegalStateException if the store has been closed
	 */
	void update(UpdateRequest request);

	/**
	 * Executes a SPARQL Update request and then adds quads, all in one atomic write: as
	 * {@link #update(UpdateRequest)} with an {@code INSERT DATA} of {@code additions}
	 * appended to the request, with the same guarantees, but without building the
	 * insertion as SPARQL first.
	 * <p>
	 * TDB2 writes the quads index by index, each in that index's key order, which makes
	 * large additions several times cheaper than one quad after the other. Remote: one
	 * SPARQL Update request.
	 * @param request the operations to execute first, in order; may be empty
	 * @param additions the quads to add afterwards, each in a named graph; quads already
	 * present are kept once
	 * @throws IllegalArgumentException if a quad is not in a named graph or not concrete
	 * @throws GraphStoreException if the write failed; the dataset is unchanged, with the
	 * same exception for a lost connection as {@link #update(UpdateRequest)}
	 * @throws IllegalStateException if the store has been closed
	 */
	void update(UpdateRequest request, Collection<Quad> additions);

	/**
	 * Adds every triple of {@code model} to the named graph {@code graphIri}, creating
	 * the graph if needed and keeping the triples it already has (the SPARQL Graph Store
	 * Protocol's POST). Atomic, like {@link #update}.
	 * @param graphIri the absolute IRI of the named graph
	 * @param model the triples to add
	 * @throws IllegalArgumentException if {@code graphIri} is not an absolute IRI
	 * @throws GraphStoreException if the write failed, with the same guarantee as
	 * {@link #update}
	 * @throws IllegalStateException if the store has been closed
	 */
	void addGraph(String graphIri, Model model);

	/**
	 * Checks that the store answers a trivial query now. Remote stores give up after the
	 * configured connect timeout.
	 * @throws GraphStoreException naming the store and why it cannot be used
	 */
	void probe();

	/**
	 * Says where the data lives, for logs and health reports: {@code "TDB2 at /path"} or
	 * {@code "SPARQL endpoint http://host/dataset"}. Never contains credentials.
	 * @return a one-line description
	 */
	String description();

	/**
	 * Releases the store: TDB2 closes its files and its lock on the directory.
	 * Idempotent. {@link GraphStores#close()} closes every store it opened; do not close
	 * a store obtained from {@link GraphStores} yourself.
	 */
	@Override
	void close();

}
