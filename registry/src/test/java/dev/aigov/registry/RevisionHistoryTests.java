package dev.aigov.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.aigov.registry.RegistryFixture.OFFICER;
import static dev.aigov.registry.RegistryFixture.OWNER;
import static dev.aigov.registry.RegistryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * History is never overwritten: every change is a revision with author and time, any
 * instant reads back what was known then, revisions compare field by field, and a refused
 * change leaves the store as it was.
 */
class RevisionHistoryTests {

	private final RegistryFixture fixture = new RegistryFixture();

	private final RegistryService registry = this.fixture.registry;

	private final EntityRef loans = new EntityRef(Kind.DATASET, "loans");

	@Test
	void everyChangeIsANewRevisionWithItsAuthorAndTime() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "Loans", "publisher", "Bank");
		this.fixture.clock.set(T0.plusSeconds(60));
		this.registry.update(this.loans, Map.of("name", "Loan applications"), OFFICER, 1);

		assertThat(this.registry.revisions(this.loans)).containsExactly(new RevisionInfo(this.loans, 1, T0, "olga"),
				new RevisionInfo(this.loans, 2, T0.plusSeconds(60), "chen"));
		assertThat(this.registry.revision(this.loans, 1).fields()).containsEntry("name", "Loans")
			.containsEntry("publisher", "Bank");
		assertThat(this.registry.get(this.loans).fields()).containsEntry("name", "Loan applications")
			.doesNotContainKey("publisher");
	}

	@Test
	void asOfReadsTheRevisionInForceAtThatInstantBoundariesIncluded() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "First");
		Instant second = T0.plusSeconds(3600);
		this.fixture.clock.set(second);
		this.registry.update(this.loans, Map.of("name", "Second"), OWNER, 1);

		assertThatExceptionOfType(ResumeNotFoundException.class)
			.isThrownBy(() -> this.registry.get(this.loans, T0.minusNanos(1000)))
			.withMessageContaining("did not exist at");
		assertThat(this.registry.get(this.loans, T0).fields()).containsEntry("name", "First");
		assertThat(this.registry.get(this.loans, second.minusNanos(1000)).revision().number()).isEqualTo(1);
		assertThat(this.registry.get(this.loans, second).fields()).containsEntry("name", "Second");
		assertThat(this.registry.get(this.loans, second.plusSeconds(86_400)).revision().number()).isEqualTo(2);
	}

	@Test
	void revisionsWithinOneClockTickStillGetStrictlyLaterTimes() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "First");
		this.registry.update(this.loans, Map.of("name", "Second"), OWNER, 1);
		this.registry.update(this.loans, Map.of("name", "Third"), OWNER, 2);

		List<RevisionInfo> revisions = this.registry.revisions(this.loans);
		assertThat(revisions).extracting(RevisionInfo::at).containsExactly(T0, T0.plusNanos(1000), T0.plusNanos(2000));
		// Each instant still names exactly one state.
		assertThat(this.registry.get(this.loans, T0).fields()).containsEntry("name", "First");
		assertThat(this.registry.get(this.loans, T0.plusNanos(1000)).fields()).containsEntry("name", "Second");
	}

	@Test
	void aDiffNamesOnlyTheChangedFieldsWithTheirOldAndNewValues() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "Loans", "publisher", "Bank", "owner", "olga");
		this.registry.update(this.loans, Map.of("name", "Loans", "description", "Applications 2025", "owner", "olga"),
				OWNER, 1);

		RevisionDiff diff = this.registry.diff(this.loans, 1, 2);

		assertThat(diff.changes()).containsOnlyKeys("publisher", "description");
		assertThat(diff.changes().get("publisher")).isEqualTo(new RevisionDiff.Change("Bank", null));
		assertThat(diff.changes().get("description")).isEqualTo(new RevisionDiff.Change(null, "Applications 2025"));
		assertThat(diff.from().number()).isEqualTo(1);
		assertThat(diff.to().number()).isEqualTo(2);
	}

	@Test
	void aChangeBasedOnAStaleRevisionIsRefusedAndChangesNothing() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "First");
		this.registry.update(this.loans, Map.of("name", "Second"), OWNER, 1);
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(ResumeConflictException.class)
			.isThrownBy(() -> this.registry.update(this.loans, Map.of("name", "Lost update"), OFFICER, 1))
			.withMessageContaining("revision 2, not 1");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
		assertThat(this.registry.get(this.loans).fields()).containsEntry("name", "Second");
	}

	@Test
	void aDuplicateIdIsAConflictAndChangesNothing() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "First");
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(ResumeConflictException.class)
			.isThrownBy(() -> this.fixture.create(Kind.DATASET, OFFICER, "id", "loans", "name", "Second"))
			.withMessageContaining("already exists");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
	}

	@Test
	void anUnknownReferenceOrFieldIsRefusedNamingTheFieldAndChangesNothing() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "Loans");
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(InvalidResumeException.class)
			.isThrownBy(() -> this.fixture.create(Kind.DATASET_VERSION, OWNER, "id", "v1", "dataset", "no-such",
					"version", "1", "licenseExpression", "CC-BY-4.0", "sensitivity", "internal", "containsPersonalData",
					false))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("dataset"))
			.withMessageContaining("does not exist");
		assertThatExceptionOfType(InvalidResumeException.class)
			.isThrownBy(() -> this.registry.update(this.loans, Map.of("name", "Loans", "colour", "red"), OWNER, 1))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("colour"));

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
	}

	@Test
	void aDerivationCycleThroughStoredRevisionsIsRefusedAndChangesNothing() {
		this.fixture.datasetVersion("a");
		this.fixture.datasetVersion("b", "derivedFrom", List.of("a"));
		this.fixture.datasetVersion("c", "derivedFrom", List.of("b"));
		long quads = this.fixture.store.quadCount();
		EntityRef a = new EntityRef(Kind.DATASET_VERSION, "a");
		Map<String, Object> closingTheLoop = new java.util.LinkedHashMap<>(this.registry.get(a).fields());
		closingTheLoop.put("derivedFrom", List.of("c"));

		assertThatExceptionOfType(InvalidResumeException.class)
			.isThrownBy(() -> this.registry.update(a, closingTheLoop, OWNER, 1))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("derivedFrom"))
			.withMessageContaining("cycle");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
		assertThat(this.registry.get(a).fields()).doesNotContainKey("derivedFrom");
	}

	@Test
	void anEntityCannotDeriveFromItself() {
		this.fixture.datasetVersion("a");
		EntityRef a = new EntityRef(Kind.DATASET_VERSION, "a");
		Map<String, Object> self = new java.util.LinkedHashMap<>(this.registry.get(a).fields());
		self.put("derivedFrom", List.of("a"));

		assertThatExceptionOfType(InvalidResumeException.class)
			.isThrownBy(() -> this.registry.update(a, self, OWNER, 1))
			.withMessageContaining("derive from itself");
	}

	@Test
	void aModelVersionsContentFreezesOnceSubmitted() {
		this.fixture.draftVersion("v1", "olga");
		this.fixture.workflow().submit("v1", OWNER);
		EntityRef v1 = new EntityRef(Kind.MODEL_VERSION, "v1");
		long quads = this.fixture.store.quadCount();

		assertThatExceptionOfType(ResumeConflictException.class)
			.isThrownBy(() -> this.registry.update(v1, Map.of("model", "model-olga", "version", "1.1"), OWNER, null))
			.withMessageContaining("frozen");

		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
	}

	@Test
	void everyWriteTellsWhichEntitiesAndVersionsChanged() {
		this.fixture.draftVersion("v1", "olga");

		assertThat(this.fixture.events).last()
			.isEqualTo(new ResumeEvents.ResumeChanged(List.of(new EntityRef(Kind.MODEL_VERSION, "v1")),
					List.of(new EntityRef(Kind.MODEL_VERSION, "v1")), "olga", T0));
	}

}
