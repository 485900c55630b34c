package dev.aigov.audit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal releases entries (moves the persisted offset, deletes segments) only after
 * Elasticsearch flushed them and no node restarted since before they were acknowledged; a
 * failing flush keeps everything, and a restarted node makes the shipper send again from
 * the released offset. Elasticsearch is played by a small HTTP server here, so that a
 * flush can be held, failed and a restart shown without a crash (the SIGKILL of a real
 * one is in {@code ElasticsearchOutageIntegrationTests}).
 */
class ShipperReleaseTests {

	private static final Pattern ID = Pattern.compile("\"_id\":\"([^\"]+)\"");

	@TempDir
	Path dir;

	private HttpServer server;

	private Rest5Client client;

	private Journal journal;

	private Shipper shipper;

	/** How often each id arrived in a bulk request. */
	private final Map<String, Integer> received = new ConcurrentHashMap<>();

	private final AtomicInteger flushes = new AtomicInteger();

	private volatile String ephemeralId = "node-a-1";

	/** 200 to answer flushes, anything else to fail them. */
	private volatile int flushStatus = 200;

	/** While set, flushes wait for it. */
	private volatile CountDownLatch flushHeld;

	@BeforeEach
	void startElasticsearch() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::answer);
		this.server
			.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
		this.server.start();
		this.client = Rest5Client.builder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort())).build();
	}

	@AfterEach
	void stop() throws IOException {
		if (this.shipper != null) {
			this.shipper.close();
		}
		if (this.journal != null) {
			this.journal.close();
		}
		this.client.close();
		this.server.stop(0);
	}

	@Test
	void nothingIsReleasedWhileAFlushIsUnderWayOrFailsAndACompleteSegmentIsReleasedOnceOneSucceeds() throws Exception {
		this.flushHeld = new CountDownLatch(1);
		open(Duration.ofSeconds(1));
		// 4 KiB segments of ~200-byte entries: 40 entries fill a few segments.
		append(0, 40);
		await(() -> this.received.size() == 40 && this.flushes.get() == 1);
		// Acknowledged, and a flush asked for (a segment is complete), but not answered.
		assertThat(this.journal.shipped()).isEqualTo(40);
		assertThat(this.journal.backlog()).isZero();
		Thread.sleep(200);
		assertThat(this.journal.released()).isZero();
		assertThat(segments()).hasSizeGreaterThan(2);
		assertThat(this.dir.resolve("shipped-offset")).doesNotExist();

		// The flush fails: still nothing released, and the failure is reported.
		this.flushStatus = 503;
		this.flushHeld.countDown();
		await(() -> this.shipper.lastError() != null);
		assertThat(this.shipper.lastError()).contains("flushing the audit indices");
		List<Path> kept = segments();
		assertThat(this.journal.released()).isZero();
		assertThat(this.dir.resolve("shipped-offset")).doesNotExist();

		// The next flush (an interval later) succeeds and releases what it covers; only
		// then are the complete segments deleted.
		this.flushStatus = 200;
		await(() -> this.journal.released() == 40);
		assertThat(this.flushes.get()).isEqualTo(2);
		assertThat(Files.readString(this.dir.resolve("shipped-offset"))).isEqualTo("40");
		assertThat(segments()).hasSizeLessThan(kept.size()).hasSizeGreaterThanOrEqualTo(1);
		assertThat(this.received.values()).allMatch((count) -> count == 1);
	}

	@Test
	void aNodeThatRestartedSinceTheLastFlushMakesTheShipperSendAgainFromTheReleasedOffset() throws Exception {
		open(Duration.ofSeconds(1));
		append(0, 10);
		await(() -> this.journal.released() == 10);
		assertThat(this.shipper.rewinds()).isZero();

		// Acknowledged by a node that then restarts (new ephemeral id) before the next
		// flush: what it acknowledged since the last flush may be gone.
		this.flushHeld = new CountDownLatch(1);
		append(10, 10);
		await(() -> this.journal.shipped() == 20 && this.flushes.get() >= 2);
		this.ephemeralId = "node-a-2";
		this.flushHeld.countDown();
		this.flushHeld = null;

		await(() -> this.shipper.rewinds() == 1 && this.journal.released() == 20);
		for (int i = 0; i < 10; i++) {
			assertThat(this.received).containsEntry("s-" + i, 1);
		}
		for (int i = 10; i < 20; i++) {
			assertThat(this.received).containsEntry("s-" + i, 2);
		}
		assertThat(Files.readString(this.dir.resolve("shipped-offset"))).isEqualTo("20");
	}

	@Test
	void aFailedBulkRequestSendsAgainFromTheReleasedOffsetNotFromTheAcknowledgedOne() throws Exception {
		open(Duration.ofHours(1));
		append(0, 5);
		await(() -> this.journal.shipped() == 5);
		assertThat(this.journal.released()).isZero();
		this.failBulk = true;
		append(5, 1);
		await(() -> this.shipper.rewinds() >= 1);
		this.failBulk = false;
		await(() -> this.journal.shipped() == 6 && this.received.size() == 6);
		// Acknowledged before the outage but never flushed: sent again.
		for (int i = 0; i < 5; i++) {
			assertThat(this.received.get("s-" + i)).isGreaterThanOrEqualTo(2);
		}
	}

	private volatile boolean failBulk;

	private void open(Duration flushInterval) throws IOException {
		this.journal = Journal.open(this.dir, 4096, 1L << 30, () -> "{}".getBytes(StandardCharsets.UTF_8), (entry) -> {
		});
		this.shipper = new Shipper(() -> this.journal, new ElasticsearchHttp(this.client),
				new IndexLayout("it-release"), 1000, Duration.ofMillis(50), Duration.ZERO, flushInterval)
			.start();
	}

	private void append(int from, int count) {
		long last = -1;
		for (int i = from; i < from + count; i++) {
			String json = "{\"@timestamp\":\"2026-11-24T08:00:00Z\",\"aigov\":{\"chain\":{\"appended_at\":"
					+ "\"2026-11-24T08:00:00Z\"}},\"event\":{\"id\":\"s-" + i + "\"},\"padding\":\"" + "x".repeat(120)
					+ "\"}";
			last = this.journal.write(Journal.RECORD, json.getBytes(StandardCharsets.UTF_8));
		}
		this.journal.awaitDurable(last, this.journal.epoch());
	}

	private List<Path> segments() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.filter((file) -> file.toString().endsWith(".seg")).sorted().toList();
		}
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] request = exchange.getRequestBody().readAllBytes();
		int status = 200;
		String body = "{\"acknowledged\":true}";
		if (path.equals("/_bulk")) {
			if (this.failBulk) {
				status = 503;
				body = "{\"error\":\"unavailable\"}";
			}
			else {
				Matcher ids = ID.matcher(new String(request, StandardCharsets.UTF_8));
				while (ids.find()) {
					this.received.merge(ids.group(1), 1, Integer::sum);
				}
				body = "{\"errors\":false}";
			}
		}
		else if (path.equals("/_cluster/state/nodes")) {
			body = "{\"nodes\":{\"node-a\":{\"ephemeral_id\":\"" + this.ephemeralId + "\"}}}";
		}
		else if (path.endsWith("/_flush")) {
			this.flushes.incrementAndGet();
			CountDownLatch held = this.flushHeld;
			if (held != null) {
				try {
					held.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			status = this.flushStatus;
			body = (status == 200) ? "{\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0}}"
					: "{\"error\":\"flush failed\"}";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
