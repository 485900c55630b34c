package dev.aigov.lineage;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link LineageConfiguration} in a Spring context: properties bound, stores opened where
 * configured, health reported, everything closed with the context.
 */
class LineageConfigurationIntegrationTests {

	@TempDir
	Path location;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(LineageConfiguration.class);

	@Test
	void providesGraphStoresAtTheConfiguredLocationAndReportsThemHealthy() {
		this.contextRunner.withPropertyValues("aigov.graph.location=" + this.location).run((context) -> {
			GraphStores stores = context.getBean(GraphStores.class);
			Health health = context.getBean("graphStoreHealthIndicator", HealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("lineage", "TDB2 at " + this.location.resolve("lineage"))
				.containsEntry("system", "TDB2 at " + this.location.resolve("system"));
			assertThat(stores.openDatasets()).containsExactly(GraphStores.LINEAGE, GraphStores.SYSTEM);
		});
	}

	@Test
	void healthIsDownWithTheReasonWhenAStoreCannotOpen() throws Exception {
		// A file where the dataset directory should be.
		Files.writeString(this.location.resolve("system"), "not a directory");

		this.contextRunner.withPropertyValues("aigov.graph.location=" + this.location).run((context) -> {
			Health health = context.getBean("graphStoreHealthIndicator", HealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("system", "unavailable");
			assertThat(health.getDetails().get("reason")).asString()
				.startsWith("system: Cannot open TDB2 at " + this.location.resolve("system"));
		});
	}

	@Test
	void closingTheContextClosesTheStores() {
		GraphStores[] stores = new GraphStores[1];
		this.contextRunner.withPropertyValues("aigov.graph.location=" + this.location).run((context) -> {
			stores[0] = context.getBean(GraphStores.class);
			stores[0].store(GraphStores.LINEAGE).probe();
		});

		assertThatIllegalStateException().isThrownBy(() -> stores[0].store(GraphStores.LINEAGE));
	}

	@Test
	void invalidSettingsFailTheStartWithTheReason() {
		this.contextRunner.withPropertyValues("aigov.graph.endpoint=http://user:pw@fuseki:3030").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("must not contain credentials");
		});
	}

}
