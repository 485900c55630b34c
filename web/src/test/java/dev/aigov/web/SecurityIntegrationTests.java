package dev.aigov.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, checked over HTTP against the running appliance.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityIntegrationTests extends ApplianceIntegrationTest {

	/** The only endpoints anyone may call without signing in. */
	private static final Set<String> PUBLIC = Set.of("/login", "/error", "/actuator/health", "/.well-known/jwks.json");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	@Test
	void everyNonPublicEndpointAnswers401WithoutCredentials() {
		List<String> checked = new ArrayList<>();
		for (RequestMappingInfo info : this.handlerMapping.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (PUBLIC.contains(pattern)) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]+}", "x").replace("/**", "/x");
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
				HttpResponse<String> response = http().send(method, path, "{}");
				if (path.startsWith("/api/")) {
					assertThat(response.statusCode()).as(method + " " + path).isEqualTo(401);
					assertThat(response.headers().firstValue("Content-Type")).as(method + " " + path)
						.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				}
				else {
					// Pages and API documents send an anonymous browser to the login
					// page.
					assertThat(response.statusCode()).as(method + " " + path).isIn(302, 401);
					if (response.statusCode() == 302) {
						assertThat(response.headers().firstValue("Location")).as(method + " " + path)
							.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
					}
				}
				checked.add(method + " " + path);
			}
		}
		assertThat(checked).contains("GET /api/me", "GET /api/admin/users", "POST /api/admin/users",
				"GET /v3/api-docs");
		for (String actuator : List.of("/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
			assertThat(http().get(actuator).statusCode()).as(actuator).isEqualTo(401);
		}
	}

	/**
	 * {@code /v1} is served by the policy proxy's own filter, ahead of Spring Security
	 * (ADR 004, ADR 010): without an application key every path and method there is 401
	 * in the OpenAI error shape, an administrator's password included.
	 */
	@Test
	void everyProxyPathAnswers401WithoutAnApplicationKey() {
		for (String path : List.of("/v1/chat/completions", "/v1/embeddings", "/v1/models", "/v1/no-such-endpoint",
				"/v1")) {
			for (String method : List.of("GET", "POST", "DELETE")) {
				for (HttpResponse<String> response : List.of(http().send(method, path, "{}"),
						http().send(method, path, "{}", ADMIN, ADMIN_PASSWORD))) {
					assertThat(response.statusCode()).as(method + " " + path).isEqualTo(401);
					assertThat(TestHttp.json(response).at("/error/code").asString()).as(method + " " + path)
						.isEqualTo("invalid_api_key");
				}
			}
		}
	}

	/**
	 * Only the filters that pass every request on, and the proxy's endpoint (which
	 * authenticates application keys itself), run ahead of Spring Security's filter
	 * chain: a new filter there would answer requests that no security rule has seen.
	 */
	@Test
	void onlyTheProxyAnswersRequestsAheadOfSpringSecurity(
			@Autowired org.springframework.context.ConfigurableApplicationContext context) {
		List<String> ahead = new ArrayList<>();
		boolean securityFound = false;
		for (org.springframework.boot.web.servlet.ServletContextInitializer initializer : new org.springframework.boot.web.servlet.ServletContextInitializerBeans(
				context.getBeanFactory())) {
			if (initializer instanceof org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean security
					&& "springSecurityFilterChain".equals(security.getFilterName())) {
				securityFound = true;
				break;
			}
			if (initializer instanceof org.springframework.boot.web.servlet.AbstractFilterRegistrationBean<?> filter) {
				ahead.add(filter.getFilterName());
			}
		}
		assertThat(securityFound).isTrue();
		assertThat(ahead).contains("openAiEndpoint")
			.isSubsetOf("openAiEndpoint", "characterEncodingFilter", "formContentFilter", "requestContextFilter",
					"webMvcObservationFilter", "serverHttpObservationFilter");
	}

	@Test
	void aUserWithTheWrongRoleIsForbidden() {
		createUser("audrey", "AUDITOR", "auditor-password-1");
		HttpResponse<String> response = http().get("/api/admin/users", "audrey", "auditor-password-1");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(TestHttp.json(response).path("title").asString()).isEqualTo("Forbidden");
		assertThat(http().get("/actuator/prometheus", "audrey", "auditor-password-1").statusCode()).isEqualTo(403);
		assertThat(http().get("/api/me", "audrey", "auditor-password-1").statusCode()).isEqualTo(200);
	}

	@Test
	void badCredentialsAreLoggedWithoutThePassword(CapturedOutput output) {
		String wrongPassword = "not-the-password-" + System.nanoTime();
		HttpResponse<String> response = http().get("/api/me", ADMIN, wrongPassword);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"aigov\"");
		assertThat(output).contains("Authentication failed for user 'admin'");
		assertThat(output).doesNotContain(wrongPassword);
	}

	@Test
	void healthIsPublicAndItsDetailsAreForAdministrators() {
		JsonNode anonymous = TestHttp.json(http().get("/actuator/health"));
		assertThat(anonymous.path("status").asString()).isEqualTo("UP");
		assertThat(anonymous.has("components")).isFalse();

		JsonNode admin = TestHttp.json(http().get("/actuator/health", ADMIN, ADMIN_PASSWORD));
		assertThat(admin.path("components").path("elasticsearch").path("status").asString()).isEqualTo("UP");
		JsonNode graph = admin.path("components").path("graphStore");
		assertThat(graph.path("status").asString()).isEqualTo("UP");
	}

	@Test
	void administratorsReadPrometheusMetrics() {
		HttpResponse<String> response = http().get("/actuator/prometheus", ADMIN, ADMIN_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
	}

	@Test
	void theOpenApiDocumentDescribesTheApi() {
		HttpResponse<String> response = http().get("/v3/api-docs", ADMIN, ADMIN_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode paths = TestHttp.json(response).path("paths");
		assertThat(paths.has("/api/admin/users")).isTrue();
		assertThat(paths.has("/api/me")).isTrue();
		assertThat(http().get("/swagger-ui/index.html", ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(200);
	}

	private void createUser(String username, String role, String password) {
		HttpResponse<String> created = http().post("/api/admin/users",
				TestHttp.toJson(Map.of("username", username, "roles", List.of(role), "password", password)), ADMIN,
				ADMIN_PASSWORD);
		assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
	}

}
