package dev.aigov.policy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.aigov.policy.BomEvidence;
import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.PackActivation;
import dev.aigov.policy.PackRejectedException;
import dev.aigov.policy.PolicyPack;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeImporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PolicyEngineTests {

	private static final String GOVERNANCE = "dev/aigov/policy/packs/governance";

	private static final Actor OFFICER = new Actor("olivia", java.util.Set.of());

	private static final String RUNTIME = "dev/aigov/policy/packs/runtime";

	/**
	 * Shared by the tests that only read; each test that activates packs makes its own.
	 */
	private static final PolicyEngine shared = engine(PolicyProperties.defaults(), null);

	private PolicyEngine engine = shared;

	@Test
	void theBuiltInPacksAreActiveWithTheirContentHash() {
		assertThat(this.engine.active()).extracting(PolicyPack::name).containsExactly("governance", "runtime");
		PolicyPack governance = this.engine.active().get(0);
		assertThat(governance.version()).matches("sha256:[0-9a-f]{64}")
			.isEqualTo(PackSource.fromClasspath(GOVERNANCE).version());
		assertThat(governance.fixtures()).isGreaterThanOrEqualTo(2 * governance.rules().size());
		assertThat(governance.rules()).allSatisfy((rule) -> {
			assertThat(rule.references()).anyMatch((ref) -> ref.startsWith("EU-AI-ACT:"));
			assertThat(rule.message().zhTw()).isNotBlank();
			assertThat(rule.source()).startsWith("rule \"" + rule.id() + "\"");
		});
		assertThat(this.engine.activations()).allMatch(PackActivation::accepted)
			.allMatch((activation) -> activation.actor().equals("system"));
	}

	@Test
	void aFindingSaysWhichRuleWhichPackWhichFactsAndWhatToDo() {
		GovernanceEvaluation evaluation = this.engine
			.evaluate(fixture("fairness.disparate-impact/fail-disparate-impact.ttl"));
		assertThat(evaluation.status()).isEqualTo(GovernanceEvaluation.Status.COMPLETED);
		Finding finding = evaluation.findings()
			.stream()
			.filter((f) -> f.ruleId().equals("fairness.disparate-impact"))
			.findFirst()
			.orElseThrow();
		assertThat(finding.pack()).isEqualTo("governance");
		assertThat(finding.packVersion()).isEqualTo(this.engine.active().get(0).version());
		assertThat(finding.severity()).isEqualTo(Finding.Severity.WARN);
		assertThat(finding.facts()).containsEntry("group", "B vs A")
			.containsEntry("value", "0.62")
			.containsEntry("threshold", "0.8");
		assertThat(finding.message().en()).contains("B vs A is 0.62, below 0.8").contains("prima-facie");
		assertThat(finding.message().zhTw()).contains("五分之四規則");
		assertThat(finding.remediation().en()).isNotBlank();
		assertThat(finding.references()).contains("EU-AI-ACT:Art.10(2)(f)", "NIST-AI-RMF:MEASURE-2.11");
		assertThat(evaluation.facts()).anyMatch((fact) -> fact.startsWith("MetricFact[") && fact.contains("0.62"));
		assertThat(evaluation.blocksApproval()).as("a warning alone does not block").isFalse();
	}

	@Test
	void thresholdsComeFromConfiguration() {
		PolicyEngine strict = engine(
				new PolicyProperties(Map.of("fairness.disparate-impact.min", 0.95), null, null, null, null, null, null),
				null);
		Resume clean = fixture("fairness.disparate-impact/pass-disparate-impact.ttl");
		assertThat(this.engine.evaluate(clean).findings())
			.noneMatch((f) -> f.ruleId().equals("fairness.disparate-impact"));
		assertThat(strict.evaluate(clean).findings()).filteredOn((f) -> f.ruleId().equals("fairness.disparate-impact"))
			.singleElement()
			.satisfies((f) -> assertThat(f.facts()).containsEntry("threshold", "0.95"));
	}

	@Test
	void withoutABomVerifierTheBomIsReportedAsUncheckedNotPassed() {
		Resume resume = fixture("explain.bom-unchecked/pass-bom-unchecked.ttl");
		assertThat(this.engine.evaluate(resume).findings()).extracting(Finding::ruleId)
			.contains("explain.bom-unchecked");
		PolicyEngine verified = engine(PolicyProperties.defaults(),
				(r) -> new BomEvidence.Status(BomEvidence.State.VERIFIED, "signature verified"));
		assertThat(verified.evaluate(resume).findings()).extracting(Finding::ruleId)
			.doesNotContain("explain.bom-unchecked", "explain.bom-not-verified");
		PolicyEngine failing = engine(PolicyProperties.defaults(), (r) -> {
			throw new IllegalStateException("key store unavailable");
		});
		assertThat(failing.evaluate(resume).findings()).filteredOn((f) -> f.ruleId().equals("explain.bom-unchecked"))
			.singleElement()
			.satisfies((f) -> assertThat(f.message().en()).contains("key store unavailable"));
	}

	@Test
	void aFactWithAnUnusableValueIsAnErrorThatBlocksApprovalNeverNoFindings() {
		Resume good = fixture("fairness.disparate-impact/pass-disparate-impact.ttl");
		Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>(good.entities());
		EntityRef evaluation = new EntityRef(Kind.EVALUATION, "scorer-1-accuracy");
		Map<String, Object> fields = new LinkedHashMap<>(entities.get(evaluation).fields());
		fields.put("metrics", List.of(Map.of("name", "accuracy", "value", "n/a")));
		entities.put(evaluation, new ResumeEntity(evaluation, null, fields));
		GovernanceEvaluation result = this.engine.evaluate(new Resume(good.version(), null, entities));
		assertThat(result.status()).isEqualTo(GovernanceEvaluation.Status.ERROR);
		assertThat(result.error()).contains("evaluation/scorer-1-accuracy").contains("not a number");
		assertThat(result.findings()).isEmpty();
		assertThat(result.blocksApproval()).isTrue();
		assertThat(new GovernanceGuard(this.engine).check(new Resume(good.version(), null, entities), OFFICER).passed())
			.isFalse();
	}

	@Test
	void theGuardFailsOnAFailingFindingWithItsMessage() {
		var verdict = new GovernanceGuard(this.engine).check(fixture("privacy.no-legal-basis/fail-no-legal-basis.ttl"),
				OFFICER);
		assertThat(verdict.passed()).isFalse();
		assertThat(verdict.reasons()).anyMatch((reason) -> reason.startsWith("Policy privacy.no-legal-basis:")
				&& reason.contains("applications-2025"));
	}

	@Test
	void aCleanCallIsAllowedAndAConfidentialOneReroutedOnPrem() {
		RuntimeDecision clean = this.engine.evaluate(call(Map.of()));
		assertThat(clean.action()).isEqualTo(RuntimeDecision.Action.ALLOW);
		assertThat(clean.findings()).isEmpty();
		assertThat(clean.packVersion()).contains("runtime@sha256:");
		RuntimeDecision confidential = this.engine.evaluate(call(Map.of("upstreamLocation", "EXTERNAL", "onPremRoute",
				"chat-onprem", "detections", "TW_NATIONAL_ID:CONFIDENTIAL:1")));
		assertThat(confidential.action()).isEqualTo(RuntimeDecision.Action.REROUTE);
		assertThat(confidential.rerouteTo()).isEqualTo("chat-onprem");
		assertThat(confidential.findings()).extracting(Finding::ruleId).containsExactly("runtime.confidential-reroute");
	}

	/**
	 * A pack whose reroute rule does not look at the direction also fires on answers. The
	 * redactions other rules asked for must travel with the reroute: the proxy cannot
	 * reroute an answer, and would otherwise pass it unredacted (fail open).
	 */
	@Test
	void aRerouteCarriesTheRedactionsOtherRulesAskedFor() {
		this.engine = engine(PolicyProperties.defaults(), null);
		Map<String, String> files = runtimeFiles();
		String rules = files.get("rules/runtime.drl");
		String careless = rules.replace(
				"$c : RuntimeCall( direction == Direction.REQUEST, upstream.location == Location.EXTERNAL, onPremRoute != null )",
				"$c : RuntimeCall( upstream.location == Location.EXTERNAL, onPremRoute != null )");
		assertThat(careless).isNotEqualTo(rules);
		files.put("rules/runtime.drl", careless);
		String fixture = "fixtures/runtime.confidential-redact/fail-external-response.properties";
		files.put(fixture, files.get(fixture).replace("expect.action=REDACT", "expect.action=REROUTE"));
		this.engine.activate(zip(files), "carol");
		RuntimeDecision answer = this.engine.evaluate(call(Map.of("direction", "RESPONSE", "upstreamLocation",
				"EXTERNAL", "onPremRoute", "chat-onprem", "detections", "TW_NATIONAL_ID:CONFIDENTIAL:1")));
		assertThat(answer.action()).isEqualTo(RuntimeDecision.Action.REROUTE);
		assertThat(answer.redactTypes()).containsExactly("TW_NATIONAL_ID");
	}

	@Test
	void aPackThatDoesNotCompileIsRejectedWithTheCompilersMessageAndThePreviousStaysActive() {
		this.engine = engine(PolicyProperties.defaults(), null);
		String before = runtimeVersion();
		Map<String, String> files = runtimeFiles();
		files.put("rules/runtime.drl", files.get("rules/runtime.drl")
			.replace("$c : RuntimeCall( modelVersion == null )", "$c : RuntimeCal( modelVersion == null )"));
		assertThatExceptionOfType(PackRejectedException.class)
			.isThrownBy(() -> this.engine.activate(zip(files), "carol"))
			.satisfies((ex) -> assertThat(ex.problems())
				.anyMatch((problem) -> problem.startsWith("rules/runtime.drl:") && problem.contains("RuntimeCal")));
		assertThat(runtimeVersion()).isEqualTo(before);
		PackActivation rejected = this.engine.activations().get(this.engine.activations().size() - 1);
		assertThat(rejected.accepted()).isFalse();
		assertThat(rejected.actor()).isEqualTo("carol");
		assertThat(rejected.reason()).contains("RuntimeCal");
		assertThat(this.engine.evaluate(call(Map.of())).action()).isEqualTo(RuntimeDecision.Action.ALLOW);
	}

	@Test
	void aPackWhoseFixtureGivesTheWrongResultOrLacksOneIsRejected() {
		this.engine = engine(PolicyProperties.defaults(), null);
		Map<String, String> wrong = runtimeFiles();
		wrong.put("fixtures/runtime.token-budget/fail-over-budget.properties",
				"tokenBudget=10000\ntokensUsed=1\ntokensRequested=1\n");
		assertThatExceptionOfType(PackRejectedException.class)
			.isThrownBy(() -> this.engine.activate(zip(wrong), "carol"))
			.withMessageContaining("fail-over-budget.properties: expected rule 'runtime.token-budget' to fire");
		Map<String, String> missing = runtimeFiles();
		missing.remove("fixtures/runtime.token-budget/pass-within-budget.properties");
		assertThatExceptionOfType(PackRejectedException.class)
			.isThrownBy(() -> this.engine.activate(zip(missing), "carol"))
			.withMessageContaining("rule 'runtime.token-budget' needs at least one pass- and one fail- fixture");
		Map<String, String> unconfigured = runtimeFiles();
		unconfigured.put("pack.properties", "name=runtime\nkind=runtime\nthreshold.runtime.nonexistent.max=3\n");
		assertThatExceptionOfType(PackRejectedException.class)
			.isThrownBy(() -> this.engine.activate(zip(unconfigured), "carol"))
			.withMessageContaining("threshold 'runtime.nonexistent.max' is not configured");
		Map<String, String> untranslated = runtimeFiles();
		untranslated.put("rules/runtime.drl",
				untranslated.get("rules/runtime.drl").replaceFirst("@zhTw\\(\"[^\"]*\"\\)", ""));
		assertThatExceptionOfType(PackRejectedException.class)
			.isThrownBy(() -> this.engine.activate(zip(untranslated), "carol"))
			.withMessageContaining("rule 'runtime.model-unresolved' lacks @zhTw");
	}

	@Test
	void anExceptionInsideARuleRefusesTheCall() {
		this.engine = engine(PolicyProperties.defaults(), null);
		Map<String, String> files = runtimeFiles();
		files.put("rules/ratio.drl",
				"""
						package dev.aigov.policy.packs.runtime;
						import dev.aigov.policy.RuntimeCall;
						global dev.aigov.policy.facts.Outcome outcome;
						rule "runtime.ratio"
							@severity(INFO) @en("ratio {ratio}") @zhTw("比例 {ratio}") @fixEn("none") @fixZhTw("無") @refs("EU-AI-ACT:Art.12")
						when
							$c : RuntimeCall( requestedModel == "ratio" )
						then
							outcome.fire(kcontext, "ratio", 100 / $c.tokensUsed());
						end
						""");
		files.put("fixtures/runtime.ratio/pass-other-model.properties", "");
		files.put("fixtures/runtime.ratio/fail-ratio.properties",
				"requestedModel=ratio\nallowedModels=ratio\ntokensUsed=4\n");
		PolicyPack pack = this.engine.activate(zip(files), "carol");
		assertThat(pack.rules()).extracting((rule) -> rule.id()).contains("runtime.ratio");
		RuntimeDecision decision = this.engine
			.evaluate(call(Map.of("requestedModel", "ratio", "allowedModels", "ratio", "tokensUsed", "0")));
		assertThat(decision.action()).isEqualTo(RuntimeDecision.Action.ERROR);
		assertThat(decision.action().refuses()).isTrue();
		assertThat(decision.error()).contains("ArithmeticException");
	}

	@Test
	void activationSwapsPacksWhileCallsAreEvaluatedWithoutFailingAny() throws Exception {
		this.engine = engine(PolicyProperties.defaults(), null);
		Map<String, String> files = runtimeFiles();
		ExecutorService callers = Executors.newFixedThreadPool(2);
		AtomicBoolean running = new AtomicBoolean(true);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(callers.submit(() -> {
					int calls = 0;
					while (running.get()) {
						RuntimeDecision decision = this.engine.evaluate(call(Map.of()));
						assertThat(decision.action()).isEqualTo(RuntimeDecision.Action.ALLOW);
						calls++;
					}
					return calls;
				}));
			}
			List<String> versions = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				files.put("pack.properties", "name=runtime\nkind=runtime\n# revision " + i + "\n");
				versions.add(this.engine.activate(zip(files), "carol").version());
			}
			running.set(false);
			for (Future<Integer> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isPositive();
			}
			assertThat(versions).doesNotHaveDuplicates();
			assertThat(runtimeVersion()).isEqualTo(versions.get(2));
			PackActivation last = this.engine.activations().get(this.engine.activations().size() - 1);
			assertThat(last.replaced()).isEqualTo(versions.get(1));
		}
		finally {
			running.set(false);
			callers.shutdownNow();
		}
	}

	private String runtimeVersion() {
		return this.engine.active()
			.stream()
			.filter((pack) -> pack.name().equals("runtime"))
			.findFirst()
			.orElseThrow()
			.version();
	}

	static PolicyEngine engine(PolicyProperties properties, BomEvidence evidence) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (evidence != null) {
			beans.addBean("bomEvidence", evidence);
		}
		return PolicyEngine.outsideSpring(properties, null, null, beans.getBeanProvider(BomEvidence.class), null);
	}

	static Resume fixture(String path) {
		byte[] turtle = PackSource.fromClasspath(GOVERNANCE).files().get("fixtures/" + path);
		assertThat(turtle).as(path).isNotNull();
		return ResumeImporter.readDocument(turtle, "turtle");
	}

	static RuntimeCall call(Map<String, String> values) {
		Properties properties = new Properties();
		properties.putAll(values);
		return PackCompiler.call(properties);
	}

	static Map<String, String> runtimeFiles() {
		Map<String, String> files = new LinkedHashMap<>();
		PackSource.fromClasspath(RUNTIME)
			.files()
			.forEach((name, content) -> files.put(name, new String(content, StandardCharsets.UTF_8)));
		return files;
	}

	static byte[] zip(Map<String, String> files) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, String> file : files.entrySet()) {
				zip.putNextEntry(new ZipEntry("my-pack/" + file.getKey()));
				zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static BigDecimal decimal(String value) {
		return new BigDecimal(value);
	}

}
