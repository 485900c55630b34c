package dev.aigov.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed ML-BOM as an auditor receives it: deterministic, signed by the appliance,
 * reported stale once the résumé changes; and validation of any CycloneDX document.
 */
class MlBomIntegrationTests extends ApplianceIntegrationTest {

	@Test
	void aModelVersionHasADeterministicSignedMlBomThatGoesStaleWhenTheResumeChanges() {
		String s = Long.toString(System.nanoTime(), 36);
		post("/api/registry/ai-systems", Map.of("id", "bom-sys-" + s, "name", "Support", "purpose", "Answer questions",
				"riskLevel", "limited", "owner", ADMIN));
		post("/api/registry/models",
				Map.of("id", "bom-model-" + s, "name", "Bot", "system", "bom-sys-" + s, "owner", ADMIN));
		Map<String, Object> version = Map.of("id", "bom-v-" + s, "model", "bom-model-" + s, "version", "1.0.0",
				"intendedUse", "Draft answers", "licenseExpression", "Apache-2.0");
		post("/api/registry/model-versions", version);

		HttpResponse<String> first = http().get("/api/registry/model-versions/bom-v-" + s + "/ml-bom", ADMIN,
				ADMIN_PASSWORD);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/vnd.cyclonedx+json");
		assertThat(first.headers().firstValue("Aigov-Bom-Freshness")).hasValue("CURRENT");
		JsonNode bom = TestHttp.json(first);
		assertThat(bom.path("specVersion").asString()).isEqualTo("1.6");
		assertThat(bom.path("metadata").path("component").path("type").asString()).isEqualTo("machine-learning-model");
		assertThat(bom.path("signature").path("algorithm").asString()).isEqualTo("Ed25519");
		String again = http().get("/api/registry/model-versions/bom-v-" + s + "/ml-bom", ADMIN, ADMIN_PASSWORD).body();
		assertThat(again).as("same résumé revision, same bytes").isEqualTo(first.body());

		JsonNode signature = postJson("/api/signatures/verify", first.body());
		assertThat(signature.path("valid").asBoolean()).isTrue();
		assertThat(signature.path("signedByThisAppliance").asBoolean()).isTrue();
		assertThat(postJson("/api/sboms/verify", first.body()).path("freshness").asString()).isEqualTo("CURRENT");

		Map<String, Object> revised = new java.util.LinkedHashMap<>(version);
		revised.put("limitations", "English only");
		HttpResponse<String> updated = http().send("PUT", "/api/registry/model-versions/bom-v-" + s,
				TestHttp.toJson(revised), ADMIN, ADMIN_PASSWORD);
		assertThat(updated.statusCode()).isEqualTo(200);
		JsonNode stale = postJson("/api/sboms/verify", first.body());
		assertThat(stale.path("valid").asBoolean()).isTrue();
		assertThat(stale.path("freshness").asString()).isEqualTo("STALE");
		assertThat(
				http().get("/api/registry/model-versions/no-such-" + s + "/ml-bom", ADMIN, ADMIN_PASSWORD).statusCode())
			.isEqualTo(404);
	}

	@Test
	void anyCycloneDxDocumentIsValidatedAndAnInvalidOneListsItsErrors() throws Exception {
		Path fixture = Path.of(System.getProperty("aigov.shared.dir"), "conformance", "cyclonedx",
				"valid-machine-learning-1.6.json");
		JsonNode summary = postJson("/api/sboms/validate", Files.readString(fixture));
		assertThat(summary.path("specVersion").asString()).isEqualTo("1.6");
		HttpResponse<String> invalid = http().send(http().request("/api/sboms/validate", ADMIN, ADMIN_PASSWORD)
			.header("Content-Type", "application/vnd.cyclonedx+json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"nonsense\"}]}")));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(TestHttp.json(invalid).path("errors").get(0).path("path").asString()).startsWith("/components/0");
	}

	@Test
	void anExternalSbomIsStoredByItsHashLinkedToTheVersionAndRecordedForGood() throws Exception {
		String s = Long.toString(System.nanoTime(), 36);
		post("/api/registry/ai-systems", Map.of("id", "ext-sys-" + s, "name", "Search", "purpose", "Rank documents",
				"riskLevel", "minimal", "owner", ADMIN));
		post("/api/registry/models",
				Map.of("id", "ext-model-" + s, "name", "Ranker", "system", "ext-sys-" + s, "owner", ADMIN));
		post("/api/registry/model-versions", Map.of("id", "ext-v-" + s, "model", "ext-model-" + s, "version", "2.0.0"));
		byte[] document = Files.readAllBytes(Path.of(System.getProperty("aigov.shared.dir"), "conformance", "cyclonedx",
				"valid-machine-learning-1.6.json"));

		HttpResponse<String> attached = http()
			.send(http().request("/api/registry/model-versions/ext-v-" + s + "/sboms", ADMIN, ADMIN_PASSWORD)
				.header("Content-Type", "application/vnd.cyclonedx+json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(document)));
		assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
		JsonNode record = TestHttp.json(attached);
		String sha256 = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(document));
		assertThat(record.path("fields").path("contentSha256").asString()).isEqualTo(sha256);
		assertThat(record.path("fields").path("specVersion").asString()).isEqualTo("1.6");
		assertThat(record.path("bom").path("modelComponents").asInt()).isPositive();
		String location = attached.headers().firstValue("Location").orElseThrow();

		HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient()
			.send(http().request(location, ADMIN, ADMIN_PASSWORD).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).as("the bytes as imported").isEqualTo(document);

		JsonNode resume = TestHttp
			.json(http().get("/api/registry/model-versions/ext-v-" + s + "/resume", ADMIN, ADMIN_PASSWORD));
		assertThat(resume.toString()).contains(record.path("id").asString());
		JsonNode listed = TestHttp
			.json(http().get("/api/registry/model-versions/ext-v-" + s + "/sboms", ADMIN, ADMIN_PASSWORD));
		assertThat(listed).hasSize(1);

		HttpResponse<String> again = http()
			.send(http().request("/api/registry/model-versions/ext-v-" + s + "/sboms", ADMIN, ADMIN_PASSWORD)
				.header("Content-Type", "application/vnd.cyclonedx+json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(document)));
		assertThat(again.statusCode()).as("the same document twice").isEqualTo(409);
		HttpResponse<String> direct = http().post("/api/registry/sboms", TestHttp.toJson(
				Map.of("id", "forged-" + s, "modelVersion", "ext-v-" + s, "specVersion", "1.6", "contentSha256", "00")),
				ADMIN, ADMIN_PASSWORD);
		assertThat(direct.statusCode()).as("records come only from the import").isEqualTo(400);
		HttpResponse<String> invalid = http()
			.send(http().request("/api/registry/model-versions/ext-v-" + s + "/sboms", ADMIN, ADMIN_PASSWORD)
				.header("Content-Type", "application/vnd.cyclonedx+json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
						+ "\"components\":[{\"type\":\"nonsense\"}]}")));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(
				TestHttp.json(http().get("/api/registry/model-versions/ext-v-" + s + "/sboms", ADMIN, ADMIN_PASSWORD)))
			.as("nothing recorded for the invalid one")
			.hasSize(1);
		HttpResponse<String> unknown = http()
			.send(http().request("/api/registry/model-versions/nope-" + s + "/sboms", ADMIN, ADMIN_PASSWORD)
				.header("Content-Type", "application/vnd.cyclonedx+json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(document)));
		assertThat(unknown.statusCode()).isIn(400, 404);
	}

	private void post(String path, Map<String, Object> body) {
		HttpResponse<String> response = http().post(path, TestHttp.toJson(body), ADMIN, ADMIN_PASSWORD);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private JsonNode postJson(String path, String body) {
		HttpResponse<String> response = http().send(http().request(path, ADMIN, ADMIN_PASSWORD)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestHttp.json(response);
	}

}
