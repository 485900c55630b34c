package dev.aigov.proxy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.aigov.policy.RuntimeCall;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The proxy's configuration ({@code aigov.proxy.*}). Upstreams and routes are named here
 * and nowhere else: the proxy never connects to an address this configuration does not
 * name.
 *
 * @param maxBodyBytes largest request body accepted (413 above it)
 * @param bodyTimeout longest a request body may take to arrive (408 after it): a caller
 * sending a byte now and then holds a request thread this long, not as long as it likes
 * @param holdBackChars characters of a streamed answer held back per choice until the
 * detectors have seen what follows them (see ADR 010)
 * @param restorePlaceholders whether placeholders of a redacted prompt are put back into
 * the answer to the same caller
 * @param transparencyHeader whether answers carry {@code x-aigov-model-version} (EU AI
 * Act Art. 50)
 * @param catalogRefresh how often the model catalogue is re-read from the registry, in
 * addition to the registry's events (other instances' changes)
 * @param keyRefresh how often application keys are re-read from their store
 * @param endUserIds what the upstream gets of the identifiers a caller gives it for its
 * end users ({@code user}, {@code safety_identifier}, {@code prompt_cache_key}): keyed
 * pseudonyms by default
 * @param pseudonymKeyFile the key of those pseudonyms (32 bytes, created on first use)
 * @param upstreams OpenAI-compatible servers by name
 * @param routes routes by name, each leading to one upstream; deployments in the registry
 * name these routes
 */
@ConfigurationProperties("aigov.proxy")
public record ProxyProperties(@DefaultValue("1048576") int maxBodyBytes, @DefaultValue("30s") Duration bodyTimeout,
		@DefaultValue("128") int holdBackChars, @DefaultValue("true") boolean restorePlaceholders,
		@DefaultValue("true") boolean transparencyHeader, @DefaultValue("30s") Duration catalogRefresh,
		@DefaultValue("10s") Duration keyRefresh, @DefaultValue("pseudonymize") EndUserIds endUserIds,
		Path pseudonymKeyFile, Map<String, Upstream> upstreams, Map<String, Route> routes) {

	public ProxyProperties {
		upstreams = (upstreams != null) ? Map.copyOf(new LinkedHashMap<>(upstreams)) : Map.of();
		routes = (routes != null) ? Map.copyOf(new LinkedHashMap<>(routes)) : Map.of();
		if (maxBodyBytes < 1024) {
			throw new IllegalArgumentException("aigov.proxy.max-body-bytes must be at least 1024");
		}
		if (bodyTimeout == null || bodyTimeout.isNegative() || bodyTimeout.isZero()
				|| bodyTimeout.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException("aigov.proxy.body-timeout must be positive and at most a day");
		}
		if (endUserIds == EndUserIds.PSEUDONYMIZE && pseudonymKeyFile == null) {
			throw new IllegalArgumentException(
					"aigov.proxy.pseudonym-key-file must name the pseudonym key's file when end-user-ids is pseudonymize");
		}
		if (holdBackChars < 0) {
			throw new IllegalArgumentException("aigov.proxy.hold-back-chars must not be negative");
		}
		for (Map.Entry<String, Route> route : routes.entrySet()) {
			Upstream upstream = upstreams.get(route.getValue().upstream());
			if (upstream == null) {
				throw new IllegalArgumentException(
						"aigov.proxy.routes." + route.getKey() + ".upstream names no upstream: '"
								+ route.getValue().upstream() + "' (configured: " + upstreams.keySet() + ")");
			}
			String deployment = route.getValue().upstreamModel();
			if (upstream.api() == Api.AZURE && (deployment == null || !DEPLOYMENT.matcher(deployment).matches())) {
				throw new IllegalArgumentException("aigov.proxy.routes." + route.getKey()
						+ ".upstream-model names the Azure OpenAI deployment that serves the route (letters, digits, "
						+ "'.', '_' and '-', at most 64), got "
						+ ((deployment == null) ? "none" : "'" + deployment + "'"));
			}
		}
	}

	/**
	 * An Azure OpenAI deployment name, which goes into the request path: nothing that
	 * could end or add a path segment, a query or an escape.
	 */
	private static final java.util.regex.Pattern DEPLOYMENT = java.util.regex.Pattern
		.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/** {@code api-version} of Azure OpenAI: a date, perhaps with {@code -preview}. */
	private static final java.util.regex.Pattern API_VERSION = java.util.regex.Pattern
		.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?");

	/** How requests are addressed to an upstream and how its credential is sent. */
	public enum Api {

		/**
		 * The OpenAI API: {@code POST <base-url>/chat/completions} and
		 * {@code /embeddings}, the credential as {@code Authorization: Bearer}, the model
		 * in the body. OpenAI, vLLM, Ollama, llama.cpp server, and Azure OpenAI's
		 * {@code /openai/v1} API.
		 */
		OPENAI,

		/**
		 * Azure OpenAI's deployments API:
		 * {@code POST <base-url>/deployments/<deployment>/chat/completions?api-version=<version>},
		 * the credential in an {@code api-key} header; the route's {@code upstream-model}
		 * names the deployment.
		 */
		AZURE

	}

	/**
	 * What the upstream gets of the caller's end-user identifiers.
	 */
	public enum EndUserIds {

		/**
		 * Each value replaced by {@code aigov-} and 22 characters of an HMAC-SHA256 of
		 * the application and the value: stable for one end user of one application, so
		 * the upstream's abuse monitoring and prompt caching still work, and useless to
		 * anyone without the key.
		 */
		PSEUDONYMIZE,

		/** Sent as given (for identifiers that are pseudonymous already). */
		PASS,

		/** Not sent. */
		REMOVE

	}

	/**
	 * An OpenAI-compatible server.
	 *
	 * @param baseUrl e.g. {@code https://api.openai.com/v1}; requests go to
	 * {@code baseUrl + "/chat/completions"} and {@code "/embeddings"} ({@link Api#AZURE}:
	 * under {@code /deployments/<deployment>})
	 * @param apiKey the server-side credential, if any: a Bearer token, or Azure's
	 * {@code api-key} header
	 * @param location whether data leaves the organisation on the way there
	 * @param connectTimeout to open a connection
	 * @param timeout until the whole answer (non-streaming) or its first byte (streaming)
	 * @param idleTimeout streaming: longest silence between two chunks
	 * @param api how requests are addressed and the credential sent: {@code openai}
	 * (default) or {@code azure}, for Azure OpenAI's deployments API (e.g. base-url
	 * {@code https://<resource>.openai.azure.com/openai})
	 * @param apiVersion Azure OpenAI's {@code api-version} (e.g. {@code 2024-10-21});
	 * required for {@code azure}, refused otherwise
	 */
	public record Upstream(URI baseUrl, String apiKey, @DefaultValue("external") String location,
			@DefaultValue("2s") Duration connectTimeout, @DefaultValue("60s") Duration timeout,
			@DefaultValue("30s") Duration idleTimeout, @DefaultValue("openai") Api api, String apiVersion) {

		public Upstream {
			if (baseUrl == null || baseUrl.getHost() == null
					|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
				throw new IllegalArgumentException("An upstream needs an absolute http(s) base-url, got " + baseUrl);
			}
			if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
				throw new IllegalArgumentException("An upstream base-url has no query, fragment or credentials "
						+ "(put the credential in api-key): " + baseUrl.getHost());
			}
			location(location);
			if (api == null) {
				api = Api.OPENAI;
			}
			if (api == Api.AZURE && (apiVersion == null || !API_VERSION.matcher(apiVersion).matches())) {
				throw new IllegalArgumentException("An upstream with api: azure needs its api-version, a date such as "
						+ "2024-10-21 (perhaps with -preview), got "
						+ ((apiVersion == null) ? "none" : "'" + apiVersion + "'"));
			}
			if (api != Api.AZURE && apiVersion != null) {
				throw new IllegalArgumentException(
						"An upstream's api-version applies to api: azure only (Azure OpenAI's /openai/v1 API and "
								+ "other OpenAI-compatible servers take none): " + baseUrl.getHost());
			}
		}

		/** Where the upstream runs. */
		public RuntimeCall.Location place() {
			return location(this.location);
		}

		/**
		 * Where the upstream runs, as the configuration writes it: {@code on-prem} or
		 * {@code external}.
		 */
		public String placeName() {
			return place().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		/** Whether a server-side credential is configured (it is never shown). */
		public boolean hasCredential() {
			return this.apiKey != null && !this.apiKey.isBlank();
		}

		private static RuntimeCall.Location location(String value) {
			return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
				case "on-prem", "on_prem", "onprem" -> RuntimeCall.Location.ON_PREM;
				case "external" -> RuntimeCall.Location.EXTERNAL;
				default -> throw new IllegalArgumentException(
						"An upstream's location is on-prem or external, got '" + value + "'");
			};
		}

		@Override
		public String toString() {
			return "Upstream[" + this.baseUrl + ", " + this.location + ", " + this.api + "]";
		}

	}

	/**
	 * A route: which upstream serves it and under which model name.
	 *
	 * @param upstream the upstream's name
	 * @param upstreamModel the model name the upstream knows, sent in place of the
	 * caller's; {@code null} to pass the caller's name on
	 */
	public record Route(String upstream, String upstreamModel) {

		public Route {
			if (upstream == null || upstream.isBlank()) {
				throw new IllegalArgumentException("A route names its upstream (aigov.proxy.routes.<name>.upstream)");
			}
		}

	}

}
