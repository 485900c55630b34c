package dev.aigov.audit.internal;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditRecords;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import dev.aigov.signing.JsfVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large records reach Elasticsearch: a backlog of them is shipped in bulk requests
 * Elasticsearch takes, and an index created by an earlier version, whose strict mappings
 * lack the fields a record over the size limits has, takes them too.
 */
class ShipperLargeRecordsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void aBacklogOfLargeRecordsIsShippedIntoAnIndexWithTheEarlierMappings() throws Exception {
		String prefix = "it-large";
		Instant now = Instant.now();
		String index = prefix + "-" + AuditDocuments.MONTH.format(now);
		// This month's index as the previous version created it: strict, without the
		// fields for omitted hits and texts.
		send("DELETE", "/" + index, null);
		JsonNode earlier = earlierMappings();
		assertThat(send("PUT", "/" + index, json.writeValueAsString(Map.of("mappings", earlier))).statusCode())
			.isEqualTo(200);
		try (Rest5Client client = Rest5Client.builder(URI.create(SharedElasticsearch.url())).build()) {
			AuditInternals internals = AuditInternals.create(this.dir.resolve("journal"), 64L << 20, 1L << 30,
					ContentMode.ENCRYPTED, this.dir.resolve("content.key"), 1.8, prefix, client, null,
					JsfVerifier::withEmbeddedKeys, Clock.systemUTC());
			try {
				// Written while nothing ships: 84 prompts of 1 MiB, each kept encrypted
				// in
				// base64 (1.33 MiB, random so that compression does not shrink it), 112
				// MiB
				// in all, over Elasticsearch's 100 MiB per request.
				Random random = new Random(7);
				char[] text = new char[1 << 20];
				for (int i = 0; i < 84; i++) {
					for (int c = 0; c < text.length; c++) {
						text[c] = (char) ('!' + random.nextInt(90));
					}
					internals.log().append(large("big-" + i, new String(text), List.of()));
				}
				List<AuditRecord.DetectorHit> hits = new ArrayList<>();
				for (int i = 0; i < 1500; i++) {
					hits.add(new AuditRecord.DetectorHit("request", "EMAIL", i, i + 1, 0.9));
				}
				internals.log().append(large("many-hits", "x", hits));
				internals.log().append(large("too-long-to-keep", "y".repeat(13 << 20), List.of()));
				internals.startShipping(2000, Duration.ofMillis(100), Duration.ofNanos(Shipper.LINGER_NANOS));
				assertThat(internals.awaitShipped(Duration.ofSeconds(120), true)).isTrue();
				assertThat(send("GET", "/" + index + "/_count", null).body()).contains("\"count\":86,");
				String hitsOmitted = send("GET",
						"/" + index + "/_search?q=aigov.detections.hits_omitted:500&filter_path=hits.total", null)
					.body();
				assertThat(hitsOmitted).contains("\"value\":1");
				String textOmitted = send("GET",
						"/" + index + "/_search?q=aigov.prompt.text_omitted:true&filter_path=hits.total", null)
					.body();
				assertThat(textOmitted).contains("\"value\":1");
			}
			finally {
				internals.close();
				send("DELETE", "/" + index, null);
			}
		}
	}

	private static AuditRecord large(String requestId, String prompt, List<AuditRecord.DetectorHit> hits) {
		AuditRecord template = AuditRecords.inference(requestId, "app", "allow", null);
		AuditRecord.Inference call = template.inference();
		return new AuditRecord(template.time(), requestId, "inference", template.action(), "success", template.actor(),
				new AuditRecord.Inference(call.requestedModel(), call.modelVersion(), call.route(), call.upstream(),
						call.packVersion(), call.rulesFired(), call.decision(), hits,
						new AuditRecord.Content(prompt, null), new AuditRecord.Content("ok", "ok"), 1, 1,
						call.latency(), null, 200, null, null, false, null, 0, null),
				Map.of());
	}

	/** This version's record mappings without the fields it added. */
	private static JsonNode earlierMappings() throws Exception {
		try (InputStream in = IndexLayout.class.getResourceAsStream("records-mappings.json")) {
			JsonNode mappings = json.readTree(in).path("template").path("mappings");
			ObjectNode aigov = (ObjectNode) mappings.path("properties").path("aigov").path("properties");
			((ObjectNode) aigov.path("detections").path("properties")).remove("hits_omitted");
			((ObjectNode) aigov.path("prompt").path("properties")).remove("text_omitted");
			((ObjectNode) aigov.path("response").path("properties")).remove("text_omitted");
			return mappings;
		}
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SharedElasticsearch.url() + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
