package dev.aigov.web.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.aigov.policy.DataClass;
import dev.aigov.policy.Reevaluations;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.policy.RuntimePolicy;
import dev.aigov.web.ApplianceIntegrationTest;
import dev.aigov.web.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy engine through the REST API, as a compliance officer meets it: findings with
 * their reasons on a registered résumé, approval blocked by a failing finding, the rule
 * behind a finding, packs and their framework mapping, and pack upload that refuses a
 * broken pack and keeps the previous one.
 */
class PolicyApiIntegrationTests extends ApplianceIntegrationTest {

	private static final String PASSWORD = "policy-test-password";

	@Autowired
	RuntimePolicy runtimePolicy;

	@Autowired
	Reevaluations reevaluations;

	@Autowired
	dev.aigov.lineage.GraphStores stores;

	private String s;

	@BeforeEach
	void users() {
		for (Map.Entry<String, List<String>> user : Map
			.of("pia", List.of("MODEL_OWNER"), "otto", List.of("COMPLIANCE_OFFICER"), "aude", List.of("AUDITOR"))
			.entrySet()) {
			http().post("/api/admin/users",
					TestHttp.toJson(Map.of("username", user.getKey(), "password", PASSWORD, "roles", user.getValue())),
					ADMIN, ADMIN_PASSWORD);
		}
		this.s = Long.toString(System.nanoTime(), 36);
	}

	@Test
	void findingsSayWhyAndAFailingOneBlocksApproval() {
		String version = registerHighRiskVersionWithoutEvidence();
		HttpResponse<String> evaluated = post("/api/policy/model-versions/" + version + "/evaluations", null, "otto");
		assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(201);
		JsonNode evaluation = TestHttp.json(evaluated);
		assertThat(evaluation.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(evaluation.path("packs").get(0).asString()).startsWith("governance@sha256:");
		JsonNode noFairness = finding(evaluation, "fairness.no-evaluation");
		assertThat(noFairness.path("severity").asString()).isEqualTo("FAIL");
		assertThat(noFairness.path("message").path("en").asString()).contains(version);
		assertThat(noFairness.path("message").path("zhTw").asString()).contains("公平性評估");
		assertThat(noFairness.path("remediation").path("en").asString()).isNotBlank();
		assertThat(noFairness.path("packVersion").asString()).startsWith("sha256:");
		assertThat(noFairness.path("references").toString()).contains("EU-AI-ACT:Art.10(2)(f)")
			.contains("NIST-AI-RMF:MEASURE-2.11")
			.contains("ISO-42001:");
		JsonNode legalBasis = finding(evaluation, "privacy.no-legal-basis");
		assertThat(legalBasis.path("facts").path("dataset").asString()).isEqualTo("pd-" + this.s + "-v1");
		List<String> ruleIds = new ArrayList<>();
		evaluation.path("findings").forEach((f) -> ruleIds.add(f.path("ruleId").asString()));
		assertThat(ruleIds).as("the appliance signs and verifies the ML-BOM itself")
			.doesNotContain("explain.bom-unchecked", "explain.bom-not-verified");

		JsonNode latest = TestHttp.json(get("/api/policy/model-versions/" + version + "/findings", "aude"));
		assertThat(latest.path("id").asString()).isEqualTo(evaluation.path("id").asString());

		JsonNode why = TestHttp
			.json(get("/api/policy/model-versions/" + version + "/findings/privacy.no-legal-basis", "aude"));
		assertThat(why.path("rule").path("source").asString()).startsWith("rule \"privacy.no-legal-basis\"")
			.contains("containsPersonalData == true, legalBasis == null");
		assertThat(why.path("facts").toString()).contains("DatasetFact[id=pd-" + this.s + "-v1");
		assertThat(get("/api/policy/model-versions/" + version + "/findings/fairness.disparate-impact", "aude")
			.statusCode()).isEqualTo(404);

		assertThat(post("/api/registry/model-versions/" + version + "/submit", Map.of(), "pia").statusCode())
			.isEqualTo(200);
		HttpResponse<String> refused = post("/api/registry/model-versions/" + version + "/approve",
				Map.of("justification", "Looks complete to me, approving."), "otto");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(refused.body()).contains("\"policy\"").contains("Policy fairness.no-evaluation");
		assertThat(TestHttp.json(get("/api/registry/model-versions/" + version, "aude"))
			.path("fields")
			.path("lifecycleState")
			.asString()).isEqualTo("submitted");
		JsonNode afterSubmit = TestHttp.json(get("/api/policy/model-versions/" + version + "/findings", "aude"));
		assertThat(afterSubmit.path("id").asString()).as("re-evaluated when the résumé changed")
			.isNotEqualTo(evaluation.path("id").asString());
	}

	@Test
	void aVersionWithItsEvidenceIsApprovedWithWarningsOnly() {
		// The demo's support chatbot, which the run command approves at first start.
		String s = this.s;
		create("ai-systems", Map.of("id", "cs-" + s, "name", "Customer-service assistant", "purpose",
				"Answer customers' questions", "riskLevel", "limited", "decidesAboutPeople", false, "owner", "pia"));
		create("models", Map.of("id", "cm-" + s, "name", "Support chatbot", "system", "cs-" + s, "owner", "pia"));
		create("base-models", Map.of("id", "cb-" + s, "name", "Mistral 7B Instruct v0.3", "provider", "Mistral AI",
				"licenseExpression", "Apache-2.0"));
		create("datasets", Map.of("id", "ct-" + s, "name", "Resolved support tickets"));
		Map<String, Object> tickets = new LinkedHashMap<>();
		tickets.put("id", "ct-" + s + "-q2");
		tickets.put("dataset", "ct-" + s);
		tickets.put("version", "2026-Q2");
		tickets.put("source", "https://helpdesk.example.org/export/2026-q2");
		tickets.put("licenseExpression", "LicenseRef-internal");
		tickets.put("sensitivity", "internal");
		tickets.put("containsPersonalData", true);
		tickets.put("legalBasis", "contract");
		tickets.put("anonymisationMethod", "names and national IDs replaced by placeholders");
		tickets.put("retentionUntil", "2028-06-30");
		tickets.put("collection", "Tickets closed as resolved in 2026 Q2.");
		tickets.put("cleaning", "Duplicates removed; PII redacted by the appliance's detectors.");
		tickets.put("labelling", "Agent answers rated 4-5 stars kept as targets.");
		create("dataset-versions", tickets);
		create("training-runs",
				Map.of("id", "cr-" + s, "runKind", "fine-tuning", "datasets", List.of("ct-" + s + "-q2"), "baseModels",
						List.of("cb-" + s), "codeReference", "git@example.org:support/bot.git#9e01b7d", "compute",
						"1x H100, 3 h", "energyKwh", 2.1));
		Map<String, Object> version = new LinkedHashMap<>();
		version.put("id", "cv-" + s);
		version.put("model", "cm-" + s);
		version.put("version", "2.0.0");
		version.put("task", "text generation");
		version.put("architecture", "decoder-only transformer, LoRA r=16");
		version.put("intendedUse", "Draft answers to customer questions; an agent reviews refunds.");
		version.put("limitations", "May state outdated policies.");
		version.put("explanationMethod", "Retrieved policy passages shown with each answer");
		version.put("servingProvider", "on-premises");
		version.put("outputLicenseTerms", "Outputs owned by the organisation.");
		version.put("baseModels", List.of("cb-" + s));
		version.put("trainingRun", "cr-" + s);
		version.put("energyPerInferenceWh", 0.3);
		create("model-versions", version);
		create("evaluations", Map.of("id", "cg-" + s, "modelVersion", "cv-" + s, "evaluationKind", "groundedness",
				"metrics", List.of(Map.of("name", "groundedness", "value", 0.94))));

		JsonNode evaluation = TestHttp.json(get("/api/policy/model-versions/cv-" + s + "/findings", "aude"));
		List<String> severities = new ArrayList<>();
		evaluation.path("findings").forEach((f) -> severities.add(f.path("severity").asString()));
		assertThat(severities).as(evaluation.toString()).isNotEmpty().doesNotContain("FAIL");
		assertThat(post("/api/registry/model-versions/cv-" + s + "/submit", Map.of(), "pia").statusCode())
			.isEqualTo(200);
		HttpResponse<String> approved = post("/api/registry/model-versions/cv-" + s + "/approve",
				Map.of("justification", "Groundedness 0.94 on held-out tickets; PII removed before training."), "otto");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
	}

	@Test
	void everyChangeToTheResumeIsEvaluatedAgain() {
		String version = registerHighRiskVersionWithoutEvidence();
		JsonNode first = TestHttp.json(get("/api/policy/model-versions/" + version + "/findings", "aude"));
		assertThat(finding(first, "fairness.no-evaluation").isMissingNode()).isFalse();
		create("evaluations", Map.of("id", "pe-" + this.s, "modelVersion", version, "evaluationKind", "fairness",
				"metrics", List.of(Map.of("name", "equalized_odds_difference", "value", 0.35))));
		JsonNode second = TestHttp.json(get("/api/policy/model-versions/" + version + "/findings", "aude"));
		assertThat(second.path("id").asString()).isNotEqualTo(first.path("id").asString());
		assertThat(finding(second, "fairness.no-evaluation").isMissingNode()).isTrue();
		assertThat(finding(second, "fairness.equalized-odds").path("facts").path("value").asString()).isEqualTo("0.35");

		create("dataset-versions", Map.of("id", "pd-" + this.s + "-v2", "dataset", "pd-" + this.s, "version", "2",
				"licenseExpression", "CC-BY-NC-4.0", "sensitivity", "internal", "containsPersonalData", false));
		JsonNode unrelated = TestHttp.json(get("/api/policy/model-versions/" + version + "/findings", "aude"));
		assertThat(unrelated.path("findings")).as("a dataset version the model does not use changes nothing")
			.isEqualTo(second.path("findings"));

		HttpResponse<String> relicensed = http()
			.send("PUT", "/api/registry/dataset-versions/pd-" + this.s + "-v1",
					TestHttp.toJson(Map.of("dataset", "pd-" + this.s, "version", "1", "licenseExpression",
							"CC-BY-NC-4.0", "sensitivity", "confidential", "containsPersonalData", true)),
					"pia", PASSWORD);
		assertThat(relicensed.statusCode()).as(relicensed.body()).isEqualTo(200);
		JsonNode third = TestHttp.json(get("/api/policy/model-versions/" + version + "/findings", "aude"));
		assertThat(third.path("id").asString()).as("a change to a shared entity of the résumé is evaluated")
			.isNotEqualTo(second.path("id").asString());
		assertThat(finding(third, "ip.non-commercial").isMissingNode()).isFalse();
	}

	@Test
	void evaluationsAreRecordedInTheResumeAndCanBeListedReplayedAndCompared() {
		String version = registerHighRiskVersionWithoutEvidence();
		String base = "/api/policy/model-versions/" + version + "/evaluations";
		HttpResponse<String> created = post(base, null, "otto");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode first = TestHttp.json(created);
		String firstId = first.path("id").asString();
		assertThat(first.path("recordedAs").asString()).isEqualTo(firstId);
		assertThat(created.headers().firstValue("Location")).hasValue(base + "/" + firstId);

		JsonNode recorded = TestHttp.json(get(base + "/" + firstId, "aude"));
		assertThat(recorded.path("findings")).isEqualTo(first.path("findings"));
		assertThat(recorded.path("triggeredBy").asString()).isEqualTo("otto");
		assertThat(recorded.path("trigger").asString()).isEqualTo("ON_DEMAND");
		assertThat(recorded.path("factsSha256").asString()).isEqualTo(first.path("factsSha256").asString());
		JsonNode entity = TestHttp.json(get("/api/registry/policy-evaluations/" + firstId, "aude"));
		assertThat(entity.path("fields").path("modelVersion").asString()).isEqualTo(version);
		assertThat(entity.path("fields").path("results").toString()).contains("FAIL fairness.no-evaluation");
		assertThat(post("/api/registry/policy-evaluations", Map.of("id", "forged-" + this.s, "modelVersion", version),
				"pia")
			.statusCode()).as("only the policy engine records evaluations").isEqualTo(400);

		JsonNode replay = TestHttp.json(post(base + "/" + firstId + "/replay?packs=recorded", null, "aude"));
		assertThat(replay.path("replay").path("trigger").asString()).isEqualTo("REPLAY");
		assertThat(replay.path("comparison").path("added")).isEmpty();
		assertThat(replay.path("comparison").path("removed")).isEmpty();
		assertThat(replay.path("comparison").path("changed")).isEmpty();
		assertThat(replay.path("comparison").path("sameFacts").asBoolean()).isTrue();
		assertThat(post(base + "/" + firstId + "/replay?packs=yesterday", null, "aude").statusCode()).isEqualTo(400);
		assertThat(post(base + "/no-such-evaluation/replay", null, "aude").statusCode()).isEqualTo(404);

		create("evaluations", Map.of("id", "pe-" + this.s, "modelVersion", version, "evaluationKind", "fairness",
				"metrics", List.of(Map.of("name", "equalized_odds_difference", "value", 0.35))));
		this.reevaluations.drain(java.time.Duration.ofSeconds(120));
		String secondId = TestHttp.json(post(base, null, "otto")).path("id").asString();
		JsonNode comparison = TestHttp.json(get(base + "/" + firstId + "/comparison/" + secondId, "aude"));
		assertThat(comparison.path("sameFacts").asBoolean()).isFalse();
		assertThat(comparison.path("removed").toString()).contains("fairness.no-evaluation");
		assertThat(comparison.path("added").toString()).contains("fairness.equalized-odds");

		JsonNode list = TestHttp.json(get(base, "aude"));
		List<String> ids = new ArrayList<>();
		list.forEach((item) -> ids.add(item.path("id").asString()));
		assertThat(ids).as("newest first").startsWith(secondId).contains(firstId);
		assertThat(list.get(0).path("fail").asInt()).isPositive();
		assertThat(list.get(0).has("facts")).isFalse();
		assertThat(get("/api/registry/model-versions/" + version + "/resume", "aude").body())
			.as("an evaluation is about the résumé, not part of it")
			.doesNotContain(firstId);
	}

	@Test
	void aBurstOfWritesIsEvaluatedInTheBackgroundAndTheLastEvaluationSeesTheLastWrite() {
		String version = registerHighRiskVersionWithoutEvidence();
		this.reevaluations.drain(java.time.Duration.ofSeconds(60));
		int before = TestHttp.json(get("/api/policy/model-versions/" + version + "/evaluations", "aude")).size();
		int writes = 30;
		java.util.concurrent.atomic.AtomicInteger energy = new java.util.concurrent.atomic.AtomicInteger();
		long start = System.nanoTime();
		// Six writers at once, as a burst of edits or an import would arrive.
		List<java.util.concurrent.CompletableFuture<Void>> writers = new ArrayList<>();
		for (int w = 0; w < 6; w++) {
			writers.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
				for (int i = 0; i < writes / 6; i++) {
					Map<String, Object> fields = new LinkedHashMap<>(Map.of("model", "pm-" + this.s, "version", "1.0.0",
							"intendedUse", "Order claims for a caseworker.", "trainingRun", "pr-" + this.s,
							"energyPerInferenceWh", energy.incrementAndGet()));
					HttpResponse<String> written = http().send("PUT", "/api/registry/model-versions/" + version,
							TestHttp.toJson(fields), "pia", PASSWORD);
					assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
				}
			}));
		}
		writers.forEach(java.util.concurrent.CompletableFuture::join);
		long writing = System.nanoTime() - start;
		this.reevaluations.drain(java.time.Duration.ofSeconds(120));

		JsonNode list = TestHttp.json(get("/api/policy/model-versions/" + version + "/evaluations", "aude"));
		int evaluations = list.size() - before;
		System.out.printf("Policy re-evaluations recorded for %d writes in %d ms: %d%n", writes, writing / 1_000_000,
				evaluations);
		assertThat(evaluations).isBetween(1, writes);
		assertThat(list.get(0).path("trigger").asString()).isEqualTo("AUTOMATIC");
		JsonNode latest = TestHttp.json(get(
				"/api/policy/model-versions/" + version + "/evaluations/" + list.get(0).path("id").asString(), "aude"));
		String stored = TestHttp.json(get("/api/registry/model-versions/" + version, "aude"))
			.path("fields")
			.path("energyPerInferenceWh")
			.asString();
		assertThat(latest.path("facts").toString()).as("the last evaluation saw the last write")
			.contains("energyPerInferenceWh=" + Double.parseDouble(stored) + "]");
		JsonNode findings = TestHttp.json(get("/api/policy/model-versions/" + version + "/findings", "aude"));
		assertThat(findings.path("recordedAs").asString()).isEqualTo(latest.path("id").asString());
	}

	@Test
	void unknownVersionsAndBadIdsAreProblemsNotEmptyFindings() {
		HttpResponse<String> missing = post("/api/policy/model-versions/none-" + this.s + "/evaluations", null, "otto");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
		assertThat(post("/api/policy/model-versions/Bad%20Id/evaluations", null, "otto").statusCode()).isEqualTo(400);
		assertThat(post("/api/policy/model-versions/none-" + this.s + "/evaluations", null, "aude").statusCode())
			.as("auditors read, they do not evaluate")
			.isEqualTo(403);
	}

	@Test
	void packsListTheirRulesWithTheFrameworksTheyEvidence() {
		JsonNode packs = TestHttp.json(get("/api/policy/packs", "aude"));
		List<String> names = new ArrayList<>();
		packs.forEach((pack) -> names.add(pack.path("name").asString()));
		assertThat(names).contains("governance", "runtime");
		JsonNode governance = pack(packs, "governance");
		assertThat(governance.path("rules").size()).isGreaterThanOrEqualTo(25);
		assertThat(governance.path("fixtures").asInt()).isGreaterThanOrEqualTo(2 * governance.path("rules").size());
		assertThat(governance.path("rules").toString()).contains("fairness.disparate-impact")
			.contains("prima-facie")
			.contains("NIST-AI-600-1:confabulation")
			.contains("EU-AI-ACT:Art.72");
		assertThat(pack(packs, "runtime").path("rules").toString()).contains("runtime.confidential-reroute");
	}

	@Test
	void aBrokenPackIsRefusedWithTheCompilersMessageAndAGoodOneIsActivatedWithWhoAndWhen() {
		String before = pack(TestHttp.json(get("/api/policy/packs", "aude")), "governance").path("version").asString();
		Map<String, byte[]> broken = customPack("org-" + this.s, "ModelVersionFact( architecture == null )");
		broken.put("rules/org.drl",
				new String(broken.get("rules/org.drl"), StandardCharsets.UTF_8)
					.replace("ModelVersionFact(", "ModelVersionFakt(")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(upload(zip(broken), "pia").statusCode()).as("model owners do not change policy").isEqualTo(403);
		HttpResponse<String> refused = upload(zip(broken), "otto");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(TestHttp.json(refused).path("problems").toString()).contains("rules/org.drl")
			.contains("ModelVersionFakt");
		assertThat(upload("not a zip".getBytes(StandardCharsets.UTF_8), "otto").statusCode()).isEqualTo(422);

		HttpResponse<String> accepted = upload(
				zip(customPack("org-" + this.s, "ModelVersionFact( architecture == null )")), "otto");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
		assertThat(TestHttp.json(accepted).path("activatedBy").asString()).isEqualTo("otto");
		JsonNode packs = TestHttp.json(get("/api/policy/packs", "aude"));
		assertThat(pack(packs, "governance").path("version").asString()).isEqualTo(before);
		assertThat(pack(packs, "org-" + this.s).path("rules").get(0).path("id").asString())
			.isEqualTo("org.architecture-note");
		JsonNode activations = TestHttp.json(get("/api/policy/packs/activations", "aude"));
		List<JsonNode> mine = new ArrayList<>();
		activations.forEach((activation) -> {
			if (activation.path("name").asString().equals("org-" + this.s)) {
				mine.add(activation);
			}
		});
		assertThat(mine).hasSize(2);
		assertThat(mine.get(0).path("accepted").asBoolean()).isFalse();
		assertThat(mine.get(0).path("actor").asString()).isEqualTo("otto");
		assertThat(mine.get(1).path("accepted").asBoolean()).isTrue();
		assertThat(mine.get(1).path("at").asString()).isNotBlank();
		assertThat(new PackActivationRepository(this.stores).history())
			.as("kept in the system dataset, read again after a restart")
			.filteredOn((activation) -> activation.name().equals("org-" + this.s))
			.extracting(dev.aigov.policy.PackActivation::accepted)
			.containsExactly(false, true);

		String pack = "org-" + this.s;
		String version = registerHighRiskVersionWithoutEvidence();
		JsonNode evaluation = TestHttp
			.json(post("/api/policy/model-versions/" + version + "/evaluations", null, "otto"));
		assertThat(evaluation.path("packs").toString()).contains(pack + "@sha256:");
		assertThat(finding(evaluation, "org.architecture-note").path("pack").asString()).isEqualTo(pack);
	}

	@Test
	void theRuntimePolicyBeanDecidesOnCallsAndFailsClosed() {
		RuntimeCall clean = new RuntimeCall("r1", RuntimeCall.Direction.REQUEST, "helpdesk", "k1",
				java.util.Set.of("bot"), java.util.Set.of(DataClass.PUBLIC, DataClass.INTERNAL), "bot", "bot-1",
				"deployed", java.util.Set.of("chat"), "chat",
				new RuntimeCall.Upstream("openai", RuntimeCall.Location.EXTERNAL), null, null, List.of(), 100, 0, 0, 0);
		assertThat(this.runtimePolicy.evaluate(clean).action()).isEqualTo(RuntimeDecision.Action.ALLOW);
		RuntimeCall secret = new RuntimeCall("r2", RuntimeCall.Direction.REQUEST, "helpdesk", "k1",
				java.util.Set.of("bot"), java.util.Set.of(DataClass.values()), "bot", "bot-1", "deployed",
				java.util.Set.of("chat"), "chat", new RuntimeCall.Upstream("openai", RuntimeCall.Location.EXTERNAL),
				null, null, List.of(new RuntimeCall.Detection("AWS_ACCESS_KEY", DataClass.RESTRICTED, 1)), 100, 0, 0,
				0);
		RuntimeDecision blocked = this.runtimePolicy.evaluate(secret);
		assertThat(blocked.action()).isEqualTo(RuntimeDecision.Action.BLOCK);
		assertThat(blocked.findings()).extracting((f) -> f.ruleId()).contains("runtime.restricted-external");
		assertThat(this.runtimePolicy.evaluate(null).action()).as("fails closed")
			.isEqualTo(RuntimeDecision.Action.ERROR);
	}

	/** A high-risk system deciding about people, personal data without a legal basis. */
	private String registerHighRiskVersionWithoutEvidence() {
		String s = this.s + Long.toString(System.nanoTime() % 100000, 36);
		create("ai-systems", Map.of("id", "ps-" + s, "name", "Benefit triage", "purpose", "Rank benefit claims",
				"riskLevel", "high", "decidesAboutPeople", true, "owner", "pia"));
		create("models", Map.of("id", "pm-" + s, "name", "Triage", "system", "ps-" + s, "owner", "pia"));
		create("datasets", Map.of("id", "pd-" + s, "name", "Claims"));
		create("dataset-versions",
				Map.of("id", "pd-" + s + "-v1", "dataset", "pd-" + s, "version", "1", "licenseExpression",
						"LicenseRef-internal", "sensitivity", "confidential", "containsPersonalData", true));
		create("training-runs", Map.of("id", "pr-" + s, "datasets", List.of("pd-" + s + "-v1")));
		Map<String, Object> version = new LinkedHashMap<>();
		version.put("id", "pv-" + s);
		version.put("model", "pm-" + s);
		version.put("version", "1.0.0");
		version.put("intendedUse", "Order claims for a caseworker.");
		version.put("limitations", "Not validated on 2026 claims.");
		version.put("trainingRun", "pr-" + s);
		create("model-versions", version);
		this.s = s;
		// The registrations' background evaluations are done: what follows is the test's
		// own.
		this.reevaluations.drain(java.time.Duration.ofSeconds(120));
		return "pv-" + s;
	}

	private static Map<String, byte[]> customPack(String name, String condition) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("pack.properties", ("name=" + name + "\nkind=governance\ndescription.en=Our own notes\n")
			.getBytes(StandardCharsets.UTF_8));
		files.put("rules/org.drl", ("""
				package org.example.policy;
				import dev.aigov.policy.facts.ModelVersionFact;
				global dev.aigov.policy.facts.Outcome outcome;
				rule "org.architecture-note"
					@severity(INFO)
					@en("{version} does not name its architecture.")
					@zhTw("{version} 未註明架構。")
					@fixEn("Name the architecture.")
					@fixZhTw("請註明架構。")
					@refs("ISO-42001:A.6.2.7")
				when
					$v : %s
				then
					outcome.fire(kcontext, "version", $v.id());
				end
				""".formatted(condition)).getBytes(StandardCharsets.UTF_8));
		files.put("fixtures/org.architecture-note/pass-named.ttl",
				builtInFixture("explain.model-card-incomplete/pass-model-card-incomplete.ttl"));
		files.put("fixtures/org.architecture-note/fail-unnamed.ttl",
				builtInFixture("explain.model-card-incomplete/fail-model-card-incomplete.ttl"));
		return files;
	}

	private static byte[] builtInFixture(String path) {
		try (InputStream in = PolicyApiIntegrationTests.class
			.getResourceAsStream("/dev/aigov/policy/packs/governance/fixtures/" + path)) {
			assertThat(in).as(path).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] zip(Map<String, byte[]> files) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				zip.putNextEntry(new ZipEntry(file.getKey()));
				zip.write(file.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static JsonNode finding(JsonNode evaluation, String ruleId) {
		for (JsonNode finding : evaluation.path("findings")) {
			if (finding.path("ruleId").asString().equals(ruleId)) {
				return finding;
			}
		}
		return tools.jackson.databind.node.MissingNode.getInstance();
	}

	private static JsonNode pack(JsonNode packs, String name) {
		for (JsonNode pack : packs) {
			if (pack.path("name").asString().equals(name)) {
				return pack;
			}
		}
		throw new AssertionError("no pack " + name + " in " + packs);
	}

	private void create(String kind, Map<String, Object> fields) {
		HttpResponse<String> response = post("/api/registry/" + kind, fields, "pia");
		assertThat(response.statusCode()).as(kind + ": " + response.body()).isEqualTo(201);
	}

	private HttpResponse<String> upload(byte[] zip, String user) {
		return http().send(http().request("/api/policy/packs", user, PASSWORD)
			.header("Content-Type", "application/zip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
	}

	private HttpResponse<String> get(String path, String user) {
		return http().get(path, user, PASSWORD);
	}

	private HttpResponse<String> post(String path, Object body, String user) {
		return http().post(path, (body != null) ? TestHttp.toJson(body) : null, user, PASSWORD);
	}

}
