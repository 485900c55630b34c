package dev.aigov.lineage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.apache.jena.rdfconnection.RDFConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The store contract on TDB2, plus what only an embedded store can promise: snapshots
 * across queries, durability across reopening and surviving SIGKILL.
 */
class Tdb2GraphStoreIntegrationTests extends GraphStoreContract {

	@TempDir
	Path location;

	@Override
	protected GraphStoreProperties properties() {
		return GraphStoreProperties.embedded(this.location);
	}

	@Test
	void eachDatasetIsADirectoryUnderTheLocation() {
		assertThat(this.lineage.description()).isEqualTo("TDB2 at " + this.location.resolve("lineage"));
		assertThat(this.location.resolve("system")).isDirectory();
	}

	@Test
	void dataSurvivesCloseAndReopen() {
		this.lineage.addGraph(NS + "graph", model("model-1", "Credit scoring model"));
		this.stores.close();

		try (GraphStores reopened = new GraphStores(properties())) {
			assertThat(countTriples(reopened.store(GraphStores.LINEAGE), NS + "graph")).isEqualTo(1);
		}
	}

	@Test
	void queriesInOneReadSeeOneSnapshot() throws Exception {
		AtomicBoolean writing = new AtomicBoolean(true);
		CountDownLatch firstWrite = new CountDownLatch(1);
		Thread writer = new Thread(() -> {
			try {
				for (int i = 0; i < 100; i++) {
					this.lineage.update(pairUpdate(i));
					firstWrite.countDown();
				}
			}
			finally {
				writing.set(false);
			}
		}, "snapshot-test-writer");
		writer.start();
		assertThat(firstWrite.await(30, TimeUnit.SECONDS)).isTrue();
		List<String> inconsistent = new ArrayList<>();
		int reads = 0;
		while (writing.get()) {
			reads++;
			this.lineage.read((connection) -> {
				long left = count(connection, NS + "left");
				pause();
				long right = count(connection, NS + "right");
				if (left != right) {
					inconsistent.add(left + " left, then " + right + " right");
				}
				return null;
			});
		}
		writer.join(TimeUnit.SECONDS.toMillis(60));

		assertThat(reads).isGreaterThan(1);
		assertThat(inconsistent).isEmpty();
	}

	@Test
	void aSecondProcessCannotOpenALocationInUse() throws Exception {
		// The writer in another JVM holds the TDB2 lock; this JVM must be refused, not
		// corrupt it.
		CrashTestWriterProcess writer = CrashTestWriterProcess.start(this.location.resolve("child"));
		try {
			writer.awaitCommits(1);

			try (GraphStores second = new GraphStores(GraphStoreProperties.embedded(this.location.resolve("child")))) {
				assertThatExceptionOfType(GraphStoreException.class).isThrownBy(() -> second.store(GraphStores.LINEAGE))
					.withMessageContaining("Cannot open TDB2 at");
			}
		}
		finally {
			writer.kill();
		}
	}

	@Test
	void sigkillMidWriteLeavesEveryCommittedTransactionWholeAndTheStoreWritable() throws Exception {
		CrashTestWriterProcess writer = CrashTestWriterProcess.start(this.location.resolve("child"));
		try {
			writer.awaitCommits(200);
		}
		finally {
			writer.kill();
		}
		assertThat(writer.exitValue()).as("killed by SIGKILL, output: %s", writer.output()).isEqualTo(137);
		int lastAcknowledged = writer.lastAcknowledged();

		try (GraphStores reopened = new GraphStores(GraphStoreProperties.embedded(this.location.resolve("child")))) {
			GraphStore store = reopened.store(GraphStores.LINEAGE);
			store.probe();
			int pairs = PairCounts.of(store).whole();
			boolean halfPairs = store.read((connection) -> connection.queryAsk("""
					ASK { GRAPH <%spairs> {
					  { ?s <%sleft> ?o FILTER NOT EXISTS { ?s <%sright> ?o } }
					  UNION { ?s <%sright> ?o FILTER NOT EXISTS { ?s <%sleft> ?o } } } }
					""".formatted(NS, NS, NS, NS, NS)));
			int highest = store.read((connection) -> selectOne(connection,
					"SELECT (MAX(?i) AS ?max) WHERE { GRAPH <" + NS + "pairs> { ?s <" + NS + "left> ?i } }")
				.getLiteral("max")
				.getInt());

			assertThat(halfPairs).as("half-written pairs").isFalse();
			// Every acknowledged commit is there; at most the one in flight when killed
			// is extra.
			assertThat(pairs).isEqualTo(highest + 1).isBetween(lastAcknowledged + 1, lastAcknowledged + 2);

			store.update(pairUpdate(pairs));
			assertThat(PairCounts.of(store).whole()).isEqualTo(pairs + 1);
		}
	}

	/**
	 * A {@link CrashTestWriter} in a child JVM (this JVM's java and classpath), whose
	 * output is read on another thread.
	 */
	private record CrashTestWriterProcess(Process process, Thread follower, List<String> output) {

		static CrashTestWriterProcess start(Path location) throws IOException {
			String java = ProcessHandle.current().info().command().orElseThrow();
			Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					CrashTestWriter.class.getName(), location.toString())
				.redirectErrorStream(true)
				.start();
			List<String> output = Collections.synchronizedList(new ArrayList<>());
			Thread follower = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					lines.lines().forEach(output::add);
				}
				catch (IOException | UncheckedIOException ex) {
					// The process was killed: its output ends here.
				}
			}, "crash-test-writer-output");
			follower.setDaemon(true);
			follower.start();
			return new CrashTestWriterProcess(process, follower, output);
		}

		void awaitCommits(int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			while (commits().count() < count) {
				assertThat(this.process.isAlive()).as("crash-test writer is running, output: %s", this.output).isTrue();
				assertThat(System.nanoTime()).as("%d commits within 90 s", count).isLessThan(deadline);
				Thread.sleep(10);
			}
		}

		/** SIGKILLs the writer and waits until it is gone and its output is read. */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			this.follower.join(TimeUnit.SECONDS.toMillis(30));
		}

		int exitValue() {
			return this.process.exitValue();
		}

		int lastAcknowledged() {
			return commits().max().orElseThrow();
		}

		private IntStream commits() {
			List<String> lines;
			synchronized (this.output) {
				lines = List.copyOf(this.output);
			}
			return lines.stream()
				.filter((line) -> line.startsWith(CrashTestWriter.COMMITTED))
				.mapToInt((line) -> Integer.parseInt(line.substring(CrashTestWriter.COMMITTED.length())));
		}

	}

	private static long count(RDFConnection connection, String property) {
		return selectOne(connection,
				"SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + NS + "pairs> { ?s <" + property + "> ?o } }")
			.getLiteral("n")
			.getLong();
	}

	private static void pause() {
		try {
			Thread.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
