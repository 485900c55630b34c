package dev.aigov.audit.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditRecords;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import dev.aigov.signing.JsfVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trickle of records goes to Elasticsearch in a few bulk requests a second, not one per
 * round trip, and all of it arrives.
 */
class ShipperLingerIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aTrickleOfRecordsIsShippedInBulkRequestsAtMostEveryLinger() throws Exception {
		try (Rest5Client client = Rest5Client.builder(URI.create(SharedElasticsearch.url())).build()) {
			AuditInternals internals = AuditInternals.create(this.dir.resolve("journal"), 64L << 20, 1L << 30,
					ContentMode.HASH, this.dir.resolve("content.key"), 1.8, "it-linger", client, null,
					JsfVerifier::withEmbeddedKeys, Clock.systemUTC());
			try {
				internals.startShipping(2000, Duration.ofMillis(100), Duration.ofNanos(Shipper.LINGER_NANOS));
				// Templates installed and the shipper in its loop.
				internals.log().append(AuditRecords.inference("req-first", "app", "allow", null));
				assertThat(internals.awaitShipped(Duration.ofSeconds(30), false)).isTrue();
				long before = internals.bulkRequests();
				// 200 records, one every 2 ms: 0.4 s.
				long start = System.nanoTime();
				for (int i = 0; i < 200; i++) {
					LockSupport.parkNanos(start + i * 2_000_000L - System.nanoTime());
					internals.log().append(AuditRecords.inference("req-" + i, "app", "allow", null));
				}
				long took = System.nanoTime() - start;
				assertThat(internals.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
				// One bulk per linger while the records came, a few more to drain;
				// without
				// the linger it is one per round trip (tens to a hundred and more).
				long most = took / Shipper.LINGER_NANOS + 3;
				assertThat(internals.bulkRequests() - before).isBetween(2L, most);
				HttpResponse<String> count = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(SharedElasticsearch.url() + "/it-linger-*/_count")).build(),
							HttpResponse.BodyHandlers.ofString());
				assertThat(count.body()).contains("\"count\":201,");
			}
			finally {
				internals.close();
			}
		}
	}

}
