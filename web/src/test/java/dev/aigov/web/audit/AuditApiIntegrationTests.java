package dev.aigov.web.audit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aigov.audit.AuditPipeline;
import dev.aigov.web.ApplianceIntegrationTest;
import dev.aigov.web.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log in the running appliance: administrative events are recorded, found
 * through the API, and verify; access is limited to those who audit.
 */
class AuditApiIntegrationTests extends ApplianceIntegrationTest {

	@Autowired
	AuditPipeline pipeline;

	@Test
	void accountChangesFailedSignInsAndKeyRotationsAreAuditedSearchableAndVerify() {
		Instant from = Instant.now().minusSeconds(1);
		HttpResponse<String> created = http().post("/api/admin/users",
				TestHttp
					.toJson(Map.of("username", "audra", "password", "audra-password-1", "roles", List.of("AUDITOR"))),
				ADMIN, ADMIN_PASSWORD);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(http().get("/api/me", "audra", "wrong-password").statusCode()).isEqualTo(401);
		assertThat(http().post("/api/admin/keys/rotate", null, ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(200);
		HttpResponse<String> key = http().post("/api/admin/proxy/keys",
				TestHttp.toJson(Map.of("application", "audited-app", "allowedModels", List.of("*"))), ADMIN,
				ADMIN_PASSWORD);
		assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
		String keyId = TestHttp.json(key).path("key").path("id").asString();
		String secret = TestHttp.json(key).path("secret").asString();
		assertThat(http().send("DELETE", "/api/admin/proxy/keys/" + keyId, null, ADMIN, ADMIN_PASSWORD).statusCode())
			.isEqualTo(204);
		assertThat(http().get("/api/me", "audra", "audra-password-1").statusCode()).isEqualTo(200);
		assertThat(http().get("/api/me", "audra", "audra-password-1").statusCode()).isEqualTo(200);
		this.pipeline.checkpoint();
		assertThat(this.pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();

		JsonNode page = TestHttp
			.json(http().get("/api/audit/records?category=admin&size=50&from=" + from, "audra", "audra-password-1"));
		List<String> actions = page.path("records")
			.valueStream()
			.map((r) -> r.path("event").path("action").asString())
			.toList();
		assertThat(actions).contains("account.created", "user.sign-in-failed", "signing-key.rotated",
				"application-key.created", "application-key.revoked", "user.api-signed-in");
		assertThat(page.path("records")
			.valueStream()
			.filter((r) -> r.path("event").path("action").asString().equals("user.api-signed-in"))
			.filter((r) -> r.path("user").path("name").asString().equals("audra")))
			.as("one API sign-in per user and address in the window, not one per request")
			.hasSize(1);
		List<JsonNode> keyRecords = page.path("records")
			.valueStream()
			.filter((r) -> r.path("event").path("action").asString().startsWith("application-key."))
			.toList();
		assertThat(keyRecords).hasSize(2).allSatisfy((r) -> {
			assertThat(r.path("user").path("name").asString()).isEqualTo(ADMIN);
			assertThat(r.toString()).contains(keyId, "audited-app").doesNotContain(secret);
		});
		JsonNode failed = page.path("records")
			.valueStream()
			.filter((r) -> r.path("event").path("action").asString().equals("user.sign-in-failed"))
			.findFirst()
			.orElseThrow();
		assertThat(failed.path("event").path("outcome").asString()).isEqualTo("failure");
		assertThat(failed.path("user").path("name").asString()).isEqualTo("audra");
		assertThat(failed.toString()).doesNotContain("wrong-password");

		JsonNode verification = TestHttp
			.json(http().get("/api/audit/verification?from=" + from + "&to=" + Instant.now().plusSeconds(60), "audra",
					"audra-password-1"));
		assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
		assertThat(verification.path("records").asLong()).isGreaterThanOrEqualTo(3);

		JsonNode statistics = TestHttp.json(http().get(
				"/api/audit/statistics?from=" + from + "&to=" + Instant.now().plusSeconds(60) + "&interval=PT1M",
				"audra", "audra-password-1"));
		assertThat(statistics.path("total").asLong()).isGreaterThanOrEqualTo(3);

		JsonNode status = TestHttp.json(http().get("/api/audit/status", ADMIN, ADMIN_PASSWORD));
		assertThat(status.path("writable").asBoolean()).isTrue();
		JsonNode health = TestHttp.json(http().get("/actuator/health", ADMIN, ADMIN_PASSWORD));
		assertThat(health.path("components").path("audit").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void resumeChangesRefusedPolicyPacksAndReportExportsAreAudited() throws Exception {
		Instant from = Instant.now().minusSeconds(1);
		String s = Long.toString(System.nanoTime(), 36);
		HttpResponse<String> system = http().post("/api/registry/ai-systems", TestHttp.toJson(Map.of("id",
				"aud-sys-" + s, "name", "Triage", "purpose", "Route tickets", "riskLevel", "minimal", "owner", ADMIN)),
				ADMIN, ADMIN_PASSWORD);
		assertThat(system.statusCode()).as(system.body()).isEqualTo(201);
		java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
			out.putNextEntry(new java.util.zip.ZipEntry("pack.properties"));
			out.write("name=governance\nkind=governance\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.closeEntry();
			out.putNextEntry(new java.util.zip.ZipEntry("rules/broken.drl"));
			out.write(
					"package broken; rule \"x\" when then oops( end".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.closeEntry();
		}
		HttpResponse<String> refused = http().send(http().request("/api/policy/packs", ADMIN, ADMIN_PASSWORD)
			.header("Content-Type", "application/zip")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray())));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		HttpResponse<String> report = http().post("/api/reports/operations",
				TestHttp.toJson(Map.of("from", from.minusSeconds(3600).toString(), "to", from.toString())), ADMIN,
				ADMIN_PASSWORD);
		assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
		assertThat(this.pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();

		JsonNode page = TestHttp
			.json(http().get("/api/audit/records?category=admin&size=100&from=" + from, ADMIN, ADMIN_PASSWORD));
		List<JsonNode> records = page.path("records").valueStream().toList();
		assertThat(records.stream().map((r) -> r.path("event").path("action").asString())).contains("resume.changed",
				"policy-pack.rejected", "report.generated");
		JsonNode changed = records.stream()
			.filter((r) -> r.path("event").path("action").asString().equals("resume.changed"))
			.filter((r) -> r.toString().contains("aud-sys-" + s))
			.findFirst()
			.orElseThrow();
		assertThat(changed.path("user").path("name").asString()).isEqualTo(ADMIN);
		JsonNode rejected = records.stream()
			.filter((r) -> r.path("event").path("action").asString().equals("policy-pack.rejected"))
			.findFirst()
			.orElseThrow();
		assertThat(rejected.path("event").path("outcome").asString()).isEqualTo("failure");
	}

	@Test
	void onlyThoseWhoAuditMayReadTheLogAndBadParametersGetAProblem() {
		http().post("/api/admin/users",
				TestHttp
					.toJson(Map.of("username", "owen", "password", "owen-password-1", "roles", List.of("MODEL_OWNER"))),
				ADMIN, ADMIN_PASSWORD);
		assertThat(http().get("/api/audit/records").statusCode()).isEqualTo(401);
		assertThat(http().get("/api/audit/records", "owen", "owen-password-1").statusCode()).isEqualTo(403);
		HttpResponse<String> badInstant = http().get("/api/audit/records?from=yesterday", ADMIN, ADMIN_PASSWORD);
		assertThat(badInstant.statusCode()).isEqualTo(400);
		assertThat(badInstant.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> badSize = http().get("/api/audit/records?size=100000", ADMIN, ADMIN_PASSWORD);
		assertThat(badSize.statusCode()).isEqualTo(400);
		assertThat(TestHttp.json(badSize).path("detail").asString()).contains("size");
		HttpResponse<String> badToken = http().get("/api/audit/records?after=not-a-token", ADMIN, ADMIN_PASSWORD);
		assertThat(badToken.statusCode()).isEqualTo(400);
		HttpResponse<String> missingRange = http().get("/api/audit/verification?from=2026-01-01T00:00:00Z", ADMIN,
				ADMIN_PASSWORD);
		assertThat(missingRange.statusCode()).isEqualTo(400);
		HttpResponse<String> badInterval = http().get(
				"/api/audit/statistics?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&interval=hourly", ADMIN,
				ADMIN_PASSWORD);
		assertThat(badInterval.statusCode()).isEqualTo(400);
	}

}
