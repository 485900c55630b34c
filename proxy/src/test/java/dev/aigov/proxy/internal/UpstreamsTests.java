package dev.aigov.proxy.internal;

import java.net.URI;
import java.time.Duration;

import dev.aigov.proxy.ProxyProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamsTests {

	private static ProxyProperties.Upstream upstream(String url, ProxyProperties.Api api) {
		return new ProxyProperties.Upstream(URI.create(url), "azure-secret", "external", Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofSeconds(5), api,
				(api == ProxyProperties.Api.AZURE) ? "2024-10-21" : null);
	}

	@Test
	void anAzureBaseUrlWithoutOpenaiIsDoubtedAtStartAndNoOtherIs() {
		assertThat(Upstreams.azurePathDoubt("azure",
				upstream("https://res.openai.azure.com/openai", ProxyProperties.Api.AZURE)))
			.isNull();
		assertThat(Upstreams.azurePathDoubt("azure",
				upstream("https://res.openai.azure.com/openai/", ProxyProperties.Api.AZURE)))
			.isNull();
		assertThat(
				Upstreams.azurePathDoubt("azure", upstream("https://api.example.com/v1", ProxyProperties.Api.OPENAI)))
			.as("an OpenAI-compatible server has any path")
			.isNull();
		String doubt = Upstreams.azurePathDoubt("azure",
				upstream("https://res.openai.azure.com", ProxyProperties.Api.AZURE));
		assertThat(doubt).contains("'azure'", "https://res.openai.azure.com", "/openai", "404")
			.doesNotContain("azure-secret");
		assertThat(Upstreams.azurePathDoubt("gw",
				upstream("https://gateway.example.com/llm/azure", ProxyProperties.Api.AZURE)))
			.contains("gateway");
	}

}
