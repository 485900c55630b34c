package dev.aigov.web.proxy;

import java.util.List;

import dev.aigov.proxy.ProxyProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proxy's routes and upstreams as configured ({@code aigov.proxy.*}), for the people
 * who deploy model versions onto routes. Read-only: routes change with the configuration,
 * so that no request can add a destination. Upstream credentials are never shown.
 */
@RestController
@Tag(name = "Proxy routes", description = "Configured proxy routes and upstreams (read-only)")
class ProxyRoutesController {

	private final ProxyProperties properties;

	ProxyRoutesController(ProxyProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/api/proxy/routes")
	@PreAuthorize("hasAnyRole('ADMIN','MODEL_OWNER','COMPLIANCE_OFFICER','AUDITOR')")
	@Operation(summary = "List the configured routes with their upstreams")
	List<RouteView> routes() {
		return this.properties.routes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).map((e) -> {
			ProxyProperties.Upstream upstream = this.properties.upstreams().get(e.getValue().upstream());
			return new RouteView(e.getKey(), e.getValue().upstream(), upstream.baseUrl().toString(),
					upstream.placeName(), e.getValue().upstreamModel(), upstream.hasCredential(),
					upstream.api().name().toLowerCase(java.util.Locale.ROOT), upstream.apiVersion());
		}).toList();
	}

	/**
	 * @param api {@code openai}, or {@code azure} for Azure OpenAI's deployments API
	 * (then {@code upstreamModel} is the deployment)
	 * @param apiVersion Azure OpenAI's {@code api-version}, else {@code null}
	 */
	record RouteView(String name, String upstream, String baseUrl, String location, String upstreamModel,
			boolean hasCredential, String api, String apiVersion) {
	}

}
