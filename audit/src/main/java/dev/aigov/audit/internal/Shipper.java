package dev.aigov.audit.internal;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.aigov.audit.internal.Journal.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ships the journal to Elasticsearch in order, in bulk requests of {@code create} actions
 * with the record's deterministic id, so that shipping twice (after an outage, a crash,
 * or a lost reply) never indexes twice: a 409 means "already there". The shipped offset
 * advances only after every item of a batch was created or found; a failed batch is
 * retried whole after a backoff that doubles up to a minute.
 * <p>
 * One daemon thread reads the journal and keeps up to {@link #IN_FLIGHT} bulk requests
 * under way at once (sent by their own threads): while Elasticsearch indexes one batch
 * the next is already on its way, which keeps the lag from append to searchable near one
 * bulk request plus the refresh interval at thousands of records a second. Offsets are
 * released strictly in order; after a failure everything from the shipped offset is sent
 * again (what arrived answers 409). A batch that is not full goes at most every linger
 * ({@code aigov.audit.shipping.linger}, {@link #LINGER_NANOS} by default), so that a
 * trickle of records is shipped in a few bulk requests a second rather than one per round
 * trip.
 */
final class Shipper implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Shipper.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	/**
	 * A bulk request stops after the entry that brings it to this many bytes: large
	 * records (a megabyte of prompt each in {@code encrypted} mode) would otherwise make
	 * a batch of thousands larger than Elasticsearch takes
	 * ({@code http.max_content_length}, 100 MiB by default; 413) or than a Java array
	 * holds, and shipping would stop there. With the journal's 16 MiB per entry a request
	 * stays under 25 MiB.
	 */
	static final long BULK_BYTES = 8L << 20;

	static final int IN_FLIGHT = 2;

	/**
	 * A batch that is not full waits until this long after the previous send: at 1,000
	 * records a second the shipper otherwise sends a bulk request of a few records per
	 * round trip, and Elasticsearch and the shipper spent about a quarter more CPU on the
	 * same records, CPU taken from the calls being appended on the same cores (ADR 009).
	 * The default of {@code aigov.audit.shipping.linger}.
	 */
	static final long LINGER_NANOS = 20_000_000;

	private final long lingerNanos;

	private final Supplier<Journal> journals;

	private volatile Journal journal;

	private final ElasticsearchHttp es;

	private final IndexLayout layout;

	private final int batchSize;

	private final Duration backoff;

	private final Thread thread;

	private final ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT,
			Thread.ofPlatform().daemon().name("aigov-audit-bulk-", 0).factory());

	private final AtomicLong shipped = new AtomicLong();

	private final AtomicLong bulkRequests = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean running = true;

	private volatile boolean templatesInstalled;

	private volatile String lastError;

	/** Append time of the oldest record not yet shipped (epoch ms), 0 when none. */
	private volatile long oldestPending;

	Shipper(Supplier<Journal> journals, ElasticsearchHttp es, IndexLayout layout, int batchSize, Duration backoff,
			Duration linger) {
		this.lingerNanos = linger.toNanos();
		this.journals = journals;
		this.es = es;
		this.layout = layout;
		this.batchSize = batchSize;
		this.backoff = backoff;
		this.thread = Thread.ofPlatform().daemon().name("aigov-audit-shipper").unstarted(this::run);
	}

	Shipper start() {
		this.thread.start();
		return this;
	}

	private void run() {
		// The journal may be unavailable at start (read-only directory); ship once it
		// opens.
		while (this.running && (this.journal = this.journals.get()) == null) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
		if (this.journal == null) {
			return;
		}
		Duration wait = this.backoff;
		ArrayDeque<Batch> inFlight = new ArrayDeque<>();
		long next = this.journal.released();
		long lastSent = System.nanoTime() - this.lingerNanos;
		try (Journal.Reader reader = this.journal.reader()) {
			while (this.running) {
				try {
					if (!this.templatesInstalled) {
						this.layout.install(this.es);
						this.templatesInstalled = true;
					}
					if (inFlight.size() < IN_FLIGHT && (System.nanoTime() - lastSent >= this.lingerNanos
							|| this.journal.durableIndex() - next >= this.batchSize)) {
						List<Entry> entries = reader.read(next, this.batchSize, BULK_BYTES);
						if (!entries.isEmpty()) {
							lastSent = System.nanoTime();
							Batch batch = send(next, entries);
							if (inFlight.isEmpty()) {
								this.oldestPending = batch.oldestAppendedAt();
							}
							inFlight.add(batch);
							next += entries.size();
							continue;
						}
					}
					Batch oldest = inFlight.peek();
					if (oldest == null) {
						this.oldestPending = 0;
						Thread.sleep(10);
						continue;
					}
					try {
						// A full pipeline waits for its oldest batch; otherwise look for
						// new entries again soon.
						oldest.sent().get((inFlight.size() < IN_FLIGHT) ? 10 : 60_000, TimeUnit.MILLISECONDS);
					}
					catch (TimeoutException ex) {
						continue;
					}
					inFlight.poll();
					this.journal.release(oldest.from() + oldest.size());
					this.shipped.addAndGet(oldest.size());
					Batch following = inFlight.peek();
					if (following != null) {
						this.oldestPending = following.oldestAppendedAt();
					}
					if (this.lastError != null) {
						logger.info("Audit shipping to Elasticsearch resumed");
					}
					this.lastError = null;
					wait = this.backoff;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (ExecutionException | RuntimeException | java.io.IOException failed) {
					Throwable ex = (failed instanceof ExecutionException && failed.getCause() != null)
							? failed.getCause() : failed;
					this.failures.incrementAndGet();
					String error = ex.getMessage();
					if (!String.valueOf(error).equals(this.lastError)) {
						logger.warn("Audit shipping to Elasticsearch failed, retrying in {}: {}", wait, error);
					}
					this.lastError = error;
					if (ex instanceof UncheckedIOException) {
						// Elasticsearch may come back with its data wiped: install again.
						this.templatesInstalled = false;
					}
					// Let the other requests finish, then send everything again from the
					// shipped offset.
					for (Batch batch : inFlight) {
						try {
							batch.sent().get();
						}
						catch (ExecutionException ignored) {
							// Sent again below.
						}
						catch (InterruptedException interrupted) {
							Thread.currentThread().interrupt();
							return;
						}
					}
					inFlight.clear();
					next = this.journal.released();
					try {
						Thread.sleep(wait.toMillis());
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
					wait = (wait.compareTo(MAX_BACKOFF.dividedBy(2)) > 0) ? MAX_BACKOFF : wait.multipliedBy(2);
				}
			}
		}
	}

	/** Builds the bulk request of a batch here, and sends it on a sender thread. */
	private Batch send(long from, List<Entry> entries) {
		long[] oldest = { 0 };
		byte[] body = bulkBody(entries, oldest);
		this.bulkRequests.incrementAndGet();
		Future<?> sent = this.senders.submit(() -> {
			ship(entries, body);
			return null;
		});
		return new Batch(from, entries.size(), oldest[0], sent);
	}

	/** A bulk request under way: the entries from {@code from}, {@code size} of them. */
	private record Batch(long from, int size, long oldestAppendedAt, Future<?> sent) {
	}

	/**
	 * The bulk request body of a batch; {@code oldest[0]} receives the append time of its
	 * first record.
	 */
	private byte[] bulkBody(List<Entry> entries, long[] oldest) {
		// Sized once: the records are a few KB each, and growing a stream copied the
		// body several times (a tenth of the proxy's allocation per call).
		byte[][] actions = new byte[entries.size()][];
		int size = 0;
		boolean first = true;
		for (int i = 0; i < entries.size(); i++) {
			Entry entry = entries.get(i);
			String index;
			String id;
			if (entry.type() == Journal.RECORD) {
				if (first) {
					JsonNode chain = json.readTree(entry.payload()).path("aigov").path("chain");
					oldest[0] = Instant.parse(chain.path("appended_at").asString()).toEpochMilli();
					first = false;
				}
				String[] head = timestampAndId(entry.payload());
				index = this.layout.recordsIndex(Instant.parse(head[0]));
				id = head[1];
			}
			else {
				JsonNode doc = json.readTree(entry.payload());
				JsonNode checkpoint = doc.path("checkpoint");
				index = this.layout.checkpoints();
				id = checkpoint.path("stream").asString() + "-cp-" + checkpoint.path("sequence").asLong();
			}
			actions[i] = json.writeValueAsBytes(Map.of("create", Map.of("_index", index, "_id", id)));
			size += actions[i].length + entry.payload().length + 2;
		}
		byte[] body = new byte[size];
		int at = 0;
		for (int i = 0; i < entries.size(); i++) {
			byte[] payload = entries.get(i).payload();
			System.arraycopy(actions[i], 0, body, at, actions[i].length);
			at += actions[i].length;
			body[at++] = '\n';
			System.arraycopy(payload, 0, body, at, payload.length);
			at += payload.length;
			body[at++] = '\n';
		}
		return body;
	}

	private void ship(List<Entry> entries, byte[] body) {
		ElasticsearchHttp.Reply reply = this.es.send("POST", "/_bulk",
				Map.of("filter_path", "errors,items.*.status,items.*.error.type,items.*.error.reason"), body);
		reply.orThrow("bulk request of " + entries.size() + " audit entries");
		JsonNode result = json.readTree(reply.body());
		if (!result.path("errors").asBoolean(false)) {
			return;
		}
		int i = 0;
		for (JsonNode item : result.path("items")) {
			JsonNode action = item.path("create");
			int status = action.path("status").asInt();
			if (status != 201 && status != 200 && status != 409) {
				throw new IllegalStateException("Elasticsearch refused audit entry " + (entries.get(i).index())
						+ " with HTTP " + status + ": " + action.path("error").path("type").asString() + " "
						+ action.path("error").path("reason").asString());
			}
			i++;
		}
	}

	/**
	 * Reads {@code @timestamp} and {@code event.id} with the streaming parser: both come
	 * first in a record, so the rest of the document is not parsed.
	 */
	private static String[] timestampAndId(byte[] payload) {
		String timestamp = null;
		String id = null;
		try (JsonParser parser = json.createParser(payload)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME && (timestamp == null || id == null)) {
				String name = parser.currentName();
				parser.nextToken();
				if ("@timestamp".equals(name)) {
					timestamp = parser.getString();
				}
				else if ("event".equals(name)) {
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String field = parser.currentName();
						parser.nextToken();
						if ("id".equals(field)) {
							id = parser.getString();
						}
						else {
							parser.skipChildren();
						}
					}
				}
				else {
					parser.skipChildren();
				}
			}
		}
		if (timestamp == null || id == null) {
			throw new IllegalStateException("audit journal record without @timestamp or event.id");
		}
		return new String[] { timestamp, id };
	}

	/** Records (and checkpoints) shipped since start. */
	long shipped() {
		return this.shipped.get();
	}

	/** Bulk requests sent, retries included. */
	long bulkRequests() {
		return this.bulkRequests.get();
	}

	long failures() {
		return this.failures.get();
	}

	/** The last shipping error, {@code null} once shipping succeeds again. */
	String lastError() {
		return this.lastError;
	}

	/** How long the oldest unshipped record has waited, zero when there is none. */
	Duration lag(long nowMillis) {
		long oldest = this.oldestPending;
		Journal current = this.journal;
		if (oldest == 0 || current == null || current.backlog() == 0) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(Math.max(0, nowMillis - oldest));
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.senders.shutdownNow();
	}

}
