package dev.aigov.eslauncher.junit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SharedElasticsearch.class)
class SharedElasticsearchIntegrationTests {

	@Test
	void extensionStartsOneNodeForTheWholeJvm() throws Exception {
		assertThat(SharedElasticsearch.node().isRunning()).isTrue();
		assertThat(SharedElasticsearch.node()).isSameAs(SharedElasticsearch.node());
		assertThat(SharedElasticsearch.url()).isEqualTo("http://127.0.0.1:" + SharedElasticsearch.httpPort());
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create(SharedElasticsearch.url() + "/_cluster/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"cluster_name\":\"aigov\"");
		}
	}

}
