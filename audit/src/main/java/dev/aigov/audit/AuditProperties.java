package dev.aigov.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the audit module.
 *
 * @param elasticsearch where audit records are indexed
 * @param journal the local journal every record is made durable in first
 * @param content how prompts and responses are kept
 * @param shipping how the journal is shipped to Elasticsearch
 * @param checkpoints signed checkpoints of the hash chains
 * @param retention how long audit indices are kept
 * @param waterIntensity data-centre water use in litres per kWh, to estimate each call's
 * water from its energy (default 1.8, a commonly cited industry average)
 */
@ConfigurationProperties("aigov.audit")
public record AuditProperties(@DefaultValue Elasticsearch elasticsearch, @DefaultValue Journal journal,
		@DefaultValue Content content, @DefaultValue Shipping shipping, @DefaultValue Checkpoints checkpoints,
		@DefaultValue Retention retention, @DefaultValue("1.8") double waterIntensity) {

	public AuditProperties {
		if (waterIntensity < 0 || Double.isNaN(waterIntensity)) {
			throw new IllegalArgumentException("aigov.audit.water-intensity must be zero or more litres per kWh");
		}
	}

	/**
	 * The Elasticsearch the appliance uses. The connection itself (URL, credentials, TLS)
	 * is Spring Boot's {@code spring.elasticsearch.*}; these settings say whether the
	 * appliance runs its own server, and which indices are its own.
	 *
	 * @param embedded the server the appliance starts itself
	 * @param indexPrefix the audit indices are {@code <prefix>-YYYY.MM} and
	 * {@code <prefix>.checkpoints}; appliances that share a cluster but not their keys
	 * need different prefixes
	 */
	public record Elasticsearch(@DefaultValue Embedded embedded, @DefaultValue("aigov-audit") String indexPrefix) {
	}

	/**
	 * The embedded Elasticsearch, on loopback only.
	 *
	 * @param enabled {@code true} (default) to start it; {@code false} to use the cluster
	 * named by {@code spring.elasticsearch.uris}
	 * @param instanceDir its data, logs and configuration
	 * @param distributionDir where the distribution from Maven Central is unpacked
	 * (once); several instances may share it
	 * @param heap JVM heap, e.g. {@code 512m}
	 * @param startupTimeout how long to wait for the cluster to turn yellow
	 */
	public record Embedded(@DefaultValue("true") boolean enabled,
			@DefaultValue("data/elasticsearch/node") Path instanceDir,
			@DefaultValue("data/elasticsearch/dist") Path distributionDir, @DefaultValue("512m") String heap,
			@DefaultValue("180s") Duration startupTimeout) {
	}

	/**
	 * The local journal.
	 *
	 * @param dir its directory (segments, shipped offset, journal id)
	 * @param segmentSize size at which a segment is closed and a new one started
	 * @param maxSize bound on the journal (records not yet shipped): beyond it appends
	 * are refused
	 * @param alarmSize above this size health is DOWN (Elasticsearch has been away too
	 * long), while appends still succeed
	 */
	public record Journal(@DefaultValue("data/audit/journal") Path dir, @DefaultValue("64MB") DataSize segmentSize,
			@DefaultValue("2GB") DataSize maxSize, @DefaultValue("1GB") DataSize alarmSize) {

		public Journal {
			if (segmentSize.toBytes() < 4096 || maxSize.compareTo(segmentSize) < 0
					|| alarmSize.compareTo(maxSize) > 0) {
				throw new IllegalArgumentException(
						"aigov.audit.journal: segment-size must be at least 4KB and segment-size <= alarm-size <= max-size");
			}
		}

	}

	/**
	 * How prompt and response texts are kept; the raw text is never written in the clear.
	 *
	 * @param mode {@code hash} (an HMAC-SHA256 only), {@code redacted} (the hash and the
	 * redacted text, searchable; default) or {@code encrypted} (the hash, the redacted
	 * text and the full text encrypted with AES-256-GCM)
	 * @param keyFile the appliance's content key (32 random bytes, mode 0600, created on
	 * first start): it keys the HMAC and the encryption
	 */
	public record Content(@DefaultValue("redacted") ContentMode mode,
			@DefaultValue("data/keys/audit-content.key") Path keyFile) {
	}

	/** What is kept of a prompt or response. */
	public enum ContentMode {

		/** An HMAC-SHA256 of the text: proves what was sent, reveals nothing. */
		HASH,

		/** The HMAC and the text with every detector hit replaced by a placeholder. */
		REDACTED,

		/** The HMAC, the redacted text and the full text under AES-256-GCM. */
		ENCRYPTED

	}

	/**
	 * Shipping to Elasticsearch.
	 *
	 * @param enabled whether this node ships its journal (default {@code true})
	 * @param batchSize most records per bulk request
	 * @param retryBackoff first wait after a failed bulk request (doubles up to a minute)
	 * @param alarmBacklog above this many unshipped records health is DOWN
	 */
	public record Shipping(@DefaultValue("true") boolean enabled, @DefaultValue("2000") int batchSize,
			@DefaultValue("500ms") Duration retryBackoff, @DefaultValue("500000") long alarmBacklog,
			@DefaultValue("20ms") Duration linger) {

		public Shipping {
			if (batchSize < 1 || batchSize > 50_000) {
				throw new IllegalArgumentException("aigov.audit.shipping.batch-size must be between 1 and 50000");
			}
			if (linger == null || linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
				throw new IllegalArgumentException("aigov.audit.shipping.linger must be between 0 and 1s");
			}
		}

	}

	/**
	 * Signed checkpoints.
	 *
	 * @param interval how often the head of each chain that moved is signed (and always
	 * on shutdown)
	 */
	public record Checkpoints(@DefaultValue("60s") Duration interval) {
	}

	/**
	 * Retention of the monthly audit indices. The embedded Elasticsearch has no ILM, so
	 * the appliance deletes indices itself; an external cluster may use an ILM policy
	 * instead (set {@code enabled=false}).
	 *
	 * @param enabled whether the appliance deletes expired indices
	 * @param keep how long records are kept, at least 183 days (the EU AI Act asks
	 * deployers to keep logs at least six months); default 400 days
	 */
	public record Retention(@DefaultValue("true") boolean enabled, @DefaultValue("400d") Duration keep) {

		public Retention {
			if (keep.compareTo(Duration.ofDays(183)) < 0) {
				throw new IllegalArgumentException(
						"aigov.audit.retention.keep must be at least 183 days (six months, EU AI Act Art. 26(6))");
			}
		}

	}

}
