package dev.aigov.lineage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Binding and validation of {@code aigov.graph.*}, and what {@link GraphStores} decides
 * from it without touching a disk or a network.
 */
class GraphStorePropertiesTests {

	@Test
	void defaultsUseTdb2UnderTheWorkingDirectory() {
		GraphStoreProperties properties = bind(Map.of());

		assertThat(properties.location()).isEqualTo(Path.of("data/tdb2"));
		assertThat(properties.endpoint()).isNull();
		assertThat(properties.isRemote()).isFalse();
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void recordBuiltByHandGetsTheSameDefaults() {
		assertThat(new GraphStoreProperties(null, null, null, null, null)).isEqualTo(bind(Map.of()));
	}

	@Test
	void endpointSwitchesToRemoteMode() {
		GraphStoreProperties properties = bind(
				Map.of("aigov.graph.endpoint", "http://fuseki:3030", "aigov.graph.username", "aigov",
						"aigov.graph.password", "s3cret", "aigov.graph.connect-timeout", "3s"));

		assertThat(properties.isRemote()).isTrue();
		assertThat(properties.endpoint()).isEqualTo(URI.create("http://fuseki:3030"));
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void emptyEndpointMeansEmbedded() {
		assertThat(bind(Map.of("aigov.graph.endpoint", "")).isRemote()).isFalse();
	}

	@Test
	void toStringNeverShowsThePassword() {
		GraphStoreProperties properties = GraphStoreProperties.remote(URI.create("http://fuseki:3030"), "aigov",
				"s3cret");

		assertThat(properties.toString()).contains("username=aigov").doesNotContain("s3cret");
	}

	@Test
	void rejectsEndpointsThatAreNotPlainHttpUrls() {
		assertThatIllegalArgumentException().isThrownBy(() -> remote("fuseki:3030")).withMessageContaining("http");
		assertThatIllegalArgumentException().isThrownBy(() -> remote("ftp://fuseki/")).withMessageContaining("http");
		assertThatIllegalArgumentException().isThrownBy(() -> remote("http://user:pw@fuseki:3030"))
			.withMessageContaining("must not contain credentials")
			.withMessageNotContaining("pw@");
		assertThatIllegalArgumentException().isThrownBy(() -> remote("http://fuseki:3030/?x=1"))
			.withMessageContaining("without query");
	}

	@Test
	void usernameAndPasswordComeTogether() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GraphStoreProperties.remote(URI.create("http://fuseki:3030"), "aigov", null))
			.withMessageContaining("together");
	}

	@Test
	void connectTimeoutMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GraphStoreProperties(null, null, null, null, Duration.ZERO))
			.withMessageContaining("connect-timeout");
	}

	@Test
	void remoteDatasetsLiveUnderTheEndpoint() {
		try (GraphStores stores = new GraphStores(
				GraphStoreProperties.remote(URI.create("http://fuseki:3030/"), "aigov", "s3cret"))) {
			assertThat(stores.store(GraphStores.LINEAGE).description())
				.isEqualTo("SPARQL endpoint http://fuseki:3030/lineage");
			assertThat(stores.store(GraphStores.LINEAGE)).isSameAs(stores.store(GraphStores.LINEAGE));
			assertThat(stores.openDatasets()).containsExactly(GraphStores.LINEAGE);
		}
	}

	@Test
	void datasetNamesCannotEscapeTheLocation() {
		try (GraphStores stores = new GraphStores(
				GraphStoreProperties.remote(URI.create("http://fuseki:3030"), null, null))) {
			for (String name : new String[] { "../system", "a/b", "", "Lineage", "-x" }) {
				assertThatIllegalArgumentException().as(name)
					.isThrownBy(() -> stores.store(name))
					.withMessageContaining("Invalid dataset name");
			}
		}
	}

	@Test
	void closedStoresOpenNothing() {
		GraphStores stores = new GraphStores(GraphStoreProperties.remote(URI.create("http://fuseki:3030"), null, null));
		stores.close();

		assertThatIllegalStateException().isThrownBy(() -> stores.store(GraphStores.LINEAGE));
	}

	private static GraphStoreProperties remote(String endpoint) {
		return GraphStoreProperties.remote(URI.create(endpoint), null, null);
	}

	private static GraphStoreProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("aigov.graph",
				GraphStoreProperties.class);
	}

}
