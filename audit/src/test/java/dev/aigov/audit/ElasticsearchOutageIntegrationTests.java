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
