package dev.aigov.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.aigov.registry.RegistryFixture.OFFICER;
import static dev.aigov.registry.RegistryFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Imports are parsed, checked and mapped outside the registry's write lock (ADR 015):
 * while one import is being written, another one gets as far as the lock. What depends on
 * the store is decided under the lock, so two imports in flight behave as if one ran
 * after the other.
 */
class ConcurrentImportTests {

	private final RegistryFixture fixture = new RegistryFixture();

	/** Opened once the first import has reached its write. */
	private final CountDownLatch firstWriting = new CountDownLatch(1);

	/** Lets the first import's write go on. */
	private final CountDownLatch releaseFirst = new CountDownLatch(1);

	@BeforeEach
	void theFirstWriteWaitsUntilReleased() {
		this.fixture.create(Kind.DATASET, OWNER, "id", "loans", "name", "Loans");
		this.fixture.store.beforeWrite = () -> {
			if (this.firstWriting.getCount() > 0) {
				this.firstWriting.countDown();
				await(this.releaseFirst);
			}
		};
	}

	/** Each import in the background on a thread of its own. */
	private final ExecutorService clients = Executors.newCachedThreadPool();

	@AfterEach
	void release() {
		this.releaseFirst.countDown();
		this.clients.shutdownNow();
	}

	@Test
	void ofTwoImportsOfTheSameNewIdTheSecondIsRefusedAndRecordsNothing() throws Exception {
		CompletableFuture<List<ResumeEntity>> first = importInBackground("""
				id:dataset\\/credit a dcat:Dataset ; dcterms:title "Credit, first" .
				""");
		await(this.firstWriting);
		CompletableFuture<List<ResumeEntity>> second = importInBackground("""
				id:dataset\\/credit a dcat:Dataset ; dcterms:title "Credit, second" .
				id:dataset\\/other a dcat:Dataset ; dcterms:title "Other" .
				""");
		// The second import read the store before the first one wrote: it expects a new
		// entity, and only the check under the lock can tell it is not.
		Thread.sleep(200);
		assertThat(second).isNotDone();
		this.releaseFirst.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).singleElement()
			.satisfies((entity) -> assertThat(entity.fields()).containsEntry("name", "Credit, first"));
		long quads = this.fixture.store.quadCount();
		assertThat(second).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(ResumeConflictException.class)
			.withMessageContaining("dataset/credit changed meanwhile");
		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
		assertThat(this.fixture.registry.get(new EntityRef(Kind.DATASET, "credit")).fields()).containsEntry("name",
				"Credit, first");
		assertThat(this.fixture.registry.exists(new EntityRef(Kind.DATASET, "other"))).isFalse();
	}

	@Test
	void aBadImportFailsWhileAnotherIsBeingWrittenAndLeavesItAlone() throws Exception {
		CompletableFuture<List<ResumeEntity>> first = importInBackground("""
				id:dataset\\/credit a dcat:Dataset ; dcterms:title "Credit" .
				""");
		await(this.firstWriting);

		// Refused without waiting for the lock the first import holds.
		assertThatExceptionOfType(InvalidResumeException.class).isThrownBy(() -> importTurtle("""
				id:dataset-version\\/v1 a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/loans ;
				  dcat:version "1" ; aigov:licenseExpression "CC-BY-4.0" ; aigov:sensitivity aigov:Secret ;
				  aigov:containsPersonalData false .
				""")).satisfies((ex) -> assertThat(ex.field()).isEqualTo("sensitivity"));
		assertThat(first).isNotDone();
		this.releaseFirst.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		assertThat(this.fixture.registry.exists(new EntityRef(Kind.DATASET, "credit"))).isTrue();
		assertThat(this.fixture.registry.exists(new EntityRef(Kind.DATASET_VERSION, "v1"))).isFalse();
	}

	@Test
	void aReferenceToAnEntityThatAnImportInFlightRecordsHoldsOnceItIsRecorded() throws Exception {
		CompletableFuture<List<ResumeEntity>> first = importInBackground("""
				id:dataset\\/credit a dcat:Dataset ; dcterms:title "Credit" .
				""");
		await(this.firstWriting);
		// Mapped while "credit" is not recorded yet; the reference is settled under the
		// lock, after the first import wrote it.
		CompletableFuture<List<ResumeEntity>> second = importInBackground("""
				id:dataset-version\\/c1 a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/credit ;
				  dcat:version "1" ; aigov:licenseExpression "CC-BY-4.0" ; aigov:sensitivity aigov:Internal ;
				  aigov:containsPersonalData false .
				""");
		Thread.sleep(200);
		assertThat(second).isNotDone();
		this.releaseFirst.countDown();

		first.get(10, TimeUnit.SECONDS);
		assertThat(second.get(10, TimeUnit.SECONDS)).singleElement()
			.satisfies((entity) -> assertThat(entity.fields()).containsEntry("dataset", "credit"));
	}

	@Test
	void aReferenceThatNoImportRecordsIsReportedWithItsFieldAndRecordsNothing() throws Exception {
		CompletableFuture<List<ResumeEntity>> first = importInBackground("""
				id:dataset\\/credit a dcat:Dataset ; dcterms:title "Credit" .
				""");
		await(this.firstWriting);
		CompletableFuture<List<ResumeEntity>> second = importInBackground("""
				id:dataset-version\\/c1 a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/credit ;
				  dcat:version "1" ; aigov:licenseExpression "CC-BY-4.0" ; aigov:sensitivity aigov:Internal ;
				  aigov:containsPersonalData false .
				id:dataset-version\\/c2 a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/nowhere ;
				  dcat:version "2" ; aigov:licenseExpression "CC-BY-4.0" ; aigov:sensitivity aigov:Internal ;
				  aigov:containsPersonalData false .
				""");
		Thread.sleep(200);
		this.releaseFirst.countDown();

		first.get(10, TimeUnit.SECONDS);
		long quads = this.fixture.store.quadCount();
		assertThat(second).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(InvalidResumeException.class)
			.withMessageContaining("refers to dataset 'nowhere', which does not exist")
			.satisfies((ex) -> assertThat(((InvalidResumeException) ex).field()).isEqualTo("dataset"));
		assertThat(this.fixture.store.quadCount()).isEqualTo(quads);
		assertThat(this.fixture.registry.exists(new EntityRef(Kind.DATASET_VERSION, "c1"))).isFalse();
	}

	private CompletableFuture<List<ResumeEntity>> importInBackground(String body) {
		return CompletableFuture.supplyAsync(() -> importTurtle(body), this.clients);
	}

	private List<ResumeEntity> importTurtle(String body) {
		return this.fixture.importer.importDocument(
				(RegistryFixture.TURTLE_PREFIXES + body).getBytes(StandardCharsets.UTF_8), "turtle", OFFICER);
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timed out waiting for the other import");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
