package dev.aigov.audit;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.aigov.signing.SigningKeys;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit pipeline as beans: the {@link AuditLog} the proxy and the administrative
 * listeners append to, search and verification for the API, the {@code audit} health
 * component and the {@code aigov.audit.*} metrics. The journal lives in
 * {@code aigov.audit.journal.dir}; Spring Boot's Elasticsearch client ships it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	@Bean(destroyMethod = "close")
	AuditPipeline auditPipeline(AuditProperties properties, Rest5Client client, SigningKeys keys) {
		return AuditPipeline.builder(properties.journal().dir())
			.properties(properties)
			.elasticsearch(client)
			.signingKeys(keys)
			.build();
	}

	@Bean
	AuditLog auditLog(AuditPipeline pipeline) {
		return pipeline.log();
	}

	@Bean
	AuditSearch auditSearch(AuditPipeline pipeline) {
		return pipeline.search();
	}

	@Bean
	AuditVerifier auditVerifier(AuditPipeline pipeline) {
		return pipeline.verifier();
	}

	@Bean
	HealthIndicator auditHealthIndicator(AuditPipeline pipeline) {
		return new AuditHealthIndicator(pipeline);
	}

	@Bean
	MeterBinder auditMetrics(AuditPipeline pipeline) {
		return new AuditMetrics(pipeline);
	}

}
