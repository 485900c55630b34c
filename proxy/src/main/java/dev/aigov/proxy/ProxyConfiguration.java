package dev.aigov.proxy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code aigov.proxy.*}. The proxy's beans come by component scan; the detectors,
 * the runtime policy and the audit log are other modules' beans, and the
 * {@link ApplicationKeyStore} is the web module's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyProperties.class)
class ProxyConfiguration {

}
