package dev.aigov.lineage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the appliance's {@link GraphStores}, configured by {@code aigov.graph.*}, and
 * its {@code graphStore} health component. Picked up by component scanning of
 * {@code dev.aigov}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphStoreProperties.class)
public class LineageConfiguration {

	@Bean(destroyMethod = "close")
	GraphStores graphStores(GraphStoreProperties properties) {
		return new GraphStores(properties);
	}

	@Bean
	HealthIndicator graphStoreHealthIndicator(GraphStores graphStores) {
		return new GraphStoreHealthIndicator(graphStores);
	}

}
