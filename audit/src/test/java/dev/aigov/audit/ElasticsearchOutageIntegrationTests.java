package dev.aigov.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aigov.eslauncher.ElasticsearchSettings;
import dev.aigov.eslauncher.EmbeddedElasticsearch;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch stops in the middle of a burst of calls and starts again: every call is
 * answered meanwhile (the journal holds the records), and afterwards every record is in
 * the index exactly once. Uses an Elasticsearch of its own, not the shared one.
 */
class ElasticsearchOutageIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void everyRecordIsIndexedExactlyOnceAfterAnOutageMidBurst() throws Exception {
		Path instance = this.dir.resolve("es");
		EmbeddedElasticsearch first = start(instance);
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		try (TcpForwarder forwarder = new TcpForwarder(first.httpPort());
				AuditPipeline pipeline = AuditPipeline.builder(this.dir.resolve("journal"))
					.content(AuditProperties.ContentMode.HASH, this.dir.resolve("content.key"))
					.elasticsearch("http://127.0.0.1:" + forwarder.port())
					.indexPrefix("it-outage")
					.shipping(true, 200, Duration.ofMillis(100))
					.build()) {
			AtomicInteger appended = new AtomicInteger();
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				threads.add(Thread.ofPlatform().start(() -> {
					for (int i = 0; i < 750; i++) {
						acknowledged.add(pipeline.log().append(AuditRecords.inference("r", "app", "allow", null)).id());
						appended.incrementAndGet();
						if (i % 50 == 0) {
							sleep(20);
						}
					}
				}));
			}
			while (appended.get() < 800) {
				Thread.sleep(5);
			}
			first.stop();
			assertThat(first.isRunning()).isFalse();
			for (Thread thread : threads) {
				thread.join();
			}
			assertThat(acknowledged).as("calls are answered while Elasticsearch is down").hasSize(3000);
			assertThat(pipeline.status().backlog()).isPositive();
			assertThat(pipeline.status().shippingError()).isNotNull();

			EmbeddedElasticsearch second = start(instance);
			try {
				forwarder.target(second.httpPort());
				assertThat(pipeline.awaitShipped(Duration.ofSeconds(120), true)).isTrue();
				Map<String, Integer> counts = new RawElasticsearch(second.url()).idCounts("it-outage-*");
				assertThat(RawElasticsearch.missing(acknowledged, counts)).isEmpty();
				assertThat(RawElasticsearch.duplicates(counts)).isEmpty();
				assertThat(counts).hasSize(3000);
			}
			finally {
				second.stop();
			}
		}
		finally {
			first.stop();
		}
	}

	/**
	 * Elasticsearch acknowledges bulk requests before its translog is synced (the audit
	 * indices' translog is asynchronous). Killed with SIGKILL before a flush, it comes
	 * back without records it acknowledged: the shipper sends again from the last flushed
	 * point, and every record ends up indexed exactly once.
	 */
	@Test
	void recordsAcknowledgedButNotFlushedAreIndexedAgainAfterElasticsearchIsKilled() throws Exception {
		Path instance = this.dir.resolve("es-killed");
		EmbeddedElasticsearch first = start(instance);
		List<String> acknowledged = new ArrayList<>();
		try (TcpForwarder forwarder = new TcpForwarder(first.httpPort());
				AuditPipeline pipeline = AuditPipeline.builder(this.dir.resolve("journal-killed"))
					.content(AuditProperties.ContentMode.HASH, this.dir.resolve("content.key"))
					.elasticsearch("http://127.0.0.1:" + forwarder.port())
					.indexPrefix("it-killed")
					.shipping(true, 200, Duration.ofMillis(100))
					.flushInterval(Duration.ofHours(1))
					.build()) {
			acknowledged.add(pipeline.log().append(AuditRecords.inference("r", "app", "allow", null)).id());
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(60), false)).isTrue();
			// Elasticsearch's own translog sync (every 5 s) must not come between the
			// acknowledgements and the kill.
			RawElasticsearch raw = new RawElasticsearch(first.url());
			raw.send("PUT", "/it-killed-*/_settings", "{\"index.translog.sync_interval\":\"1h\"}");
			for (int i = 0; i < 300; i++) {
				acknowledged.add(pipeline.log().append(AuditRecords.inference("r", "app", "allow", null)).id());
			}
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(60), false)).isTrue();
			assertThat(raw.idCounts("it-killed-*")).hasSize(301);
			// Acknowledged by Elasticsearch, not flushed: the journal still holds them.
			assertThat(this.dir.resolve("journal-killed/shipped-offset")).doesNotExist();

			Process kill = new ProcessBuilder("kill", "-9", Long.toString(first.pid())).start();
			assertThat(kill.waitFor()).isZero();
			ProcessHandle.of(first.pid()).ifPresent((server) -> server.onExit().join());
			first.stop();
			for (int i = 0; i < 20; i++) {
				acknowledged.add(pipeline.log().append(AuditRecords.inference("r", "app", "allow", null)).id());
			}

			EmbeddedElasticsearch second = start(instance);
			try {
				Map<String, Integer> recovered = new RawElasticsearch(second.url()).idCounts("it-killed-*");
				assertThat(recovered.size()).as("Elasticsearch lost acknowledged records").isLessThan(301);
				forwarder.target(second.httpPort());
				assertThat(pipeline.awaitShipped(Duration.ofSeconds(120), true)).isTrue();
				Map<String, Integer> counts = new RawElasticsearch(second.url()).idCounts("it-killed-*");
				assertThat(RawElasticsearch.missing(acknowledged, counts)).isEmpty();
				assertThat(RawElasticsearch.duplicates(counts)).isEmpty();
				assertThat(counts).hasSize(321);
			}
			finally {
				second.stop();
			}
		}
		finally {
			first.stop();
		}
	}

	private static EmbeddedElasticsearch start(Path instance) {
		return new EmbeddedElasticsearch(
				ElasticsearchSettings.builder(SharedElasticsearch.cacheDir(), instance).build())
			.start();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
