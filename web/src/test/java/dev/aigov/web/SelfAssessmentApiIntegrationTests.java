package dev.aigov.web;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.lineage.GraphStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-assessment checklist over REST: save guarded by the revision read, history,
 * as-of reads, diffs, roles, and bad input refused with nothing written.
 */
class SelfAssessmentApiIntegrationTests extends ApplianceIntegrationTest {

	private static final String PASSWORD = "self-assessment-test-password";

	@Autowired
	dev.aigov.policy.Reevaluations reevaluations;

	@Autowired
	GraphStores stores;

	private String system;

	@BeforeEach
	void systemAndUsers() {
		for (Map.Entry<String, List<String>> user : Map
			.of("sa-owner", List.of("MODEL_OWNER"), "sa-other", List.of("MODEL_OWNER"), "sa-officer",
					List.of("COMPLIANCE_OFFICER"), "sa-auditor", List.of("AUDITOR"))
			.entrySet()) {
			http().post("/api/admin/users",
					TestHttp.toJson(Map.of("username", user.getKey(), "password", PASSWORD, "roles", user.getValue())),
					ADMIN, ADMIN_PASSWORD);
		}
		this.system = "sa-" + Long.toString(System.nanoTime(), 36);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", this.system);
		fields.put("name", "Self-assessed system");
		fields.put("purpose", "Testing the checklist");
		fields.put("riskLevel", "limited");
		fields.put("owner", "sa-owner");
		HttpResponse<String> created = http().post("/api/registry/ai-systems", TestHttp.toJson(fields), "sa-owner",
				PASSWORD);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void savesAreRevisionsGuardedByTheRevisionReadWithHistoryAsOfAndDiff() throws Exception {
		HttpResponse<String> empty = get(path(""), "sa-auditor");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.headers().firstValue("ETag")).hasValue("\"0\"");
		assertThat(json(empty).path("counts").path("not-assessed").asInt()).isEqualTo(26);

		HttpResponse<String> first = put("sa-owner", "\"0\"",
				Map.of("strategy", Map.of("data", Map.of("status", "assessing", "note", "盤點資料來源"))));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");
		String firstAt = json(first).path("revision").path("at").asString();
		Thread.sleep(5);

		HttpResponse<String> stale = put("sa-officer", "\"0\"",
				Map.of("strategy", Map.of("data", Map.of("status", "plan-in-place"))));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

		HttpResponse<String> second = put("sa-officer", "\"1\"", Map.of("strategy",
				Map.of("data", Map.of("status", "plan-in-place")), "readiness",
				Map.of("external-api", Map.of("regulatory-norms", Map.of("status", "assessing", "note", "個資法")))));
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
		JsonNode now = json(second);
		assertThat(now.path("readiness").path("external-api").path("regulatory-norms").path("note").asString())
			.isEqualTo("個資法");
		assertThat(now.path("counts").path("plan-in-place").asInt()).isEqualTo(1);
		assertThat(now.path("counts").path("assessing").asInt()).isEqualTo(1);

		JsonNode then = json(get(path("?asOf=" + firstAt), "sa-auditor"));
		assertThat(then.path("revision").path("number").asInt()).isEqualTo(1);
		assertThat(then.path("strategy").path("data").path("status").asString()).isEqualTo("assessing");

		JsonNode history = json(get(path("/revisions"), "sa-auditor"));
		assertThat(history).hasSize(2);
		assertThat(history.get(1).path("author").asString()).isEqualTo("sa-officer");
		assertThat(history.get(1).path("changes").get(0).path("cell").asString()).isEqualTo("strategy.data");

		JsonNode diff = json(get(path("/diff?to=2"), "sa-auditor"));
		assertThat(diff).hasSize(2);
		assertThat(diff.get(0).path("before").path("status").asString()).isEqualTo("assessing");
		assertThat(diff.get(1).path("cell").asString()).isEqualTo("readiness.external-api.regulatory-norms");
		assertThat(json(get(path("/revisions/1"), "sa-auditor")).path("strategy").path("data").path("note").asString())
			.isEqualTo("盤點資料來源");
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		long before = quadCount();
		HttpResponse<String> dimension = put("sa-officer", "\"0\"",
				Map.of("strategy", Map.of("finance", Map.of("status", "assessing"))));
		assertThat(dimension.statusCode()).isEqualTo(400);
		assertThat(json(dimension).path("field").asString()).isEqualTo("strategy.finance");
		HttpResponse<String> status = put("sa-officer", "\"0\"",
				Map.of("readiness", Map.of("software-tools", Map.of("budget", Map.of("status", "done")))));
		assertThat(json(status).path("field").asString()).isEqualTo("readiness.software-tools.budget.status");
		assertThat(status.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		HttpResponse<String> noIfMatch = put("sa-officer", null, Map.of());
		assertThat(noIfMatch.statusCode()).isEqualTo(400);
		assertThat(json(noIfMatch).path("field").asString()).isEqualTo("If-Match");
		assertThat(put("sa-officer", "\"0\"", Map.of()).statusCode()).isEqualTo(200);
		assertThat(quadCount()).isGreaterThan(before);
		assertThat(http()
			.send(http().request("/api/registry/ai-systems/no-such-system/self-assessment", "sa-officer", PASSWORD)
				.GET())
			.statusCode()).isEqualTo(404);
	}

	@Test
	void ownersOfOtherSystemsAndAuditorsMayNotSave() {
		long before = quadCount();
		assertThat(put("sa-other", "\"0\"", Map.of()).statusCode()).isEqualTo(403);
		assertThat(put("sa-auditor", "\"0\"", Map.of()).statusCode()).isEqualTo(403);
		assertThat(quadCount()).isEqualTo(before);
		assertThat(http()
			.post("/api/registry/self-assessments", TestHttp.toJson(Map.of("id", this.system, "system", this.system)),
					"sa-owner", PASSWORD)
			.statusCode()).as("only the checklist API writes a checklist").isEqualTo(400);
	}

	private String path(String rest) {
		return "/api/registry/ai-systems/" + this.system + "/self-assessment" + rest;
	}

	private HttpResponse<String> get(String path, String user) {
		return http().get(path, user, PASSWORD);
	}

	private HttpResponse<String> put(String user, String ifMatch, Object body) {
		var request = http().request(path(""), user, PASSWORD)
			.header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.toJson(body)));
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return http().send(request);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return TestHttp.json(response);
	}

	/**
	 * The quads in the lineage store, once the policy engine has recorded the
	 * re-evaluations that earlier changes queued (they are written asynchronously).
	 */
	private long quadCount() {
		this.reevaluations.drain(java.time.Duration.ofSeconds(120));
		return this.stores.store(GraphStores.LINEAGE).read((connection) -> {
			long[] count = { -1 };
			connection.querySelect("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
					(row) -> count[0] = row.getLiteral("n").getLong());
			return count[0];
		});
	}

}
