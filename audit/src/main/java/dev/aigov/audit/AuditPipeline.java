package dev.aigov.audit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.internal.AuditInternals;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit pipeline assembled: the journal-backed {@link AuditLog}, the shipper, signed
 * checkpoints (periodic and on {@link #close()}), retention, {@link AuditSearch} and
 * {@link AuditVerifier}. The Spring configuration builds one from
 * {@link AuditProperties}; benchmarks, the CLI and tests build their own.
 */
public final class AuditPipeline implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AuditPipeline.class);

	private final AuditInternals internals;

	private final ScheduledExecutorService scheduler;

	private final Rest5Client ownedClient;

	private final long alarmBacklog;

	private final long alarmBytes;

	private final boolean signed;

	private AuditPipeline(Builder builder) {
		Rest5Client client = builder.client;
		this.ownedClient = (client == null && builder.url != null)
				? Rest5Client.builder(URI.create(builder.url)).build() : null;
		if (client == null) {
			client = this.ownedClient;
		}
		if (client == null) {
			throw new IllegalArgumentException("an Elasticsearch client or URL is required");
		}
		this.alarmBacklog = builder.alarmBacklog;
		this.alarmBytes = builder.alarmBytes;
		SigningKeys keys = builder.keys;
		this.signed = keys != null;
		this.internals = AuditInternals.create(builder.journalDir, builder.segmentBytes, builder.maxBytes,
				builder.contentMode, builder.keyFile, builder.waterIntensity, builder.indexPrefix, client,
				(keys != null) ? keys::activeSigner : null,
				(keys != null) ? keys::verifier : JsfVerifier::withEmbeddedKeys, builder.clock);
		if (builder.shipping) {
			this.internals.startShipping(builder.batchSize, builder.retryBackoff, builder.linger);
		}
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("aigov-audit-maintenance").factory());
		if (builder.checkpointInterval != null && keys != null) {
			long every = builder.checkpointInterval.toMillis();
			this.scheduler.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.MILLISECONDS);
		}
		if (builder.retention != null) {
			Duration keep = builder.retention;
			this.scheduler.scheduleWithFixedDelay(() -> deleteExpired(keep), 1, 24 * 60, TimeUnit.MINUTES);
		}
	}

	/**
	 * A builder for a pipeline whose journal lives in {@code journalDir}.
	 * @param journalDir the journal's directory
	 * @return the builder
	 */
	public static Builder builder(Path journalDir) {
		return new Builder(journalDir);
	}

	/** The durable, hash-chained audit log. */
	public AuditLog log() {
		return this.internals.log();
	}

	/** Search and aggregations. */
	public AuditSearch search() {
		return this.internals.search();
	}

	/** Chain and checkpoint verification. */
	public AuditVerifier verifier() {
		return this.internals.verifier();
	}

	/**
	 * Signs the head of every stream that moved since its last checkpoint.
	 * @return how many checkpoints were written
	 * @throws AuditUnavailableException when the journal cannot take them
	 * @throws IllegalStateException when the pipeline has no signing keys
	 */
	public int checkpoint() {
		return this.internals.checkpoint();
	}

	/**
	 * Deletes monthly indices older than {@code keep}.
	 * @return the deleted index names
	 */
	public List<String> deleteExpired(Duration keep) {
		try {
			List<String> deleted = this.internals.deleteExpired(keep);
			if (!deleted.isEmpty()) {
				logger.info("Audit retention deleted indices older than {}: {}", keep, deleted);
			}
			return deleted;
		}
		catch (RuntimeException ex) {
			logger.warn("Audit retention could not run: {}", ex.getMessage());
			return List.of();
		}
	}

	/**
	 * Waits until every entry appended so far is in Elasticsearch (and, with
	 * {@code refresh}, searchable).
	 * @return whether it happened within the timeout
	 */
	public boolean awaitShipped(Duration timeout, boolean refresh) {
		return this.internals.awaitShipped(timeout, refresh);
	}

	/** Records made durable since start. */
	public long appends() {
		return this.internals.appends();
	}

	/** Appends refused since start. */
	public long appendFailures() {
		return this.internals.appendFailures();
	}

	/** Where the pipeline stands, for health and metrics. */
	public AuditStatus status() {
		return this.internals.status(this.alarmBacklog, this.alarmBytes);
	}

	private void checkpointQuietly() {
		if (!this.signed) {
			return;
		}
		try {
			this.internals.checkpoint();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not write an audit checkpoint: {}", ex.getMessage());
		}
	}

	/**
	 * Writes a last checkpoint, gives the shipper a few seconds to catch up, and closes
	 * the journal.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		checkpointQuietly();
		this.internals.awaitShipped(Duration.ofSeconds(5), false);
		this.internals.close();
		if (this.ownedClient != null) {
			try {
				this.ownedClient.close();
			}
			catch (java.io.IOException ex) {
				// Closing.
			}
		}
	}

	/** Settings of a pipeline, with the same defaults as {@link AuditProperties}. */
	public static final class Builder {

		private final Path journalDir;

		private long segmentBytes = 64L << 20;

		private long maxBytes = 2L << 30;

		private long alarmBytes = 1L << 30;

		private ContentMode contentMode = ContentMode.REDACTED;

		private Path keyFile;

		private double waterIntensity = 1.8;

		private String indexPrefix = "aigov-audit";

		private int batchSize = 2000;

		private Duration retryBackoff = Duration.ofMillis(500);

		private Duration linger = Duration.ofMillis(20);

		private long alarmBacklog = 500_000;

		private boolean shipping = true;

		private Duration checkpointInterval = Duration.ofSeconds(60);

		private Duration retention;

		private SigningKeys keys;

		private Rest5Client client;

		private String url;

		private Clock clock = Clock.systemUTC();

		private Builder(Path journalDir) {
			this.journalDir = journalDir;
			this.keyFile = journalDir.resolve("content.key");
		}

		public Builder properties(AuditProperties properties) {
			this.segmentBytes = properties.journal().segmentSize().toBytes();
			this.maxBytes = properties.journal().maxSize().toBytes();
			this.alarmBytes = properties.journal().alarmSize().toBytes();
			this.contentMode = properties.content().mode();
			this.keyFile = properties.content().keyFile();
			this.waterIntensity = properties.waterIntensity();
			this.batchSize = properties.shipping().batchSize();
			this.retryBackoff = properties.shipping().retryBackoff();
			this.linger = properties.shipping().linger();
			this.alarmBacklog = properties.shipping().alarmBacklog();
			this.shipping = properties.shipping().enabled();
			this.checkpointInterval = properties.checkpoints().interval();
			this.retention = properties.retention().enabled() ? properties.retention().keep() : null;
			this.indexPrefix = properties.elasticsearch().indexPrefix();
			return this;
		}

		public Builder journalBounds(long segmentBytes, long maxBytes, long alarmBytes) {
			this.segmentBytes = segmentBytes;
			this.maxBytes = maxBytes;
			this.alarmBytes = alarmBytes;
			return this;
		}

		public Builder content(ContentMode mode, Path keyFile) {
			this.contentMode = mode;
			this.keyFile = keyFile;
			return this;
		}

		public Builder waterIntensity(double litresPerKwh) {
			this.waterIntensity = litresPerKwh;
			return this;
		}

		public Builder indexPrefix(String prefix) {
			this.indexPrefix = prefix;
			return this;
		}

		/**
		 * At most how long the shipper waits for more records before it sends a batch
		 * that is not full (default 20 ms; 0 sends whatever is durable at once).
		 */
		public Builder linger(Duration linger) {
			if (linger == null || linger.isNegative()) {
				throw new IllegalArgumentException("the shipper's linger must be 0 or more");
			}
			this.linger = linger;
			return this;
		}

		public Builder shipping(boolean enabled, int batchSize, Duration retryBackoff) {
			this.shipping = enabled;
			this.batchSize = batchSize;
			this.retryBackoff = retryBackoff;
			return this;
		}

		public Builder alarmBacklog(long records) {
			this.alarmBacklog = records;
			return this;
		}

		/**
		 * Periodic checkpoints; {@code null} for none (one is still written on close).
		 */
		public Builder checkpointInterval(Duration interval) {
			this.checkpointInterval = interval;
			return this;
		}

		/** Daily deletion of expired indices; {@code null} (default) for none. */
		public Builder retention(Duration keep) {
			this.retention = keep;
			return this;
		}

		public Builder signingKeys(SigningKeys keys) {
			this.keys = keys;
			return this;
		}

		public Builder elasticsearch(Rest5Client client) {
			this.client = client;
			return this;
		}

		/** An Elasticsearch URL; the pipeline creates its own client and closes it. */
		public Builder elasticsearch(String url) {
			this.url = url;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public AuditPipeline build() {
			return new AuditPipeline(this);
		}

	}

}
