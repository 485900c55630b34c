package dev.aigov.lineage.internal;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStoreException;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.http.auth.AuthLib;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionFuseki;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.update.UpdateRequest;

/**
 * A {@link GraphStore} on one dataset of a Fuseki server, spoken to with SPARQL 1.1
 * Query, Update and the Graph Store Protocol over the dataset's standard services
 * ({@code query}, {@code update}, {@code data}, and the read-only {@code get}), using
 * Fuseki's compact RDF Thrift encoding where the protocol lets the client choose.
 * <p>
 * Each update is one HTTP request, which Fuseki executes in one transaction. Reads
 * connect without the update service and through the read-only graph service, so the
 * server refuses writes made through them.
 */
public final class RemoteGraphStore implements GraphStore {

	private final String datasetUrl;

	private final HttpClient httpClient;

	private final Duration probeTimeout;

	private final RDFConnection writeConnection;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Prepares requests to the dataset at {@code datasetUrl}; connects to nothing yet.
	 * @param datasetUrl the Fuseki dataset URL, such as {@code http://host:3030/lineage}
	 * @param httpClient the client to send requests with; shared, not closed by this
	 * store
	 * @param probeTimeout how long {@link #probe()} waits for an answer
	 */
	public RemoteGraphStore(String datasetUrl, HttpClient httpClient, Duration probeTimeout) {
		this.datasetUrl = Objects.requireNonNull(datasetUrl, "datasetUrl");
		this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
		this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
		this.writeConnection = RDFConnectionFuseki.newBuilder()
			.destination(datasetUrl)
			.httpClient(httpClient)
			.queryEndpoint("query")
			.updateEndpoint("update")
			.gspEndpoint("data")
			.build();
	}

	/**
	 * Builds the HTTP client that all datasets of one endpoint share.
	 * @param username the basic-auth user, or {@code null} for none
	 * @param password the basic-auth password, or {@code null} for none
	 * @param connectTimeout how long to wait for a TCP connection
	 * @return a new client; the caller closes it
	 */
	public static HttpClient httpClient(String username, String password, Duration connectTimeout) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL);
		if (username != null) {
			// Answers the server's 401 challenge; the JDK then reuses the credentials.
			builder.authenticator(AuthLib.authenticator(username, password));
		}
		return builder.build();
	}

	@Override
	public <T> T read(Function<RDFConnection, T> work) {
		Objects.requireNonNull(work, "work");
		checkOpen();
		try (RDFConnection connection = readConnection()) {
			return work.apply(connection);
		}
	}

	private RDFConnection readConnection() {
		return RDFConnectionFuseki.newBuilder()
			.destination(this.datasetUrl)
			.httpClient(this.httpClient)
			.queryEndpoint("query")
			.updateEndpoint(null)
			.gspEndpoint("get")
			.build();
	}

	@Override
	public void update(UpdateRequest request) {
		Objects.requireNonNull(request, "request");
		write("Update", () -> this.writeConnection.update(request));
	}

	@Override
	public void update(UpdateRequest request, Collection<Quad> additions) {
		Objects.requireNonNull(request, "request");
		GraphIris.requireNamedGraphQuads(additions);
		UpdateRequest combined = new UpdateRequest();
		request.getOperations().forEach(combined::add);
		if (!additions.isEmpty()) {
			combined.add(new UpdateDataInsert(new QuadDataAcc(List.copyOf(additions))));
		}
		update(combined);
	}

	@Override
	public void addGraph(String graphIri, Model model) {
		GraphIris.requireAbsolute(graphIri);
		Objects.requireNonNull(model, "model");
		write("Adding graph <" + graphIri + ">", () -> this.writeConnection.load(graphIri, model));
	}

	private void write(String what, Runnable action) {
		checkOpen();
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			throw new GraphStoreException(what + " failed on " + description() + writeOutcome(ex) + reason(ex), ex);
		}
	}

	/**
	 * Says what a failed write left behind. An error answer means the server aborted the
	 * transaction, and a request that never connected cannot have run; otherwise it may
	 * or may not have been executed.
	 */
	private static String writeOutcome(RuntimeException ex) {
		boolean notExecuted = statusCode(ex) > 0 || causedBy(ex, ConnectException.class)
				|| causedBy(ex, HttpConnectTimeoutException.class);
		return notExecuted ? ", nothing was changed: " : ", outcome unknown (no answer from the server): ";
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void probe() {
		try {
			checkOpen();
			try (RDFConnection connection = readConnection();
					QueryExecution ask = connection.newQuery()
						.query("ASK {}")
						.timeout(this.probeTimeout.toMillis(), TimeUnit.MILLISECONDS)
						.build()) {
				ask.execAsk();
			}
		}
		catch (RuntimeException ex) {
			throw new GraphStoreException(description() + " is unavailable: " + reason(ex), ex);
		}
	}

	private static int statusCode(RuntimeException ex) {
		if (ex instanceof HttpException http) {
			return http.getStatusCode();
		}
		if (ex instanceof QueryExceptionHTTP http) {
			return http.getStatusCode();
		}
		return -1;
	}

	/**
	 * Says why a request failed: the server's status and the first line of its error
	 * text, or, without an answer, what stopped the request (a bare
	 * {@code ConnectException} has no message of its own).
	 */
	private static String reason(RuntimeException ex) {
		int status = statusCode(ex);
		if (status > 0) {
			String explanation = (ex instanceof HttpException http) ? firstLine(http.getResponse()) : null;
			return "HTTP " + status + " " + statusText(ex) + ((explanation != null) ? ": " + explanation : "");
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (!(cause instanceof HttpException) && !(cause instanceof QueryExceptionHTTP)) {
				return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? " " + cause.getMessage() : "")
						+ " (" + ex.getMessage() + ")";
			}
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	/** Jena words the status as "Unauthorized" or "401 - Unauthorized": keep the text. */
	private static String statusText(RuntimeException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		int dash = message.indexOf(" - ");
		return (dash >= 0) ? message.substring(dash + 3) : message;
	}

	private static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String line = text.strip().lines().findFirst().orElse("");
		if (line.startsWith("<")) {
			// An HTML error page says nothing the status does not.
			return null;
		}
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

	@Override
	public String description() {
		return "SPARQL endpoint " + this.datasetUrl;
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.writeConnection.close();
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
