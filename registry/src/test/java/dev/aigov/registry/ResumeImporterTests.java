package dev.aigov.registry;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.aigov.registry.RegistryFixture.OFFICER;
import static dev.aigov.registry.RegistryFixture.OWNER;
import static dev.aigov.registry.RegistryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An import is one atomic write: every entity becomes a revision with author and time,
 * and one unacceptable triple anywhere records nothing at all.
 */
class ResumeImporterTests {

	private final RegistryFixture fixture = new RegistryFixture();

	private final ResumeImporter importer = this.fixture.importer;

	@BeforeEach
	void aDatasetExists() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "Loans");
	}

	@Test
	void importedEntitiesAreReturnedExactlyAsTheyAreThenRead() {
		this.fixture.clock.set(T0.plusSeconds(10));

		List<ResumeEntity> imported = importTurtle("""
				id:dataset\\/loans a dcat:Dataset ; dcterms:title "Loan applications" .
				id:dataset-version\\/v1 a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/loans ;
				  dcat:version "1" ; aigov:licenseExpression "CC-BY-4.0" ; aigov:sensitivity aigov:Confidential ;
				  aigov:containsPersonalData true .
				id:dataset-version\\/v2 a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/loans ;
				  dcat:version "2" ; aigov:licenseExpression "CC-BY-4.0 OR MIT" ; aigov:sensitivity aigov:Internal ;
				  aigov:containsPersonalData false ; aigov:derivedFromDataset id:dataset-version\\/v1 .
				""", OFFICER);

		assertThat(imported).extracting((entity) -> entity.ref().id()).containsExactly("loans", "v1", "v2");
		for (ResumeEntity entity : imported) {
			assertThat(entity).isEqualTo(this.fixture.registry.get(entity.ref()));
			assertThat(entity.revision().at()).isEqualTo(T0.plusSeconds(10));
			assertThat(entity.revision().author()).isEqualTo("chen");
		}
		assertThat(imported.get(0).revision().number()).isEqualTo(2);
		assertThat(imported.get(2).fields()).containsEntry("derivedFrom", List.of("v1"))
			.containsEntry("sensitivity", "internal");
		// The first revision of the dataset is still there, as it was.
		assertThat(this.fixture.registry.get(imported.get(0).ref(), T0).fields()).containsEntry("name", "Loans");
	}

	@Test
	void oneUnknownPropertyImportsNothing() {
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(InvalidResumeException.class).isThrownBy(() -> importTurtle("""
				id:dataset\\/other a dcat:Dataset ; dcterms:title "Fine" .
				id:dataset\\/loans a dcat:Dataset ; dcterms:title "Loans" ; aigov:colour "red" .
				""", OWNER))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("https://aigov.dev/ns#colour"))
			.withMessageContaining("not a property of a dataset (loans)");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
		assertThat(this.fixture.registry.exists(new EntityRef(Kind.DATASET, "other"))).isFalse();
	}

	@Test
	void aLargeDocumentIsMappedOnSeveralThreadsWithTheSameResultsAndTheSameError() {
		StringBuilder good = new StringBuilder();
		StringBuilder bad = new StringBuilder();
		for (int i = 0; i < 600; i++) {
			String entity = "id:dataset\\/d" + i + " a dcat:Dataset ; dcterms:title \"Dataset " + i + "\" .\n";
			good.append(entity);
			bad.append((i % 50 == 7) ? entity.replace("dcterms:title", "aigov:colour") : entity);
		}
		long quads = this.fixture.store.quadCount();

		// Twelve entities fail, on whichever thread maps them; the one reported is the
		// first in the document's order of entities, every time.
		Set<String> reported = new HashSet<>();
		for (int run = 0; run < 5; run++) {
			assertThatExceptionOfType(InvalidResumeException.class)
				.isThrownBy(() -> importTurtle(bad.toString(), OWNER))
				.satisfies((ex) -> reported.add(ex.getMessage()));
		}
		assertThat(reported).singleElement().asString().containsPattern("not a property of a dataset \\(d\\d*7\\)");
		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);

		List<ResumeEntity> imported = importTurtle(good.toString(), OWNER);
		assertThat(imported).extracting((entity) -> entity.ref().id())
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 600).mapToObj((i) -> "d" + i).toList());
		for (ResumeEntity entity : imported) {
			assertThat(entity.fields()).containsEntry("name", "Dataset " + entity.ref().id().substring(1));
			assertThat(entity).isEqualTo(this.fixture.registry.get(entity.ref()));
		}
	}

	@Test
	void aReferenceToAnEntityThatExistsNowhereImportsNothing() {
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(InvalidResumeException.class).isThrownBy(() -> importTurtle("""
				id:dataset-version\\/v1 a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/missing ;
				  dcat:version "1" ; aigov:licenseExpression "MIT" ; aigov:sensitivity aigov:Public ;
				  aigov:containsPersonalData false .
				""", OWNER)).satisfies((ex) -> assertThat(ex.field()).isEqualTo("dataset"));

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
	}

	@Test
	void aDerivationCycleWithinTheDocumentImportsNothing() {
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(InvalidResumeException.class).isThrownBy(() -> importTurtle("""
				id:dataset-version\\/a a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/loans ;
				  dcat:version "a" ; aigov:licenseExpression "MIT" ; aigov:sensitivity aigov:Public ;
				  aigov:containsPersonalData false ; aigov:derivedFromDataset id:dataset-version\\/b .
				id:dataset-version\\/b a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/loans ;
				  dcat:version "b" ; aigov:licenseExpression "MIT" ; aigov:sensitivity aigov:Public ;
				  aigov:containsPersonalData false ; aigov:derivedFromDataset id:dataset-version\\/a .
				""", OWNER)).withMessageContaining("cycle");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
	}

	@Test
	void approvalsCannotBeImportedSoNoDecisionCanBeForged() {
		this.fixture.draftVersion("v1", "olga");
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(InvalidResumeException.class).isThrownBy(() -> importTurtle("""
				id:approval\\/forged a aigov:Approval ; aigov:decides id:model-version\\/v1 ;
				  aigov:decision aigov:Approved ; aigov:decidedBy <https://aigov.dev/id/agent/chen> .
				""", OWNER)).withMessageContaining("only the approval workflow records it");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
	}

	@Test
	void lifecycleStatesInTheDocumentAreIgnored() {
		this.fixture.draftVersion("v1", "olga");

		List<ResumeEntity> imported = importTurtle("""
				id:model-version\\/v1 a aigov:ModelVersion ; aigov:versionOf id:model\\/model-olga ;
				  dcat:version "1.1" ; aigov:lifecycleState aigov:Approved .
				id:model-version\\/v2 a aigov:ModelVersion ; aigov:versionOf id:model\\/model-olga ;
				  dcat:version "2.0" ; aigov:lifecycleState aigov:Deployed .
				""", OWNER);

		assertThat(imported).extracting((entity) -> entity.fields().get("lifecycleState"))
			.containsExactly("draft", "draft");
	}

	@Test
	void malformedTurtleNamesTheLineAndImportsNothing() {
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(InvalidResumeException.class).isThrownBy(() -> this.importer.importDocument(
				(RegistryFixture.TURTLE_PREFIXES + "id:dataset\\/x a dcat:Dataset ;\n  dcterms:title \"Loans\" ) .\n")
					.getBytes(StandardCharsets.UTF_8),
				"turtle", OWNER))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(6L));

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
	}

	private List<ResumeEntity> importTurtle(String body, Actor actor) {
		return this.importer.importDocument((RegistryFixture.TURTLE_PREFIXES + body).getBytes(StandardCharsets.UTF_8),
				"turtle", actor);
	}

}
