package dev.aigov.web;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Elasticsearch unreachable (configured as an external cluster at an address where
 * nothing listens, as after it stopped), the appliance still starts and its health says
 * DOWN and why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "aigov.audit.elasticsearch.embedded.enabled=false",
				"aigov.security.admin-password=es-down-admin-password", "aigov.demo.enabled=false" })
class ElasticsearchDownIntegrationTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		int unreachable = closedPort;
		registry.add("spring.elasticsearch.uris", () -> "http://127.0.0.1:" + unreachable);
		registry.add("aigov.data-dir", TestDataDirectory.create("es-down")::toString);
	}

	@Test
	void healthReportsElasticsearchDownWithTheReason() {
		TestHttp http = TestHttp.to("http://127.0.0.1:" + this.port);
		assertThat(http.get("/actuator/health").statusCode()).isEqualTo(503);
		JsonNode health = TestHttp.json(http.get("/actuator/health", "admin", "es-down-admin-password"));
		JsonNode elasticsearch = health.path("components").path("elasticsearch");
		assertThat(elasticsearch.path("status").asString()).isEqualTo("DOWN");
		assertThat(elasticsearch.path("details").path("error").asString()).containsIgnoringCase("connect");
		assertThat(health.path("components").path("graphStore").path("status").asString()).isEqualTo("UP");
	}

}
