package dev.aigov.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit module.
 *
 * @param elasticsearch where audit records are indexed
 */
@ConfigurationProperties("aigov.audit")
public record AuditProperties(@DefaultValue Elasticsearch elasticsearch) {

	/**
	 * The Elasticsearch the appliance uses. The connection itself (URL, credentials, TLS)
	 * is Spring Boot's {@code spring.elasticsearch.*}; these settings only say whether
	 * the appliance runs its own server.
	 *
	 * @param embedded the server the appliance starts itself
	 */
	public record Elasticsearch(@DefaultValue Embedded embedded) {
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

}
