package dev.aigov.audit.internal;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aigov.audit.internal.Journal.Forcer;
import dev.aigov.audit.internal.Journal.JournalException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How appends wait for durability: overlapping syncs, counted in the order they started,
 * failing closed. The file system's sync is replaced by one the test holds and releases.
 */
class JournalSyncTests {

	private static final byte[] RECORD = "{\"r\":1}".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path dir;

	private Journal journal;

	/** One thread per waiter: the common pool may have a single thread on two cores. */
	private final ExecutorService waiters = Executors.newCachedThreadPool();

	@AfterEach
	void close() {
		this.waiters.shutdownNow();
		if (this.journal != null) {
			this.journal.close();
		}
	}

	private Journal open(Forcer forcer) throws IOException {
		return open(forcer, 1 << 20);
	}

	private Journal open(Forcer forcer, long segmentBytes) throws IOException {
		this.journal = Journal.open(this.dir, segmentBytes, 1L << 30,
				() -> "{\"streams\":{}}".getBytes(StandardCharsets.UTF_8), (entry) -> {
				}, forcer);
		return this.journal;
	}

	private CompletableFuture<Void> appendAndAwait(Journal journal) {
		long index = journal.write(Journal.RECORD, RECORD);
		long epoch = journal.epoch();
		return CompletableFuture.runAsync(() -> journal.awaitDurable(index, epoch), this.waiters);
	}

	@Test
	void anEntryWrittenDuringASyncStartsTheNextSyncAtOnceAndBecomesDurableOnlyAfterTheFirst() throws Exception {
		HeldSyncs syncs = new HeldSyncs();
		Journal journal = open(syncs);
		CompletableFuture<Void> first = appendAndAwait(journal);
		syncs.awaitStarted(1);
		CompletableFuture<Void> second = appendAndAwait(journal);
		// The second entry does not wait for the first sync to end: its own sync starts.
		syncs.awaitStarted(2);
		assertThat(syncs.underWay.get()).isEqualTo(2);
		syncs.release(2);
		// Its sync is done, but the one that started first is not: not durable yet.
		syncs.awaitFinished(1);
		Thread.sleep(50);
		assertThat(second).isNotDone();
		assertThat(journal.durableIndex()).isZero();
		syncs.release(1);
		first.get(5, TimeUnit.SECONDS);
		second.get(5, TimeUnit.SECONDS);
		assertThat(journal.durableIndex()).isEqualTo(2);
	}

	@Test
	void noMoreThanTheLimitOfSyncsRunAtOnceAndLaterEntriesJoinTheNextOne() throws Exception {
		int limit = Journal.CONCURRENT_SYNCS;
		HeldSyncs syncs = new HeldSyncs();
		Journal journal = open(syncs);
		List<CompletableFuture<Void>> underWay = new ArrayList<>();
		for (int i = 1; i <= limit; i++) {
			underWay.add(appendAndAwait(journal));
			syncs.awaitStarted(i);
		}
		CompletableFuture<Void> later = appendAndAwait(journal);
		CompletableFuture<Void> latest = appendAndAwait(journal);
		Thread.sleep(100);
		assertThat(syncs.started.get()).as("the limit of syncs under way").isEqualTo(limit);
		for (int i = 1; i <= limit; i++) {
			syncs.release(i);
		}
		for (CompletableFuture<Void> append : underWay) {
			append.get(5, TimeUnit.SECONDS);
		}
		// Both later entries were written before the next sync read the journal's end:
		// one sync makes both durable.
		syncs.awaitStarted(limit + 1);
		syncs.releaseAll();
		later.get(5, TimeUnit.SECONDS);
		latest.get(5, TimeUnit.SECONDS);
		assertThat(syncs.maxUnderWay.get()).isEqualTo(limit);
		assertThat(syncs.started.get()).as("one sync for both").isEqualTo(limit + 1);
		assertThat(journal.durableIndex()).isEqualTo(limit + 2);
	}

	@Test
	void whenTheEarlierOfTwoSyncsFailsTheLaterOneMakesNothingDurable() throws Exception {
		HeldSyncs syncs = new HeldSyncs();
		syncs.failing = 1;
		Journal journal = open(syncs);
		CompletableFuture<Void> first = appendAndAwait(journal);
		syncs.awaitStarted(1);
		CompletableFuture<Void> second = appendAndAwait(journal);
		syncs.awaitStarted(2);
		syncs.release(2);
		syncs.awaitFinished(1);
		syncs.release(1);
		assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalException.class);
		assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalException.class)
			.cause()
			.hasMessageContaining("cannot force the audit journal");
		assertThat(journal.durableIndex()).isZero();
		assertThat(journal.failure()).contains("cannot force the audit journal");
		assertThatThrownBy(() -> journal.write(Journal.RECORD, RECORD)).isInstanceOf(JournalException.class);
	}

	@Test
	void aSyncWhoseChannelWasClosedByAnInterruptIsNotTakenForDurable() throws Exception {
		Journal journal = open((channel) -> {
			throw new ClosedByInterruptException();
		});
		long index = journal.write(Journal.RECORD, RECORD);
		assertThatThrownBy(() -> journal.awaitDurable(index, journal.epoch())).isInstanceOf(JournalException.class)
			.hasMessageContaining("ClosedByInterruptException");
		assertThat(journal.durableIndex()).isZero();
	}

	/**
	 * Appends a record whose sync is held, then two more and a fourth that rolls the
	 * 64-byte segment over, forcing it while sync 1 is still under way (the roll-over's
	 * own sync, number 2, is released).
	 */
	private RollOver rollOverWhileTheFirstSyncIsHeld(Journal journal, HeldSyncs syncs) throws InterruptedException {
		CompletableFuture<Void> first = appendAndAwait(journal);
		syncs.awaitStarted(1);
		journal.write(Journal.RECORD, RECORD);
		long third = journal.write(Journal.RECORD, RECORD);
		syncs.release(2);
		journal.write(Journal.RECORD, RECORD);
		return new RollOver(first, third);
	}

	private record RollOver(CompletableFuture<Void> first, long third) {
	}

	@Test
	void aRollOverDuringAnEarlierSyncMakesNothingDurableBeforeThatSyncSucceeds() throws Exception {
		HeldSyncs syncs = new HeldSyncs();
		syncs.failing = 1;
		// HEADS (23 bytes) and three records (16 each) pass 64 bytes: the fourth write
		// rolls over, forcing the first segment while sync 1 is still under way.
		Journal journal = open(syncs, 64);
		RollOver rollOver = rollOverWhileTheFirstSyncIsHeld(journal, syncs);
		CompletableFuture<Void> first = rollOver.first();
		long third = rollOver.third();
		assertThat(syncs.started.get()).as("the roll-over forced the segment").isEqualTo(2);
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> journal.awaitDurable(third, journal.epoch()),
				this.waiters);
		Thread.sleep(50);
		assertThat(journal.durableIndex()).as("sync 1 has not succeeded").isZero();
		assertThat(waiting).isNotDone();
		syncs.release(1);
		assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalException.class);
		assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalException.class);
		assertThat(journal.durableIndex()).isZero();
	}

	@Test
	void aRollOverCountsOnceTheSyncsBeforeItSucceeded() throws Exception {
		HeldSyncs syncs = new HeldSyncs();
		Journal journal = open(syncs, 64);
		RollOver rollOver = rollOverWhileTheFirstSyncIsHeld(journal, syncs);
		CompletableFuture<Void> first = rollOver.first();
		long third = rollOver.third();
		assertThat(journal.durableIndex()).isZero();
		syncs.release(1);
		first.get(5, TimeUnit.SECONDS);
		assertThat(journal.durableIndex()).as("the roll-over's sync counts after sync 1").isEqualTo(third + 1);
		syncs.releaseAll();
		journal.awaitDurable(third + 1, journal.epoch());
		assertThat(journal.failure()).isNull();
	}

	@Test
	void anInterruptDuringASyncNeitherFailsTheJournalNorLosesTheEntry() throws Exception {
		Journal journal = open((channel) -> {
			Thread.currentThread().interrupt();
			channel.force(false);
		});
		long index = journal.write(Journal.RECORD, RECORD);
		journal.awaitDurable(index, journal.epoch());
		assertThat(Thread.interrupted()).as("the caller keeps its interrupt").isTrue();
		assertThat(journal.failure()).isNull();
		assertThat(journal.durableIndex()).isEqualTo(1);
		long next = journal.write(Journal.RECORD, RECORD);
		journal.awaitDurable(next, journal.epoch());
		Thread.interrupted();
		assertThat(journal.durableIndex()).isEqualTo(2);
	}

	@Test
	void aCallerWithAPendingInterruptWritesWithoutClosingTheJournalForOthers() throws Exception {
		Journal journal = open((channel) -> channel.force(false));
		Thread.currentThread().interrupt();
		long index;
		try {
			index = journal.write(Journal.RECORD, RECORD);
		}
		finally {
			assertThat(Thread.interrupted()).as("the caller keeps its interrupt").isTrue();
		}
		assertThat(journal.failure()).isNull();
		long next = CompletableFuture.supplyAsync(() -> {
			long written = journal.write(Journal.RECORD, RECORD);
			journal.awaitDurable(written, journal.epoch());
			return written;
		}, this.waiters).get(5, TimeUnit.SECONDS);
		assertThat(next).isEqualTo(index + 1);
		assertThat(journal.durableIndex()).isEqualTo(2);
		journal.close();
		assertThat(records(journal)).isEqualTo(2);
	}

	private int records(Journal journal) throws IOException {
		int[] count = { 0 };
		Journal
			.open(this.dir, 1 << 20, 1L << 30, () -> "{\"streams\":{}}".getBytes(StandardCharsets.UTF_8),
					(entry) -> count[0] += (entry.type() == Journal.RECORD) ? 1 : 0)
			.close();
		return count[0];
	}

	@Test
	void aSyncUnderWayWhenTheJournalClosesCountsBecauseTheCloseForcedTheFile() throws Exception {
		HeldSyncs syncs = new HeldSyncs();
		Journal journal = open(syncs);
		CompletableFuture<Void> appended = appendAndAwait(journal);
		syncs.awaitStarted(1);
		journal.close();
		// The held sync now finds its channel closed.
		syncs.release(1);
		appended.get(5, TimeUnit.SECONDS);
		assertThat(journal.failure()).isNull();
		assertThat(journal.durableIndex()).isEqualTo(1);
	}

	@Test
	void anEntryWrittenBeforeAReopenIsNeverReportedDurableAfterIt() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		Journal journal = open((channel) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IOException("disk gone");
			}
			channel.force(false);
		});
		long lost = journal.write(Journal.RECORD, RECORD);
		long epoch = journal.epoch();
		assertThatThrownBy(() -> journal.awaitDurable(lost, epoch)).isInstanceOf(JournalException.class);
		journal.reopen((entry) -> {
		});
		// The unsynced entry was cut off; new entries take its index.
		long next = journal.write(Journal.RECORD, RECORD);
		journal.write(Journal.RECORD, RECORD);
		assertThat(next).isEqualTo(lost);
		journal.awaitDurable(next + 1, journal.epoch());
		assertThatThrownBy(() -> journal.awaitDurable(lost, epoch)).isInstanceOf(JournalException.class)
			.hasMessageContaining("reopened");
	}

	/**
	 * Syncs that wait until the test releases them, by the order they started (1, 2…).
	 */
	private static final class HeldSyncs implements Forcer {

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		final AtomicInteger underWay = new AtomicInteger();

		final AtomicInteger maxUnderWay = new AtomicInteger();

		private final CountDownLatch[] releases = new CountDownLatch[16];

		volatile int failing;

		HeldSyncs() {
			for (int i = 0; i < this.releases.length; i++) {
				this.releases[i] = new CountDownLatch(1);
			}
		}

		@Override
		public void force(AsynchronousFileChannel channel) throws IOException {
			int number = this.started.incrementAndGet();
			this.maxUnderWay.accumulateAndGet(this.underWay.incrementAndGet(), Math::max);
			try {
				if (!this.releases[number].await(10, TimeUnit.SECONDS)) {
					throw new IOException("sync " + number + " never released");
				}
				if (number == this.failing) {
					throw new IOException("sync " + number + " failed");
				}
				channel.force(false);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			finally {
				this.underWay.decrementAndGet();
				this.finished.incrementAndGet();
			}
		}

		void release(int number) {
			this.releases[number].countDown();
		}

		void releaseAll() {
			for (CountDownLatch release : this.releases) {
				release.countDown();
			}
		}

		void awaitStarted(int count) throws InterruptedException {
			awaitAtLeast(this.started, count);
		}

		void awaitFinished(int count) throws InterruptedException {
			awaitAtLeast(this.finished, count);
		}

		private static void awaitAtLeast(AtomicInteger counter, int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (counter.get() < count) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("expected " + count + " syncs, saw " + counter.get());
				}
				Thread.sleep(1);
			}
		}

	}

}
