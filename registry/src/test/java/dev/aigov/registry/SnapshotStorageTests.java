package dev.aigov.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.internal.RevisionStore;
import org.apache.jena.update.UpdateFactory;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static dev.aigov.registry.RegistryFixture.OWNER;
import static dev.aigov.registry.RegistryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where revisions live (ADR 014): the latest state only in the current graph, a
 * superseded one moved whole (metrics included) into its snapshot graph, and stores
 * written before ADR 014, which also hold the latest state in its snapshot graph, read
 * and change the same.
 */
class SnapshotStorageTests {

	private static final String PREFIXES = "PREFIX aigov: <https://aigov.dev/ns#> ";

	private final RegistryFixture fixture = new RegistryFixture();

	private final RegistryService registry = this.fixture.registry;

	private final EntityRef evaluation = new EntityRef(Kind.EVALUATION, "accuracy");

	@Test
	void theLatestStateLivesOnlyInTheCurrentGraphAndASupersededOneMovesWholeToItsSnapshot() {
		this.fixture.draftVersion("v1", "olga");
		long others = triplesOf(RevisionStore.CURRENT);
		this.fixture.create(Kind.EVALUATION, OWNER, "id", "accuracy", "modelVersion", "v1", "evaluationKind",
				"accuracy", "metrics", List.of(metric("accuracy", 0.81), metric("recall", 0.7), metric("f1", 0.74)));
		long firstState = triplesOf(RevisionStore.CURRENT) - others;
		assertThat(triplesOf(snapshot(1))).isZero();

		this.fixture.clock.set(T0.plusSeconds(60));
		this.registry.update(this.evaluation, Map.of("modelVersion", "v1", "evaluationKind", "accuracy", "metrics",
				List.of(metric("accuracy", 0.83))), OWNER, 1);

		// Revision 1 with its three metrics and the PROV super-properties, as it was.
		assertThat(triplesOf(snapshot(1))).isEqualTo(firstState);
		assertThat(ask("ASK { GRAPH <%s> { <%s/metric/2> aigov:metricName \"f1\" } }".formatted(snapshot(1),
				this.evaluation.iri())))
			.isTrue();
		assertThat(ask("ASK { GRAPH <%s> { <%s> <http://www.w3.org/ns/prov#used> ?v } }".formatted(snapshot(1),
				this.evaluation.iri())))
			.isTrue();
		assertThat(triplesOf(snapshot(2))).isZero();
		// The current graph holds revision 2 only: no metric of revision 1 is left.
		assertThat(ask(
				"ASK { GRAPH <%s> { <%s/metric/2> ?p ?o } }".formatted(RevisionStore.CURRENT, this.evaluation.iri())))
			.isFalse();
		// Two metrics of three triples each and their two links are gone.
		assertThat(triplesOf(RevisionStore.CURRENT)).isEqualTo(others + firstState - 8);

		assertThat(this.registry.revision(this.evaluation, 1).fields().get("metrics"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.hasSize(3);
		assertThat(this.registry.get(this.evaluation, T0).fields().get("metrics"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.hasSize(3);
		assertThat(this.registry.get(this.evaluation).fields().get("metrics"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactly(Map.of("name", "accuracy", "value", new java.math.BigDecimal("0.83")));
	}

	@Test
	void anAsOfResumeFindsWhatPointsAtTheVersionThroughALatestRevision() {
		this.fixture.draftVersion("v1", "olga");
		Instant evaluated = T0.plusSeconds(60);
		this.fixture.clock.set(evaluated);
		this.fixture.create(Kind.EVALUATION, OWNER, "id", "accuracy", "modelVersion", "v1", "evaluationKind",
				"accuracy", "metrics", List.of(metric("accuracy", 0.81)));

		assertThat(this.fixture.reader.read("v1", evaluated).all(Kind.EVALUATION)).hasSize(1);
		assertThat(this.fixture.reader.read("v1", evaluated.minusSeconds(1)).all(Kind.EVALUATION)).isEmpty();
	}

	@Test
	void aStoreWrittenBeforeAdr014ReadsAndChangesTheSame() {
		this.fixture.draftVersion("v1", "olga");
		this.fixture.create(Kind.EVALUATION, OWNER, "id", "accuracy", "modelVersion", "v1", "evaluationKind",
				"accuracy", "metrics", List.of(metric("accuracy", 0.81), metric("recall", 0.7)));
		ResumeEntity written = this.registry.get(this.evaluation);
		// The layout of ADR 005: the latest state in its snapshot graph as well.
		this.fixture.store
			.update(UpdateFactory.create("INSERT { GRAPH <%s> { ?s ?p ?o } } WHERE { GRAPH <%s> { ?s ?p ?o } }"
				.formatted(snapshot(1), RevisionStore.CURRENT)));
		this.fixture.store.update(UpdateFactory.create(PREFIXES + """
				DELETE { GRAPH <%1$s> { ?s ?p ?o } } WHERE { GRAPH <%1$s> { ?s ?p ?o
				  FILTER(?s != <%2$s> && !STRSTARTS(STR(?s), "%2$s/")) } }""".formatted(snapshot(1),
				this.evaluation.iri())));
		long legacySnapshot = triplesOf(snapshot(1));
		assertThat(legacySnapshot).isPositive();

		assertThat(this.registry.get(this.evaluation)).isEqualTo(written);
		assertThat(this.registry.revision(this.evaluation, 1)).isEqualTo(written);

		this.fixture.clock.set(T0.plusSeconds(60));
		this.registry.update(this.evaluation,
				Map.of("modelVersion", "v1", "evaluationKind", "fairness", "metrics", List.of(metric("accuracy", 0.9))),
				OWNER, 1);

		assertThat(triplesOf(snapshot(1))).isEqualTo(legacySnapshot);
		assertThat(this.registry.revision(this.evaluation, 1).fields()).isEqualTo(written.fields());
		assertThat(this.registry.get(this.evaluation, T0).fields()).isEqualTo(written.fields());
		assertThat(this.registry.get(this.evaluation).fields()).containsEntry("evaluationKind", "fairness");
		assertThat(ask(
				"ASK { GRAPH <%s> { <%s/metric/1> ?p ?o } }".formatted(RevisionStore.CURRENT, this.evaluation.iri())))
			.isFalse();
	}

	private String snapshot(int number) {
		return RevisionStore.SNAPSHOT + "evaluation/accuracy/" + number;
	}

	private static Map<String, Object> metric(String name, double value) {
		return Map.of("name", name, "value", value);
	}

	private long triplesOf(String graph) {
		return this.fixture.store.read((connection) -> {
			long[] count = { 0 };
			connection.querySelect("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }".formatted(graph),
					(row) -> count[0] = row.getLiteral("n").getLong());
			return count[0];
		});
	}

	private boolean ask(String query) {
		return this.fixture.store.read((connection) -> connection.queryAsk(PREFIXES + query));
	}

}
