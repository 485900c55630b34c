package dev.aigov.proxy;

import dev.aigov.detect.DetectorSuite;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code aigov.proxy.*} and builds the detectors from
 * {@code aigov.proxy.detectors.*}. The proxy's other beans come by component scan; the
 * runtime policy and the audit log are other modules' beans, and the
 * {@link ApplicationKeyStore} is the web module's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ProxyProperties.class, DetectorProperties.class })
class ProxyConfiguration {

	/**
	 * The detector suite; a configuration it refuses (unknown type, bad regex) stops the
	 * start with the reason.
	 */
	@Bean
	DetectorSuite detectorSuite(DetectorProperties properties) {
		DetectorSuite.Builder builder = DetectorSuite.builder();
		if (!properties.disabled().isEmpty()) {
			builder.disable(properties.disabled().toArray(String[]::new));
		}
		if (!properties.defaultMarkers()) {
			builder.withoutDefaultMarkers();
		}
		properties.markers().forEach(builder::markerTerms);
		properties.markerPatterns().forEach(builder::markerPattern);
		return builder.build();
	}

}
