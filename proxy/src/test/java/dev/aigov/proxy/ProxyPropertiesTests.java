package dev.aigov.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.aigov.policy.RuntimeCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProxyPropertiesTests {

	private static ProxyProperties.Upstream upstream(String url, String location) {
		return new ProxyProperties.Upstream(URI.create(url), null, location, Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofSeconds(5), null, null);
	}

	@Test
	void aRouteMustLeadToAConfiguredUpstream() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProxyProperties(1 << 20, Duration.ofSeconds(30), 128, true, true,
					Duration.ofSeconds(30), Duration.ofSeconds(10), ProxyProperties.EndUserIds.PASS, null,
					Map.of("local", upstream("http://127.0.0.1:8000/v1", "on-prem")),
					Map.of("chat", new ProxyProperties.Route("elsewhere", null))))
			.withMessageContaining("aigov.proxy.routes.chat.upstream names no upstream: 'elsewhere'");
	}

	@Test
	void pseudonymsNeedTheirKeyFile() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ProxyProperties(1 << 20, Duration.ofSeconds(30), 128, true, true, Duration.ofSeconds(30),
							Duration.ofSeconds(10), ProxyProperties.EndUserIds.PSEUDONYMIZE, null, Map.of(), Map.of()))
			.withMessageContaining("aigov.proxy.pseudonym-key-file");
	}

	@Test
	void upstreamAddressesAreAbsoluteHttpWithoutCredentials() {
		assertThatIllegalArgumentException().isThrownBy(() -> upstream("file:///etc/passwd", "on-prem"));
		assertThatIllegalArgumentException().isThrownBy(() -> upstream("/v1", "on-prem"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> upstream("https://user:secret@api.example.com/v1", "external"))
			.withMessageNotContaining("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> upstream("https://api.example.com/v1?x=1", "external"));
	}

	@Test
	void locationIsOnPremOrExternal() {
		assertThat(upstream("http://10.0.0.5/v1", "on-prem").place()).isEqualTo(RuntimeCall.Location.ON_PREM);
		assertThat(upstream("https://api.example.com/v1", "External").place()).isEqualTo(RuntimeCall.Location.EXTERNAL);
		assertThat(upstream("http://10.0.0.5/v1", "on_prem").placeName()).isEqualTo("on-prem");
		assertThat(upstream("https://api.example.com/v1", "External").placeName()).isEqualTo("external");
		assertThatIllegalArgumentException().isThrownBy(() -> upstream("http://10.0.0.5/v1", "cloud"));
	}

	@Test
	void azureUpstreamsNeedTheirApiVersionAndRoutesTheirDeployment() {
		assertThat(upstream("http://10.0.0.5/v1", "on-prem").api()).isEqualTo(ProxyProperties.Api.OPENAI);
		assertThatIllegalArgumentException().isThrownBy(() -> azure(null)).withMessageContaining("api-version");
		assertThatIllegalArgumentException().isThrownBy(() -> azure("2024-10-21&x=1"))
			.withMessageContaining("'2024-10-21&x=1'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProxyProperties.Upstream(URI.create("https://api.example.com/v1"), null, "external",
					Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), ProxyProperties.Api.OPENAI,
					"2024-10-21"))
			.withMessageContaining("api: azure only");
		assertThat(azure("2025-04-01-preview").apiVersion()).isEqualTo("2025-04-01-preview");

		for (String deployment : new String[] { null, "", "../models", "chat/completions?x=", "chat%2F", "a b" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> properties(Map.of("chat", new ProxyProperties.Route("azure", deployment))))
				.withMessageContaining("aigov.proxy.routes.chat.upstream-model names the Azure OpenAI deployment");
		}
		assertThat(properties(Map.of("chat", new ProxyProperties.Route("azure", "gpt-4o-mini.prod_2"))).routes())
			.containsKey("chat");
	}

	private static ProxyProperties.Upstream azure(String apiVersion) {
		return new ProxyProperties.Upstream(URI.create("https://example.openai.azure.com/openai"), null, "external",
				Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), ProxyProperties.Api.AZURE,
				apiVersion);
	}

	private static ProxyProperties properties(Map<String, ProxyProperties.Route> routes) {
		return new ProxyProperties(1 << 20, Duration.ofSeconds(30), 128, true, true, Duration.ofSeconds(30),
				Duration.ofSeconds(10), ProxyProperties.EndUserIds.PASS, null, Map.of("azure", azure("2024-10-21")),
				routes);
	}

	@Test
	void theUpstreamsCredentialIsNeverPrinted() {
		ProxyProperties.Upstream upstream = new ProxyProperties.Upstream(URI.create("https://api.example.com/v1"),
				"sk-very-secret", "external", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), null,
				null);
		assertThat(upstream.toString()).doesNotContain("sk-very-secret");
		assertThat(upstream.hasCredential()).isTrue();
		assertThat(upstream("http://10.0.0.5/v1", "on-prem").hasCredential()).isFalse();
		assertThat(new ProxyProperties.Upstream(URI.create("http://10.0.0.5/v1"), " ", "on-prem", Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofSeconds(5), null, null)
			.hasCredential()).as("a blank key is none").isFalse();
	}

}
