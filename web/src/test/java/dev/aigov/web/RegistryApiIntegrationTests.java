package dev.aigov.web;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aigov.lineage.GraphStores;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The résumé over HTTP: registration, revisions and "as of" reads, the approval workflow
 * with separation of duties, RDF export, and bad input that changes nothing.
 */
class RegistryApiIntegrationTests extends ApplianceIntegrationTest {

	private static final String PASSWORD = "registry-test-password";

	@Autowired
	dev.aigov.policy.Reevaluations reevaluations;

	@Autowired
	GraphStores stores;

	private String suffix;

	@BeforeEach
	void users() {
		for (Map.Entry<String, List<String>> user : Map
			.of("mona", List.of("MODEL_OWNER"), "olga", List.of("COMPLIANCE_OFFICER"), "sam",
					List.of("MODEL_OWNER", "COMPLIANCE_OFFICER"), "aaron", List.of("AUDITOR"))
			.entrySet()) {
			http().post("/api/admin/users",
					TestHttp.toJson(Map.of("username", user.getKey(), "password", PASSWORD, "roles", user.getValue())),
					ADMIN, ADMIN_PASSWORD);
		}
		this.suffix = Long.toString(System.nanoTime(), 36);
	}

	@Test
	void aModelVersionIsRegisteredRevisedReadAsOfAndDiffed() throws Exception {
		String version = registerModelVersion();
		JsonNode first = json(get("/api/registry/model-versions/" + version, "aaron"));
		assertThat(first.path("revision").path("number").asInt()).isEqualTo(1);
		assertThat(first.path("fields").path("lifecycleState").asString()).isEqualTo("draft");
		Instant betweenRevisions = Instant.parse(first.path("revision").path("at").asString()).plusNanos(500);
		Thread.sleep(5);

		Map<String, Object> revised = modelVersionFields(version);
		revised.put("description", "Retrained with the 2013-2014 cohort.");
		HttpResponse<String> stale = send("PUT", "/api/registry/model-versions/" + version, revised, "mona", "\"7\"");
		assertThat(stale.statusCode()).isEqualTo(409);
		HttpResponse<String> updated = send("PUT", "/api/registry/model-versions/" + version, revised, "mona", "\"1\"");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");

		JsonNode asOf = json(get("/api/registry/model-versions/" + version + "?asOf=" + betweenRevisions, "aaron"));
		assertThat(asOf.path("revision").path("number").asInt()).isEqualTo(1);
		assertThat(asOf.path("fields").has("description")).isFalse();
		assertThat(get("/api/registry/model-versions/" + version + "?asOf=2000-01-01T00:00:00Z", "aaron").statusCode())
			.isEqualTo(404);

		JsonNode diff = json(get("/api/registry/model-versions/" + version + "/diff?to=2", "aaron"));
		assertThat(diff.path("changes").path("description").path("after").asString())
			.isEqualTo("Retrained with the 2013-2014 cohort.");
		assertThat(diff.path("changes").size()).isEqualTo(1);
		assertThat(json(get("/api/registry/model-versions/" + version + "/revisions", "aaron")).size()).isEqualTo(2);
	}

	@Test
	void approvalFollowsTheLifecycleWithSeparationOfDuties() throws Exception {
		String version = registerModelVersion();
		String base = "/api/registry/model-versions/" + version;
		Instant beforeSubmission = Instant.now();
		Thread.sleep(5);

		assertThat(post(base + "/approve", Map.of("justification", "Looks complete to me."), "olga").statusCode())
			.as("a draft cannot be approved")
			.isEqualTo(409);
		assertThat(post(base + "/submit", Map.of(), "olga").statusCode()).as("officers do not submit").isEqualTo(403);
		assertThat(post(base + "/submit", Map.of(), "sam").statusCode()).isEqualTo(200);

		HttpResponse<String> bySubmitter = post(base + "/approve", Map.of("justification", "Evidence is complete."),
				"sam");
		assertThat(bySubmitter.statusCode()).isEqualTo(403);
		assertThat(json(bySubmitter).path("detail").asString()).contains("Separation of duties");
		JsonNode options = json(get(base + "/options", "sam"));
		assertThat(options.path("APPROVE").asString()).contains("Separation of duties");
		assertThat(json(get(base + "/options", "olga")).path("APPROVE").isNull()).isTrue();

		assertThat(post(base + "/approve", Map.of("justification", "ok"), "olga").statusCode())
			.as("a justification is mandatory")
			.isEqualTo(400);
		HttpResponse<String> approved = post(base + "/approve",
				Map.of("justification", "Fairness and accuracy evidence reviewed."), "olga");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		JsonNode approval = json(approved);
		assertThat(approval.path("kind").asString()).isEqualTo("approval");
		assertThat(approval.path("fields").path("decidedBy").asString()).isEqualTo("olga");
		assertThat(approval.path("fields").path("submittedBy").asString()).isEqualTo("sam");
		JsonNode checked = json(
				get("/api/registry/policy-evaluations/" + approval.path("fields").path("policyEvaluation").asString(),
						"aaron"));
		assertThat(checked.path("fields").path("trigger").asString())
			.as("the approval links the recorded evaluation it passed")
			.isEqualTo("approval");
		assertThat(checked.path("fields").path("triggeredBy").asString()).isEqualTo("olga");
		assertThat(checked.path("fields").path("modelVersion").asString()).isEqualTo(version);
		assertThat(checked.path("fields").path("status").asString()).isEqualTo("ok");
		String approvalPath = "/api/registry/approvals/" + approval.path("id").asString();
		assertThat(send("PUT", approvalPath, Map.of("decision", "rejected"), "mona", null).statusCode())
			.as("approvals are immutable")
			.isEqualTo(409);
		assertThat(send("PUT", base, modelVersionFields(version), "mona", null).statusCode())
			.as("an approved version's content is frozen")
			.isEqualTo(409);

		HttpResponse<String> deployed = post(base + "/deploy",
				Map.of("environment", "production", "proxyRoute", "chat-prod"), "mona");
		assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

		JsonNode now = json(get(base + "/resume", "aaron"));
		assertThat(kinds(now))
			.contains("model-version", "model", "ai-system", "training-run", "dataset-version", "dataset", "base-model",
					"evaluation", "approval", "deployment")
			.doesNotContain("policy-evaluation");
		JsonNode before = json(get(base + "/resume?asOf=" + beforeSubmission, "aaron"));
		assertThat(kinds(before)).doesNotContain("approval", "deployment");
		assertThat(before.path("entities").get(0).path("fields").path("lifecycleState").asString()).isEqualTo("draft");
	}

	@Test
	void anIncompleteResumeCannotBeApprovedAndTheReportSaysWhatIsMissing() throws Exception {
		String version = registerModelVersion();
		Map<String, Object> incomplete = modelVersionFields(version);
		incomplete.remove("limitations");
		assertThat(send("PUT", "/api/registry/model-versions/" + version, incomplete, "mona", null).statusCode())
			.isEqualTo(200);
		JsonNode report = json(get("/api/registry/model-versions/" + version + "/completeness", "aaron"));
		assertThat(report.path("complete").asBoolean()).isFalse();
		JsonNode design = report.path("steps").get(5);
		assertThat(design.path("name").asString()).isEqualTo("model design");
		assertThat(design.path("complete").asBoolean()).isFalse();
		JsonNode limitations = null;
		for (JsonNode finding : design.path("findings")) {
			if (finding.path("severity").asString().equals("violation")) {
				limitations = finding;
			}
		}
		assertThat(limitations).as("the violation in the design step").isNotNull();
		assertThat(limitations.path("message").asString()).isEqualTo("State the known limitations.");
		assertThat(limitations.path("messageZhTw").asString()).isEqualTo("請說明已知限制。");
		assertThat(limitations.path("focus").asString()).isEqualTo("model-version/" + version);
		assertThat(report.path("steps").get(7).path("complete").asBoolean()).as("evaluation step").isTrue();

		String base = "/api/registry/model-versions/" + version;
		assertThat(post(base + "/submit", Map.of(), "mona").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = post(base + "/approve", Map.of("justification", "Seems fine to approve."),
				"olga");
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("Step 6 (model design)").contains("State the known limitations.");
		assertThat(json(get(base, "aaron")).path("fields").path("lifecycleState").asString()).isEqualTo("submitted");
		assertThat(json(get(base + "/resume", "aaron")).toString()).doesNotContain("\"approval\"");
	}

	@Test
	void fairnessIsComputedFromUploadedPredictionsAndRecordedInTheResume() throws Exception {
		String version = registerModelVersion();
		String upload = "/api/registry/model-versions/" + version + "/fairness-evaluations"
				+ "?groups=race&label=two_year_recid&prediction=high_risk&favourable=1&privileged=Caucasian";
		HttpResponse<String> response = postCsv(upload, compasPredictions());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = json(response);
		assertThat(body.path("report").path("rows").asLong()).isEqualTo(6172);
		JsonNode metrics = body.path("evaluation").path("fields").path("metrics");
		assertThat(metric(metrics, "false_positive_rate", "African-American")).isCloseTo(0.4234, within(0.00005));
		assertThat(metric(metrics, "false_positive_rate", "Caucasian")).isCloseTo(0.2201, within(0.00005));
		assertThat(metric(metrics, "false_negative_rate", "African-American")).isCloseTo(0.2848, within(0.00005));
		assertThat(metric(metrics, "disparate_impact", "African-American vs Caucasian")).isCloseTo(1.7406,
				within(0.00005));
		String evaluationId = body.path("evaluation").path("id").asString();
		assertThat(kinds(json(get("/api/registry/model-versions/" + version + "/resume", "aaron"))))
			.contains("evaluation");
		assertThat(json(get("/api/registry/evaluations/" + evaluationId, "aaron")).path("fields")
			.path("protectedAttributes")
			.get(0)
			.asString()).isEqualTo("race");

		long before = quadCount();
		HttpResponse<String> badLabel = postCsv(upload,
				"race,two_year_recid,high_risk\nCaucasian,1,1\nCaucasian,0,0\nCaucasian,2,0\n");
		assertThat(badLabel.statusCode()).isEqualTo(400);
		assertThat(json(badLabel).path("line").asInt()).as(badLabel.body()).isEqualTo(4);
		assertThat(json(badLabel).path("field").asString()).isEqualTo("two_year_recid");
		HttpResponse<String> missingColumn = postCsv(upload, "race,label,high_risk\nCaucasian,1,1\n");
		assertThat(missingColumn.statusCode()).isEqualTo(400);
		assertThat(json(missingColumn).path("field").asString()).isEqualTo("two_year_recid");
		assertThat(quadCount()).isEqualTo(before);
	}

	private HttpResponse<String> postCsv(String path, String csv) {
		return http().send(http().request(path, "mona", PASSWORD)
			.header("Content-Type", "text/csv")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)));
	}

	private static double metric(JsonNode metrics, String name, String slice) {
		for (JsonNode metric : metrics) {
			if (metric.path("name").asString().equals(name) && metric.path("slice").asString().equals(slice)) {
				return metric.path("value").asDouble();
			}
		}
		throw new AssertionError("no metric " + name + " for " + slice + " in " + metrics);
	}

	/**
	 * ProPublica's filter over the shared COMPAS data; "high risk" is a Medium or High
	 * score.
	 */
	static String compasPredictions() throws java.io.IOException {
		java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("aigov.shared.dir", "../../shared"),
				"datasets", "compas", "compas-scores-two-years.csv");
		StringBuilder csv = new StringBuilder("race,two_year_recid,high_risk\n");
		try (var reader = java.nio.file.Files.newBufferedReader(file);
				var records = org.apache.commons.csv.CSVFormat.RFC4180.builder()
					.setHeader()
					.setAllowDuplicateHeaderNames(true)
					.get()
					.parse(reader)) {
			for (var row : records) {
				String days = row.get("days_b_screening_arrest");
				if (days.isEmpty() || Math.abs(Integer.parseInt(days)) > 30 || row.get("is_recid").equals("-1")
						|| row.get("c_charge_degree").equals("O") || row.get("score_text").equals("N/A")) {
					continue;
				}
				boolean high = !row.get("score_text").equals("Low");
				csv.append(row.get("race"))
					.append(',')
					.append(row.get("two_year_recid"))
					.append(',')
					.append(high ? "1" : "0")
					.append('\n');
			}
		}
		return csv.toString();
	}

	@Test
	void lineageAndImpactFollowEveryDependency() {
		String version = registerModelVersion();
		String s = this.suffix;
		JsonNode lineage = json(get("/api/registry/model-versions/" + version + "/lineage", "aaron"));
		assertThat(lineage.path("edges").toString()).contains(
				"{\"from\":\"model-version/" + version + "\",\"relation\":\"trainingRun\",\"to\":\"training-run/run-"
						+ s + "\"}",
				"{\"from\":\"training-run/run-" + s + "\",\"relation\":\"datasets\",\"to\":\"dataset-version/data-" + s
						+ "-v1\"}");

		// A second version, trained on data derived from the first version's data.
		create("dataset-versions",
				Map.of("id", "data-" + s + "-v2", "dataset", "data-" + s, "version", "2", "licenseExpression",
						"CC-BY-4.0", "sensitivity", "internal", "containsPersonalData", false, "derivedFrom",
						List.of("data-" + s + "-v1")));
		create("training-runs", Map.of("id", "run2-" + s, "datasets", List.of("data-" + s + "-v2")));
		Map<String, Object> second = modelVersionFields("mv2-" + s);
		second.put("trainingRun", "run2-" + s);
		second.put("baseModels", List.of());
		second.put("architecture", "gradient-boosted trees");
		create("model-versions", second);

		JsonNode byDataset = json(get("/api/registry/impact?datasetVersion=data-" + s + "-v1", "aaron"));
		assertThat(byDataset.path("modelVersions").toString()).contains(version, "mv2-" + s);
		JsonNode byBase = json(get("/api/registry/impact?baseModel=base-" + s, "aaron"));
		assertThat(byBase.path("modelVersions").toString()).contains(version).doesNotContain("mv2-" + s);
		assertThat(json(get("/api/registry/impact?licence=Apache-2.0", "aaron")).path("modelVersions").toString())
			.contains(version);
		assertThat(json(get("/api/registry/impact?licence=CC-BY-4.0", "aaron")).path("modelVersions").toString())
			.contains(version, "mv2-" + s);
		assertThat(get("/api/registry/impact?datasetVersion=nothing-here", "aaron").statusCode()).isEqualTo(404);
		assertThat(get("/api/registry/impact", "aaron").statusCode()).isEqualTo(400);

		create("dataset-versions",
				Map.of("id", "chat-" + s, "dataset", "data-" + s, "version", "chat", "licenseExpression",
						"LicenseRef-internal", "sensitivity", "confidential", "containsPersonalData", true));
		create("training-runs", Map.of("id", "run3-" + s, "datasets", List.of("chat-" + s)));
		Map<String, Object> third = modelVersionFields("mv3-" + s);
		third.put("trainingRun", "run3-" + s);
		create("model-versions", third);
		JsonNode unlawful = json(get("/api/registry/personal-data-without-legal-basis", "aaron"));
		assertThat(unlawful.path("chat-" + s).toString()).isEqualTo("[\"mv3-" + s + "\"]");
		assertThat(unlawful.has("data-" + s + "-v1")).as("has a legal basis").isFalse();
	}

	@Test
	void auditorsQueryTheLineageGraphWithReadOnlyBoundedSparql() {
		String version = registerModelVersion();
		String select = "SELECT ?v WHERE { GRAPH <https://aigov.dev/graph/current> { ?v a <https://aigov.dev/ns#ModelVersion> } }";
		HttpResponse<String> json = sparql(select, "application/sparql-results+json");
		assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
		assertThat(json.headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/sparql-results+json");
		assertThat(json.headers().firstValue("Aigov-Result-Limit")).hasValue("10000");
		assertThat(json.body()).contains("https://aigov.dev/id/model-version/" + version);
		HttpResponse<String> csv = sparql(select + " LIMIT 5", "text/csv");
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.headers().firstValue("Aigov-Result-Limit")).isEmpty();
		HttpResponse<String> construct = sparql(
				"CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://aigov.dev/graph/current> { ?s ?p ?o } } LIMIT 3",
				"text/turtle");
		assertThat(construct.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");

		long before = quadCount();
		HttpResponse<String> update = sparql("INSERT DATA { <urn:a> <urn:b> <urn:c> }", null);
		assertThat(update.statusCode()).isEqualTo(400);
		assertThat(json(update).path("detail").asString()).contains("read-only");
		HttpResponse<String> service = sparql("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
				null);
		assertThat(service.statusCode()).isEqualTo(400);
		assertThat(json(service).path("detail").asString()).contains("SERVICE");
		HttpResponse<String> syntax = sparql("SELECT ?s WHERE {\n  ?s ?p \n", null);
		assertThat(syntax.statusCode()).isEqualTo(400);
		assertThat(json(syntax).path("detail").asString()).contains("line");
		assertThat(quadCount()).isEqualTo(before);

		HttpResponse<String> secrets = sparql(
				"SELECT ?h WHERE { { ?s <https://aigov.dev/ns/system#passwordHash> ?h } UNION { GRAPH ?g { ?s <https://aigov.dev/ns/system#passwordHash> ?h } } }",
				"application/sparql-results+json");
		assertThat(secrets.statusCode()).isEqualTo(200);
		assertThat(secrets.body()).doesNotContain("bcrypt");
		assertThat(http().get("/api/sparql?query=ASK%7B%7D").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> sparql(String query, String accept) {
		var request = http().request("/api/sparql", "aaron", PASSWORD)
			.header("Content-Type", "application/sparql-query")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(query));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return http().send(request);
	}

	@Test
	void anExportedResumeImportsBackAsNewRevisionsAndBadDocumentsChangeNothing() {
		String version = registerModelVersion();
		String turtle = accept("/api/registry/model-versions/" + version + "/resume", "text/turtle");
		HttpResponse<String> imported = postDocument(turtle, "text/turtle");
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		assertThat(json(imported).size()).isEqualTo(9);
		JsonNode again = json(get("/api/registry/model-versions/" + version, "aaron"));
		assertThat(again.path("revision").path("number").asInt()).isEqualTo(2);
		assertThat(again.path("fields").path("lifecycleState").asString()).isEqualTo("draft");
		assertThat(json(get("/api/registry/model-versions/" + version + "/diff?to=2", "aaron")).path("changes").size())
			.as("an export imports back unchanged")
			.isZero();

		String s = this.suffix;
		String fresh = """
				@prefix aigov: <https://aigov.dev/ns#> .
				@prefix dcterms: <http://purl.org/dc/terms/> .
				<https://aigov.dev/id/base-model/imported-%s> a aigov:BaseModel ;
				    dcterms:title "Imported base" ; aigov:provider "Somebody" ; aigov:licenseExpression "MIT" .
				""".formatted(s);
		assertThat(postDocument(fresh, "text/turtle").statusCode()).isEqualTo(200);
		assertThat(get("/api/registry/base-models/imported-" + s, "aaron").statusCode()).isEqualTo(200);

		long before = quadCount();
		HttpResponse<String> syntax = postDocument("@prefix aigov: <https://aigov.dev/ns#> .\n<a> <b> \n",
				"text/turtle");
		assertThat(syntax.statusCode()).isEqualTo(400);
		assertThat(json(syntax).path("line").asInt()).isEqualTo(3);
		String forged = """
				@prefix aigov: <https://aigov.dev/ns#> .
				<https://aigov.dev/id/approval/forged-%s> a aigov:Approval .
				""".formatted(s);
		assertThat(json(postDocument(forged, "text/turtle")).path("detail").asString()).contains("workflow");
		String unknownProperty = fresh.replace("imported-" + s, "other-" + s).replace("aigov:provider", "aigov:colour");
		HttpResponse<String> unknown = postDocument(unknownProperty, "text/turtle");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(json(unknown).path("field").asString()).isEqualTo("https://aigov.dev/ns#colour");
		String cycle = """
				@prefix aigov: <https://aigov.dev/ns#> .
				@prefix dcterms: <http://purl.org/dc/terms/> .
				<https://aigov.dev/id/base-model/a-%1$s> a aigov:BaseModel ; dcterms:title "A" ; aigov:provider "P" ;
				    aigov:licenseExpression "MIT" ; aigov:ancestor <https://aigov.dev/id/base-model/b-%1$s> .
				<https://aigov.dev/id/base-model/b-%1$s> a aigov:BaseModel ; dcterms:title "B" ; aigov:provider "P" ;
				    aigov:licenseExpression "MIT" ; aigov:ancestor <https://aigov.dev/id/base-model/a-%1$s> .
				""".formatted(s);
		HttpResponse<String> cyclic = postDocument(cycle, "text/turtle");
		assertThat(cyclic.statusCode()).isEqualTo(400);
		assertThat(json(cyclic).path("field").asString()).isEqualTo("derivedFrom");
		String dangling = fresh.replace("imported-" + s, "third-" + s)
			.replace(" .\n", " ; aigov:ancestor <https://aigov.dev/id/base-model/missing> .\n");
		assertThat(postDocument(dangling, "text/turtle").statusCode()).isEqualTo(400);
		assertThat(quadCount()).isEqualTo(before);
	}

	@Test
	void aModelCardRegistersADraftVersionWithItsLineageAndReportedMetrics() {
		registerModelVersion();
		String s = this.suffix;
		String card = """
				---
				license: apache-2.0
				base_model: mistralai/Mistral-7B-Instruct-v0.3
				datasets:
				  - HuggingFaceH4/ultrachat_200k
				pipeline_tag: text-generation
				model-index:
				  - name: helpdesk-7b
				    results:
				      - task: {type: text-generation}
				        dataset: {name: MT-Bench, type: mt-bench}
				        metrics:
				          - type: score
				            value: 7.6
				---
				# Helpdesk 7B

				## Intended use
				Draft replies for support agents.

				## Limitations
				Answers only in English and Traditional Chinese.
				""";
		HttpResponse<String> response = http().send(http()
			.request("/api/registry/import/model-card?model=model-" + s + "&versionId=card-" + s + "&version=0.1.0",
					"mona", PASSWORD)
			.header("Content-Type", "text/markdown")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(card)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode version = json(get("/api/registry/model-versions/card-" + s, "aaron")).path("fields");
		assertThat(version.path("licenseExpression").asString()).isEqualTo("Apache-2.0");
		assertThat(version.path("intendedUse").asString()).isEqualTo("Draft replies for support agents.");
		assertThat(version.path("limitations").asString())
			.isEqualTo("Answers only in English and Traditional Chinese.");
		assertThat(version.path("lifecycleState").asString()).isEqualTo("draft");
		assertThat(version.path("baseModels").get(0).asString()).isEqualTo("mistralai-mistral-7b-instruct-v0.3");
		JsonNode base = json(get("/api/registry/base-models/mistralai-mistral-7b-instruct-v0.3", "aaron"))
			.path("fields");
		assertThat(base.path("licenseExpression").asString()).as("not asserted by the card").isEqualTo("NOASSERTION");
		assertThat(get("/api/registry/datasets/huggingfaceh4-ultrachat_200k", "aaron").statusCode()).isEqualTo(200);
		JsonNode metrics = json(get("/api/registry/evaluations/card-" + s + "-card-metrics", "aaron")).path("fields")
			.path("metrics");
		assertThat(metric(metrics, "score", "MT-Bench")).isEqualTo(7.6);

		long before = quadCount();
		HttpResponse<String> noFrontMatter = http().send(http()
			.request("/api/registry/import/model-card?model=model-" + s + "&versionId=card2-" + s + "&version=1",
					"mona", PASSWORD)
			.header("Content-Type", "text/markdown")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("# Just a title\n")));
		assertThat(noFrontMatter.statusCode()).isEqualTo(400);
		HttpResponse<String> badYaml = http().send(http()
			.request("/api/registry/import/model-card?model=model-" + s + "&versionId=card3-" + s + "&version=1",
					"mona", PASSWORD)
			.header("Content-Type", "text/markdown")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("---\nlicense: mit\ndatasets: [a, \n---\n")));
		assertThat(badYaml.statusCode()).isEqualTo(400);
		assertThat(json(badYaml).path("detail").asString()).contains("YAML");
		assertThat(quadCount()).isEqualTo(before);
	}

	private HttpResponse<String> postDocument(String document, String type) {
		return http().send(http().request("/api/registry/import", "mona", PASSWORD)
			.header("Content-Type", type)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(document)));
	}

	@Test
	void aModelOwnerWhoIsAlsoAnOfficerCannotApproveTheirOwnModel() throws Exception {
		String version = registerModelVersion("sam");
		String base = "/api/registry/model-versions/" + version;
		assertThat(post(base + "/submit", Map.of(), "mona").statusCode()).isEqualTo(200);
		HttpResponse<String> byOwner = post(base + "/approve", Map.of("justification", "My own model is fine."), "sam");
		assertThat(byOwner.statusCode()).isEqualTo(403);
		assertThat(json(byOwner).path("detail").asString()).contains("owns the model");
	}

	@Test
	void theResumeExportsAsTurtleJsonLdAndNQuads() {
		String version = registerModelVersion();
		String path = "/api/registry/model-versions/" + version + "/resume";
		Model turtle = parse(accept(path, "text/turtle"), Lang.TURTLE);
		String iri = "https://aigov.dev/id/model-version/" + version;
		assertThat(
				turtle.contains(turtle.getResource(iri), turtle.getProperty("http://www.w3.org/ns/prov#wasDerivedFrom"),
						turtle.getResource("https://aigov.dev/id/base-model/base-" + this.suffix)))
			.isTrue();
		Model jsonld = parse(accept(path, "application/ld+json"), Lang.JSONLD);
		assertThat(jsonld.isIsomorphicWith(turtle)).isTrue();
		Dataset quads = DatasetFactory.create();
		RDFParser.create().source(new StringReader(accept(path, "application/n-quads"))).lang(Lang.NQUADS).parse(quads);
		assertThat(quads.listNames()).toIterable()
			.contains("https://aigov.dev/graph/snapshot/model-version/" + version + "/1");
	}

	@Test
	void badInputGetsAProblemAndLeavesTheStoreUnchanged() {
		String version = registerModelVersion();
		long before = quadCount();
		Map<String, Object> unknownField = modelVersionFields("v-x-" + this.suffix);
		unknownField.put("colour", "blue");
		expectProblem(post("/api/registry/model-versions", unknownField, "mona"), 400, "colour");

		Map<String, Object> missing = modelVersionFields("v-y-" + this.suffix);
		missing.remove("version");
		expectProblem(post("/api/registry/model-versions", missing, "mona"), 400, "version");

		Map<String, Object> dangling = modelVersionFields("v-z-" + this.suffix);
		dangling.put("baseModels", List.of("no-such-base"));
		expectProblem(post("/api/registry/model-versions", dangling, "mona"), 400, "baseModels");

		expectProblem(post("/api/registry/model-versions", modelVersionFields(version), "mona"), 409, null);

		Map<String, Object> badLicence = Map.of("id", "base-bad-" + this.suffix, "name", "X", "provider", "Y",
				"licenseExpression", "MIT and Apache-2.0");
		expectProblem(post("/api/registry/base-models", badLicence, "mona"), 400, "licenseExpression");

		Map<String, Object> cycle = Map.of("id", "base-" + this.suffix, "name", "Base", "provider", "Open lab",
				"licenseExpression", "Apache-2.0", "derivedFrom", List.of("base-" + this.suffix));
		expectProblem(send("PUT", "/api/registry/base-models/base-" + this.suffix, cycle, "mona", null), 400,
				"derivedFrom");

		Map<String, Object> managed = modelVersionFields("v-m-" + this.suffix);
		managed.put("lifecycleState", "approved");
		expectProblem(post("/api/registry/model-versions", managed, "mona"), 400, "lifecycleState");

		expectProblem(post("/api/registry/approvals", Map.of("id", "forged-" + this.suffix), "mona"), 400, "kind");
		expectProblem(post("/api/registry/unicorns", Map.of("id", "u"), "mona"), 400, null);
		HttpResponse<String> malformed = http().post("/api/registry/model-versions", "{\"id\": ", "mona", PASSWORD);
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(post("/api/registry/ai-systems", Map.of("id", "sys-aud-" + this.suffix), "aaron").statusCode())
			.as("auditors only read")
			.isEqualTo(403);

		assertThat(quadCount()).as("quads in the lineage store").isEqualTo(before);
	}

	private void expectProblem(HttpResponse<String> response, int status, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		if (field != null) {
			assertThat(json(response).path("field").asString()).isEqualTo(field);
		}
	}

	private String registerModelVersion() {
		return registerModelVersion("mona");
	}

	/** A complete little résumé; returns the model version's id. */
	private String registerModelVersion(String modelOwner) {
		String s = this.suffix;
		create("ai-systems",
				Map.of("id", "sys-" + s, "name", "Recidivism risk", "purpose", "Support pre-trial release decisions",
						"riskLevel", "high", "decidesAboutPeople", true, "owner", "mona"));
		create("models",
				Map.of("id", "model-" + s, "name", "Risk classifier", "system", "sys-" + s, "owner", modelOwner));
		create("datasets", Map.of("id", "data-" + s, "name", "COMPAS two-year"));
		create("dataset-versions",
				Map.of("id", "data-" + s + "-v1", "dataset", "data-" + s, "version", "1", "licenseExpression",
						"CC-BY-4.0", "sensitivity", "confidential", "containsPersonalData", true, "legalBasis",
						"public-task", "source", "https://github.com/propublica/compas-analysis", "cleaning",
						"ProPublica's filter: screening within 30 days of arrest, known outcome.",
						"anonymisationMethod", "names and case numbers removed"));
		create("base-models",
				Map.of("id", "base-" + s, "name", "Base", "provider", "Open lab", "licenseExpression", "Apache-2.0"));
		create("training-runs", Map.of("id", "run-" + s, "datasets", List.of("data-" + s + "-v1"), "baseModels",
				List.of("base-" + s), "energyKwh", 12.5, "codeReference", "git@example.org:risk.git#a1b2c3"));
		String version = "mv-" + s;
		create("model-versions", modelVersionFields(version));
		create("evaluations",
				Map.of("id", "eval-" + s, "modelVersion", version, "evaluationKind", "fairness", "metrics",
						List.of(Map.of("name", "false_positive_rate", "value", 0.2485, "slice", "African-American"),
								Map.of("name", "false_positive_rate", "value", 0.2345, "slice", "Caucasian"))));
		create("evaluations", Map.of("id", "acc-" + s, "modelVersion", version, "evaluationKind", "accuracy", "metrics",
				List.of(Map.of("name", "accuracy", "value", 0.71))));
		return version;
	}

	private Map<String, Object> modelVersionFields(String id) {
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		fields.put("id", id);
		fields.put("model", "model-" + this.suffix);
		fields.put("version", "1.0.0");
		fields.put("intendedUse", "Flag cases for human review.");
		fields.put("limitations", "Not validated outside Broward County, Florida.");
		fields.put("explanationMethod", "Feature contributions shown to the reviewer");
		fields.put("baseModels", List.of("base-" + this.suffix));
		fields.put("trainingRun", "run-" + this.suffix);
		return fields;
	}

	private void create(String kind, Map<String, Object> fields) {
		HttpResponse<String> response = post("/api/registry/" + kind, fields, "mona");
		assertThat(response.statusCode()).as(kind + ": " + response.body()).isEqualTo(201);
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

	private static List<String> kinds(JsonNode resume) {
		List<String> kinds = new java.util.ArrayList<>();
		resume.path("entities").forEach((entity) -> kinds.add(entity.path("kind").asString()));
		return kinds;
	}

	private Model parse(String text, Lang lang) {
		Model model = ModelFactory.createDefaultModel();
		RDFParser.create().source(new StringReader(text)).lang(lang).parse(model);
		return model;
	}

	private String accept(String path, String type) {
		HttpResponse<String> response = http()
			.send(http().request(path, "aaron", PASSWORD).header("Accept", type).GET());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(type);
		return response.body();
	}

	private HttpResponse<String> get(String path, String user) {
		return http().get(path, user, PASSWORD);
	}

	private HttpResponse<String> post(String path, Object body, String user) {
		return http().post(path, TestHttp.toJson(body), user, PASSWORD);
	}

	private HttpResponse<String> send(String method, String path, Object body, String user, String ifMatch) {
		var request = http().request(path, user, PASSWORD)
			.header("Content-Type", "application/json")
			.method(method, java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.toJson(body)));
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return http().send(request);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return TestHttp.json(response);
	}

}
