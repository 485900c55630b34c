package dev.aigov.policy.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;
import dev.aigov.policy.BomEvidence;
import dev.aigov.policy.EvaluationComparison;
import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernanceEvaluation.Trigger;
import dev.aigov.policy.PackActivation;
import dev.aigov.policy.PackActivationStore;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeConflictException;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.registry.ResumeReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Governance evaluations are recorded in the résumé (TDB2 on disk) with their facts and
 * findings, read back after a restart, replayed and compared, and kept out of the
 * résumé's own entities.
 */
class EvaluationRecordTests {

	private static final Actor OWNER = new Actor("owner", Set.of());

	@TempDir
	Path dir;

	private GraphStores stores;

	private RegistryService registry;

	private ResumeReader reader;

	private final MemoryActivations activations = new MemoryActivations();

	private PolicyEngine engine;

	@BeforeEach
	void setUp() {
		this.stores = new GraphStores(GraphStoreProperties.embedded(this.dir.resolve("tdb2")));
		this.registry = new RegistryService(this.stores);
		this.reader = new ResumeReader(this.registry, this.stores);
		this.registry.create(Kind.AI_SYSTEM, Map.of("id", "sys", "name", "Loans", "purpose", "credit decisions",
				"riskLevel", "high", "owner", "owner", "decidesAboutPeople", true), OWNER);
		this.registry.create(Kind.MODEL, Map.of("id", "m", "name", "Scorer", "system", "sys", "owner", "owner"), OWNER);
		this.registry.create(Kind.MODEL_VERSION, Map.of("id", "v1", "model", "m", "version", "1.0"), OWNER);
		this.engine = newEngine();
	}

	@AfterEach
	void tearDown() {
		this.stores.close();
	}

	/** A new engine over the same store: what a restart gives. */
	private PolicyEngine newEngine() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("bom", (BomEvidence) (resume) -> new BomEvidence.Status(BomEvidence.State.VERIFIED, "test"));
		return PolicyEngine.outsideSpring(PolicyProperties.defaults(), this.registry, this.reader,
				beans.getBeanProvider(BomEvidence.class), this.activations);
	}

	@Test
	void anOnDemandEvaluationIsRecordedWithItsFactsAndFindingsAndReadsBackTheSame() {
		GovernanceEvaluation evaluation = this.engine.evaluate("v1", Trigger.ON_DEMAND, "alice");

		assertThat(evaluation.recordedAs()).isEqualTo(evaluation.id());
		assertThat(evaluation.findings()).extracting(Finding::ruleId)
			.contains("explain.intended-use-missing", "fairness.no-evaluation");
		GovernanceEvaluation recorded = newEngine().recorded("v1", evaluation.id());
		assertThat(recorded.findings()).isEqualTo(evaluation.findings());
		assertThat(recorded.facts()).containsExactlyInAnyOrderElementsOf(evaluation.facts());
		assertThat(recorded.packs()).isEqualTo(evaluation.packs()).singleElement().asString().startsWith("governance@");
		assertThat(recorded.factsSha256()).isEqualTo(evaluation.factsSha256()).hasSize(64);
		assertThat(recorded.trigger()).isEqualTo(Trigger.ON_DEMAND);
		assertThat(recorded.triggeredBy()).isEqualTo("alice");
		assertThat(recorded.status()).isEqualTo(GovernanceEvaluation.Status.COMPLETED);

		ResumeEntity entity = this.registry.get(new EntityRef(Kind.POLICY_EVALUATION, evaluation.id()));
		assertThat(entity.fields()).containsEntry("modelVersion", "v1").containsEntry("trigger", "on-demand");
		assertThat(entity.fields().get("results").toString()).contains("FAIL fairness.no-evaluation");
		assertThat(entity.revision().author()).isEqualTo("alice");
	}

	@Test
	void evaluationsStayOutOfTheResumeAndCannotBeWrittenOrChangedByHand() {
		GovernanceEvaluation evaluation = this.engine.evaluate("v1", Trigger.ON_DEMAND, "alice");

		assertThat(this.reader.read("v1", null).all(Kind.POLICY_EVALUATION)).isEmpty();
		assertThatExceptionOfType(InvalidResumeException.class).isThrownBy(
				() -> this.registry.create(Kind.POLICY_EVALUATION, Map.of("id", "forged", "modelVersion", "v1"), OWNER))
			.withMessageContaining("policy engine");
		assertThatExceptionOfType(ResumeConflictException.class).isThrownBy(() -> this.registry
			.update(new EntityRef(Kind.POLICY_EVALUATION, evaluation.id()), Map.of("modelVersion", "v1"), OWNER, null));
	}

	@Test
	void anAutomaticEvaluationWithTheSameResultIsNotRecordedAgainButAnOnDemandOneAlwaysIs() {
		GovernanceEvaluation first = this.engine.evaluate("v1", Trigger.AUTOMATIC, "owner");
		GovernanceEvaluation same = this.engine.evaluate("v1", Trigger.AUTOMATIC, "owner");
		assertThat(same.recordedAs()).isEqualTo(first.id());
		assertThat(this.engine.recorded("v1")).hasSize(1);

		this.engine.evaluate("v1", Trigger.ON_DEMAND, "alice");
		assertThat(this.engine.recorded("v1")).hasSize(2);

		// A change the rules do not see (the description) gives the same facts: not
		// recorded.
		update("v1", Map.of("description", "first cut"));
		assertThat(this.engine.evaluate("v1", Trigger.AUTOMATIC, "owner").recordedAs()).isNotNull();
		assertThat(this.engine.recorded("v1")).hasSize(2);

		// One they see is recorded.
		update("v1", Map.of("intendedUse", "Pre-screening of loan applications"));
		GovernanceEvaluation changed = this.engine.evaluate("v1", Trigger.AUTOMATIC, "owner");
		assertThat(changed.recordedAs()).isEqualTo(changed.id());
		assertThat(this.engine.recorded("v1")).hasSize(3)
			.first()
			.extracting(GovernanceEvaluation::id)
			.isEqualTo(changed.id());
	}

	@Test
	void afterARestartTheLatestRecordedEvaluationIsCurrentUntilTheResumeChanges() {
		GovernanceEvaluation evaluation = this.engine.evaluate("v1", Trigger.ON_DEMAND, "alice");

		PolicyEngine restarted = newEngine();
		assertThat(restarted.latest("v1")).get().extracting(GovernanceEvaluation::id).isEqualTo(evaluation.id());

		update("v1", Map.of("limitations", "Not for applicants under 18"));
		assertThat(newEngine().latest("v1")).isEmpty();
	}

	@Test
	void aReplayOfTheStoredFactsGivesTheSameFindingsAndAComparisonShowsWhatChanged() {
		GovernanceEvaluation before = this.engine.evaluate("v1", Trigger.ON_DEMAND, "alice");
		update("v1", Map.of("intendedUse", "Pre-screening of loan applications"));
		GovernanceEvaluation after = this.engine.evaluate("v1", Trigger.ON_DEMAND, "alice");

		for (boolean recordedPacks : List.of(true, false)) {
			GovernanceEvaluation replay = newEngine().replay("v1", before.id(), recordedPacks);
			EvaluationComparison same = EvaluationComparison.of(before, replay);
			assertThat(same.added()).isEmpty();
			assertThat(same.removed()).isEmpty();
			assertThat(same.changed()).isEmpty();
			assertThat(same.sameFacts()).isTrue();
			assertThat(replay.trigger()).isEqualTo(Trigger.REPLAY);
			assertThat(replay.recordedAs()).isNull();
		}
		assertThat(this.engine.recorded("v1")).hasSize(2);

		EvaluationComparison comparison = EvaluationComparison.of(before, after);
		assertThat(comparison.sameFacts()).isFalse();
		assertThat(comparison.samePacks()).isTrue();
		assertThat(comparison.removed()).extracting(Finding::ruleId).containsExactly("explain.intended-use-missing");
		assertThat(comparison.added()).isEmpty();
		assertThat(comparison.unchanged()).contains("fairness.no-evaluation");
	}

	@Test
	void aReplayAgainstAPackVersionNoLongerKnownIsRefusedAndUnknownIdsAreNotFound() {
		GovernanceEvaluation evaluation = this.engine.evaluate("v1", Trigger.ON_DEMAND, "alice");
		EntityRef ref = new EntityRef(Kind.POLICY_EVALUATION, "other");
		Map<String, Object> fields = new LinkedHashMap<>(
				this.registry.get(new EntityRef(Kind.POLICY_EVALUATION, evaluation.id())).fields());
		fields.put("packs", List.of("governance@0000"));
		this.registry.recordPolicyEvaluation(ref.id(), fields, OWNER);

		assertThatIllegalStateException().isThrownBy(() -> this.engine.replay("v1", "other", true))
			.withMessageContaining("governance@0000");
		assertThat(this.engine.replay("v1", "other", false).findings()).isEqualTo(evaluation.findings());
		assertThatExceptionOfType(ResumeNotFoundException.class)
			.isThrownBy(() -> this.engine.recorded("v1", "no-such-evaluation"));
		assertThatExceptionOfType(ResumeNotFoundException.class).isThrownBy(() -> this.engine.recorded("v404"));
	}

	@Test
	void factsReadBackAsTheSameRecordsAndTheirDigestIgnoresOrder() {
		GovernanceEvaluation evaluation = this.engine.evaluate(this.reader.read("v1", null));
		List<Object> facts = new FactExtractor(PolicyProperties.defaults()).extract(this.reader.read("v1", null),
				new BomEvidence.Status(BomEvidence.State.VERIFIED, "test"), java.time.LocalDate.of(2026, 1, 1));
		String json = RecordCodec.facts(facts);
		assertThat(RecordCodec.facts(json)).isEqualTo(facts.stream()
			.sorted(java.util.Comparator.comparing((fact) -> RecordCodec.facts(List.of(fact))))
			.toList());
		List<Object> shuffled = new ArrayList<>(facts);
		Collections.reverse(shuffled);
		assertThat(RecordCodec.facts(shuffled)).isEqualTo(json);
		assertThat(evaluation.recordedAs()).isNull();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> RecordCodec.facts("[{\"fact\":\"java.lang.Runtime\",\"value\":{}}]"));
	}

	@Test
	void activationsAreKeptInTheStoreAndReadAgainAfterARestart() {
		int before = this.activations.history().size();
		PolicyEngine restarted = newEngine();
		assertThat(this.activations.history()).hasSize(before + 2);
		assertThat(restarted.activations()).hasSize(before + 2)
			.allSatisfy((activation) -> assertThat(activation.accepted()).isTrue());
	}

	@Test
	void anUploadedPackIsActiveAgainAfterARestartAndOneThatCannotBeRestoredFailsEveryEvaluationClosed() {
		Map<String, String> files = PolicyEngineTests.runtimeFiles();
		files.put("pack.properties", files.get("pack.properties") + "\n# the organisation's own copy\n");
		byte[] zip = PolicyEngineTests.zip(files);
		String builtIn = runtimeVersion(this.engine);
		String uploaded = this.engine.activate(zip, "carol").version();
		assertThat(uploaded).isNotEqualTo(builtIn);

		PolicyEngine restarted = newEngine();
		assertThat(runtimeVersion(restarted)).isEqualTo(uploaded);
		assertThat(restarted.activations().get(restarted.activations().size() - 1))
			.satisfies((last) -> assertThat(last.version()).isEqualTo(uploaded))
			.satisfies((last) -> assertThat(last.origin()).isEqualTo("upload by carol"))
			.satisfies((last) -> assertThat(last.actor()).isEqualTo(PolicyEngine.SYSTEM));
		assertThat(runtimeVersion(newEngine())).as("and again after a second restart").isEqualTo(uploaded);

		this.activations.archives.clear();
		PolicyEngine broken = newEngine();
		RuntimeDecision refused = broken.evaluate(allowedCall());
		assertThat(refused.action()).isEqualTo(RuntimeDecision.Action.ERROR);
		assertThat(refused.error()).contains("runtime", uploaded, "upload by carol", "uploaded again");
		assertThat(broken.evaluate(this.reader.read("v1", null)).status()).isEqualTo(GovernanceEvaluation.Status.ERROR);

		broken.activate(zip, "carol");
		assertThat(broken.evaluate(allowedCall()).action()).isNotEqualTo(RuntimeDecision.Action.ERROR);
		assertThat(broken.evaluate(this.reader.read("v1", null)).status())
			.isEqualTo(GovernanceEvaluation.Status.COMPLETED);
	}

	private static String runtimeVersion(PolicyEngine engine) {
		return engine.active()
			.stream()
			.filter((pack) -> pack.kind() == dev.aigov.policy.PackKind.RUNTIME)
			.findFirst()
			.orElseThrow()
			.version();
	}

	private static RuntimeCall allowedCall() {
		return PolicyEngineTests.call(Map.of("requestedModel", "m", "allowedModels", "m"));
	}

	@Test
	void aBurstOfChangesToOneVersionGivesAtMostTwoEvaluationsAndDrainWaitsForThem() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> actors = Collections.synchronizedList(new ArrayList<>());
		try (ReevaluationQueue queue = new ReevaluationQueue((version, actor) -> {
			runs.incrementAndGet();
			actors.add(actor);
			started.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, Duration.ZERO)) {
			queue.submit("v1", "writer-0");
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			for (int i = 1; i < 50; i++) {
				queue.submit("v1", "writer-" + i);
			}
			release.countDown();
			queue.drain(Duration.ofSeconds(10));
			assertThat(runs).hasValue(2);
			assertThat(actors).containsExactly("writer-0", "writer-49");
		}
	}

	@Test
	void changesArrivingWithinTheDelayAreEvaluatedOnceWithTheLastActor() {
		AtomicInteger runs = new AtomicInteger();
		List<String> actors = Collections.synchronizedList(new ArrayList<>());
		try (ReevaluationQueue queue = new ReevaluationQueue((version, actor) -> {
			runs.incrementAndGet();
			actors.add(actor);
		}, Duration.ofMillis(500))) {
			for (int i = 0; i < 50; i++) {
				queue.submit("v1", "writer-" + i);
			}
			queue.submit("v2", "other");
			queue.drain(Duration.ofSeconds(10));
			// 50 submissions take far less than the delay; a descheduled test thread
			// could
			// at worst split them in two.
			assertThat(runs.get()).isBetween(2, 3);
			assertThat(actors).filteredOn((actor) -> actor.startsWith("writer")).last().isEqualTo("writer-49");
		}
	}

	private void update(String version, Map<String, Object> changes) {
		ResumeEntity current = this.registry.get(new EntityRef(Kind.MODEL_VERSION, version));
		Map<String, Object> fields = new LinkedHashMap<>(current.fields());
		fields.remove("lifecycleState");
		fields.putAll(changes);
		this.registry.update(current.ref(), fields, OWNER, null);
	}

	/** Activation history in memory, shared by the engines of one test. */
	private static final class MemoryActivations implements PackActivationStore {

		private final List<PackActivation> stored = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public List<PackActivation> history() {
			return List.copyOf(this.stored);
		}

		private final Map<String, byte[]> archives = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public void append(PackActivation activation) {
			this.stored.add(activation);
		}

		@Override
		public void archive(String version, byte[] zip) {
			this.archives.putIfAbsent(version, zip.clone());
		}

		@Override
		public java.util.Optional<byte[]> archived(String version) {
			return java.util.Optional.ofNullable(this.archives.get(version)).map(byte[]::clone);
		}

	}

}
