package dev.aigov.lineage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.JettySecurityLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The store contract against an embedded Fuseki 5 server on a free loopback port, serving
 * TDB2-backed {@code lineage} and {@code system} datasets behind HTTP basic auth; plus
 * what only a remote store can suffer: a server that goes away, wrong credentials.
 */
class FusekiGraphStoreIntegrationTests extends GraphStoreContract {

	private static final String USERNAME = "aigov";

	private static final String PASSWORD = "fuseki-test-password";

	@TempDir
	static Path serverDirectory;

	private static FusekiServer server;

	@BeforeAll
	static void startServer() {
		// An in-memory user store: Fuseki's password file is rescanned by a thread that
		// outlives the server.
		ConstraintSecurityHandler security = JettySecurityLib.makeSecurityHandler("aigov-test",
				JettySecurityLib.makeUserStore(USERNAME, PASSWORD), AuthScheme.BASIC);
		JettySecurityLib.addPathConstraint(security, "/*");
		server = fuseki(serverDirectory).securityHandler(security).serverAuthPolicy(Auth.ANY_USER).build().start();
	}

	@AfterAll
	static void stopServer() {
		stop(server);
	}

	@Override
	protected GraphStoreProperties properties() {
		return GraphStoreProperties.remote(URI.create(server.serverURL()), USERNAME, PASSWORD);
	}

	@Test
	void eachDatasetIsAFusekiDatasetUnderTheEndpoint() {
		assertThat(this.lineage.description()).isEqualTo("SPARQL endpoint " + server.datasetURL("lineage"));
	}

	@Test
	void wrongPasswordMakesTheProbeFailWithTheReason() {
		try (GraphStores stores = new GraphStores(
				GraphStoreProperties.remote(URI.create(server.serverURL()), USERNAME, "wrong"))) {
			assertThatExceptionOfType(GraphStoreException.class).isThrownBy(stores.store(GraphStores.LINEAGE)::probe)
				.withMessageContaining("is unavailable")
				.withMessageContaining("401 Unauthorized");
		}
	}

	@Test
	void healthGoesDownWithTheReasonWhenTheServerStops(@TempDir Path directory) {
		FusekiServer doomed = fuseki(directory).build().start();
		try (GraphStores stores = new GraphStores(
				GraphStoreProperties.remote(URI.create(doomed.serverURL()), null, null))) {
			GraphStoreHealthIndicator health = new GraphStoreHealthIndicator(stores);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);

			stop(doomed);
			Health down = health.health();

			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("lineage", "SPARQL endpoint " + doomed.datasetURL("lineage"));
			assertThat(down.getDetails().get("reason")).asString()
				.startsWith("lineage: SPARQL endpoint " + doomed.datasetURL("lineage") + " is unavailable: ")
				.contains("system: ");
		}
		finally {
			stop(doomed);
		}
	}

	private static FusekiServer.Builder fuseki(Path directory) {
		return FusekiServer.create()
			.loopback(true)
			.port(0)
			.add(GraphStores.LINEAGE, DatabaseMgr.connectDatasetGraph(directory.resolve("lineage").toString()))
			.add(GraphStores.SYSTEM, DatabaseMgr.connectDatasetGraph(directory.resolve("system").toString()));
	}

	private static void stop(FusekiServer fuseki) {
		if (fuseki.getJettyServer().isStopped()) {
			return;
		}
		List<DatasetGraph> datasets = fuseki.getDataAccessPointRegistry()
			.accessPoints()
			.stream()
			.map((accessPoint) -> accessPoint.getDataService().getDataset())
			.toList();
		fuseki.stop();
		datasets.forEach(FusekiGraphStoreIntegrationTests::release);
	}

	private static void release(DatasetGraph dataset) {
		// Releases the TDB2 files and lock so that the temporary directory can go.
		TDBInternal.expel(dataset);
	}

}
