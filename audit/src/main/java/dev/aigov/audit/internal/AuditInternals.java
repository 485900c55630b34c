package dev.aigov.audit.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.aigov.audit.AuditLog;
import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditSearch;
import dev.aigov.audit.AuditStatus;
import dev.aigov.audit.AuditVerifier;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.JsfVerifier;

/**
 * The parts of the pipeline, wired; {@code dev.aigov.audit.AuditPipeline} is its only
 * user.
 */
public final class AuditInternals {

	private final ChainedAuditLog log;

	private final ElasticsearchHttp es;

	private final IndexLayout layout;

	private final ElasticsearchAuditSearch search;

	private final ChainVerifier verifier;

	private final Clock clock;

	private volatile Shipper shipper;

	private AuditInternals(ChainedAuditLog log, ElasticsearchHttp es, IndexLayout layout,
			Supplier<JsfVerifier> verifier, Clock clock) {
		this.log = log;
		this.es = es;
		this.layout = layout;
		this.search = new ElasticsearchAuditSearch(es, layout);
		this.verifier = new ChainVerifier(es, layout, verifier);
		this.clock = clock;
	}

	public static AuditInternals create(Path journalDir, long segmentBytes, long maxBytes, ContentMode mode,
			Path keyFile, double waterIntensity, String indexPrefix, Rest5Client client, Supplier<JsfSigner> signer,
			Supplier<JsfVerifier> verifier, Clock clock) {
		AuditDocuments documents = new AuditDocuments(ContentProtection.open(mode, keyFile), waterIntensity);
		Supplier<JsfSigner> signing = (signer != null) ? signer : () -> {
			throw new IllegalStateException("this audit pipeline has no signing keys for checkpoints");
		};
		ChainedAuditLog log = new ChainedAuditLog(journalDir, segmentBytes, maxBytes, documents, signing, clock);
		return new AuditInternals(log, new ElasticsearchHttp(client), new IndexLayout(indexPrefix), verifier, clock);
	}

	public void startShipping(int batchSize, Duration backoff, Duration linger) {
		this.shipper = new Shipper(this.log::journal, this.es, this.layout, batchSize, backoff, linger).start();
	}

	/** Bulk requests the shipper sent (0 when not shipping); for tests. */
	long bulkRequests() {
		Shipper current = this.shipper;
		return (current != null) ? current.bulkRequests() : 0;
	}

	public AuditLog log() {
		return this.log;
	}

	public AuditSearch search() {
		return this.search;
	}

	public AuditVerifier verifier() {
		return this.verifier;
	}

	public long appends() {
		return this.log.appends();
	}

	public long appendFailures() {
		return this.log.failures();
	}

	public int checkpoint() {
		return this.log.checkpoint();
	}

	public List<String> deleteExpired(Duration keep) {
		return this.layout.deleteExpired(this.es, this.clock.instant(), keep);
	}

	public boolean awaitShipped(Duration timeout, boolean refresh) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Journal journal = this.log.journal();
		if (journal == null || this.shipper == null) {
			return false;
		}
		long target = journal.nextIndex();
		while (journal.released() < target) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		if (refresh) {
			this.es
				.send("POST", "/" + this.layout.records() + "," + this.layout.checkpoints() + "/_refresh",
						Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), null)
				.orThrow("refreshing audit indices");
		}
		return true;
	}

	public AuditStatus status(long alarmBacklog, long alarmBytes) {
		Journal journal = this.log.journal();
		String problem = this.log.unavailable();
		Shipper current = this.shipper;
		long backlog = (journal != null) ? journal.backlog() : 0;
		long bytes = (journal != null) ? journal.bytes() : 0;
		String alarm = null;
		if (backlog > alarmBacklog) {
			alarm = backlog + " audit entries wait for Elasticsearch (alarm above " + alarmBacklog + ")";
		}
		else if (bytes > alarmBytes) {
			alarm = "the audit journal holds " + (bytes >> 20) + " MiB (alarm above " + (alarmBytes >> 20) + " MiB)";
		}
		return new AuditStatus(problem == null, problem, backlog, bytes, (journal != null) ? journal.maxBytes() : 0,
				(current != null) ? current.lag(this.clock.millis()) : Duration.ZERO,
				(current != null) ? current.shipped() : 0, (current != null) ? current.failures() : 0,
				(current != null) ? current.lastError() : null, alarm);
	}

	public void close() {
		Shipper current = this.shipper;
		if (current != null) {
			current.close();
		}
		this.log.close();
	}

}
