package dev.aigov.signing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens (or on first start creates) the appliance's signing keystore. Picked up by the
 * application's component scan of {@code dev.aigov}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningProperties.class)
class SigningConfiguration {

	@Bean
	SigningKeys signingKeys(SigningProperties properties) {
		return SigningKeys.open(properties);
	}

}
