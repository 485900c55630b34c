package dev.aigov.audit.elasticsearch;

import java.util.List;

import dev.aigov.audit.AuditProperties;
import dev.aigov.eslauncher.ElasticsearchSettings;
import dev.aigov.eslauncher.EmbeddedElasticsearch;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded Elasticsearch and gives its address to Spring Boot's Elasticsearch
 * client. Switched off with {@code aigov.audit.elasticsearch.embedded.enabled=false},
 * when Spring Boot's own {@code spring.elasticsearch.*} properties name an external
 * cluster.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
@ConditionalOnProperty(name = "aigov.audit.elasticsearch.embedded.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedElasticsearchConfiguration {

	@Bean(destroyMethod = "stop")
	EmbeddedElasticsearch embeddedElasticsearch(AuditProperties properties) {
		AuditProperties.Embedded embedded = properties.elasticsearch().embedded();
		ElasticsearchSettings settings = ElasticsearchSettings
			.builder(embedded.distributionDir(), embedded.instanceDir())
			.heap(embedded.heap())
			.startupTimeout(embedded.startupTimeout())
			.build();
		return new EmbeddedElasticsearch(settings).start();
	}

	@Bean
	ElasticsearchConnectionDetails embeddedElasticsearchConnection(EmbeddedElasticsearch server) {
		return () -> List.of(new ElasticsearchConnectionDetails.Node("127.0.0.1", server.httpPort(),
				ElasticsearchConnectionDetails.Node.Protocol.HTTP));
	}

}
