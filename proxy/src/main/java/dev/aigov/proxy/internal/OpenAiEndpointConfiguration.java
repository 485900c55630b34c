package dev.aigov.proxy.internal;

import jakarta.servlet.DispatcherType;

import dev.aigov.proxy.ApplicationKeys;

import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers {@link OpenAiEndpoint} for {@code /v1/*}, first of all filters: the proxy's
 * calls skip Spring Security's filter chain and Spring MVC, which were about a third of
 * the proxy's CPU per call (ADR 010). The web module's {@code /v1/**} security chain
 * stays behind it as a backstop that refuses whatever might still reach it.
 */
@Configuration(proxyBeanMethods = false)
class OpenAiEndpointConfiguration {

	/** Ahead of Spring Security's filter chain ({@code -100}) and every Spring filter. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	@Bean
	FilterRegistrationBean<OpenAiEndpoint> openAiEndpoint(ApplicationKeys keys, OpenAiProxy proxy) {
		FilterRegistrationBean<OpenAiEndpoint> registration = new FilterRegistrationBean<>(
				new OpenAiEndpoint(keys, proxy));
		registration.setName("openAiEndpoint");
		registration.addUrlPatterns("/v1/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(ORDER);
		return registration;
	}

	/**
	 * Jetty's own refusals under {@code /v1} (before any filter runs) in the OpenAI shape
	 * ({@link OpenAiServerErrors}).
	 */
	@Bean
	JettyServerCustomizer openAiServerErrors(OpenAiProxy proxy) {
		return (server) -> OpenAiServerErrors.install(server, proxy::errorBody);
	}

}
