package dev.aigov.lineage;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.aigov.lineage.internal.RemoteGraphStore;
import dev.aigov.lineage.internal.Tdb2GraphStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The appliance's named datasets, each one {@link GraphStore}, all of the same kind: TDB2
 * directories {@code <location>/<name>}, or the Fuseki datasets {@code <endpoint>/<name>}
 * when an endpoint is configured. Datasets are separate stores: nothing written to one is
 * visible in another.
 * <p>
 * A store is opened on first use and cached; closing this object closes them all.
 * Thread-safe. A TDB2 location must be opened by one {@code GraphStores} at a time: TDB2
 * refuses a second process, and within one JVM closing either would close both.
 */
public final class GraphStores implements AutoCloseable {

	/** The AI production résumé graph, which auditors may query. */
	public static final String LINEAGE = "lineage";

	/** Accounts and keys; must never be exposed through the auditors' SPARQL endpoint. */
	public static final String SYSTEM = "system";

	private static final Pattern DATASET_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

	private static final Log logger = LogFactory.getLog(GraphStores.class);

	private final Map<String, GraphStore> stores = new ConcurrentHashMap<>();

	private final Function<String, GraphStore> opener;

	private final AutoCloseable sharedResources;

	private boolean closed;

	/**
	 * Prepares the datasets described by {@code properties}; opens nothing yet.
	 * @param properties where the datasets live
	 */
	public GraphStores(GraphStoreProperties properties) {
		Objects.requireNonNull(properties, "properties");
		if (properties.isRemote()) {
			HttpClient httpClient = RemoteGraphStore.httpClient(properties.username(), properties.password(),
					properties.connectTimeout());
			URI endpoint = properties.endpoint();
			this.opener = (name) -> new RemoteGraphStore(datasetUrl(endpoint, name), httpClient,
					properties.connectTimeout());
			this.sharedResources = httpClient::close;
		}
		else {
			Path root = properties.location().toAbsolutePath().normalize();
			this.opener = (name) -> new Tdb2GraphStore(root.resolve(name));
			this.sharedResources = () -> {
			};
		}
	}

	private static String datasetUrl(URI endpoint, String name) {
		String base = endpoint.toString();
		return (base.endsWith("/") ? base : base + "/") + name;
	}

	/**
	 * Returns the store of dataset {@code name}, opening it (and for TDB2 creating it) on
	 * first use.
	 * @param name the dataset name: lower-case letters, digits and '-', starting with a
	 * letter, such as {@link #LINEAGE}
	 * @return the store, the same instance on every call until {@link #close()}
	 * @throws IllegalArgumentException if the name is not a valid dataset name
	 * @throws IllegalStateException if this object has been closed
	 * @throws GraphStoreException if a TDB2 store cannot be opened (for example, another
	 * process holds its directory)
	 */
	public GraphStore store(String name) {
		Objects.requireNonNull(name, "name");
		GraphStore store = this.stores.get(name);
		return (store != null) ? store : open(name);
	}

	private synchronized GraphStore open(String name) {
		if (this.closed) {
			throw new IllegalStateException("Graph stores are closed; cannot open dataset '" + name + "'");
		}
		if (!DATASET_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid dataset name '" + name
					+ "': use lower-case letters, digits and '-', starting with a letter, at most 63 characters");
		}
		return this.stores.computeIfAbsent(name, (key) -> {
			GraphStore store = this.opener.apply(key);
			logger.info("Opened dataset '" + key + "': " + store.description());
			return store;
		});
	}

	/**
	 * Names the datasets opened so far.
	 * @return the names, sorted
	 */
	public Set<String> openDatasets() {
		return new TreeSet<>(this.stores.keySet());
	}

	/**
	 * Closes every store opened through this object. Idempotent; later calls to
	 * {@link #store} fail.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		RuntimeException failure = null;
		for (GraphStore store : this.stores.values()) {
			try {
				store.close();
			}
			catch (RuntimeException ex) {
				failure = addFailure(failure, ex);
			}
		}
		this.stores.clear();
		try {
			this.sharedResources.close();
		}
		catch (Exception ex) {
			failure = addFailure(failure, new IllegalStateException("Could not release graph store resources", ex));
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static RuntimeException addFailure(RuntimeException first, RuntimeException next) {
		if (first == null) {
			return next;
		}
		first.addSuppressed(next);
		return first;
	}

}
