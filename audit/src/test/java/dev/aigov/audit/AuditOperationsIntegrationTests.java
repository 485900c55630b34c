package dev.aigov.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aigov.eslauncher.junit.SharedElasticsearch;
import dev.aigov.signing.SigningKeys;
import dev.aigov.signing.SigningProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.data.Offset.offset;

/**
 * The operations figures of a known mix of inference calls, appended through the real
 * pipeline and aggregated by a real Elasticsearch: every count and sum exact, the filters
 * by application and model honoured, calls outside the period and administrative events
 * left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditOperationsIntegrationTests {

	private static final String CHATBOT = "https://aigov.dev/id/model-version/chatbot-2";

	private Path dir;

	private AuditPipeline pipeline;

	private Instant from;

	private Instant to;

	@BeforeAll
	void appendTheMix(@TempDir Path dir) {
		this.dir = dir;
		this.pipeline = AuditPipeline.builder(this.dir.resolve("journal"))
			.content(AuditProperties.ContentMode.REDACTED, this.dir.resolve("content.key"))
			.elasticsearch(SharedElasticsearch.url())
			.indexPrefix("it-operations")
			.signingKeys(SigningKeys.open(SigningProperties.of(this.dir.resolve("keys/signing.p12"))))
			.shipping(true, 500, Duration.ofMillis(100))
			.build();
		this.from = Instant.now().minusSeconds(5);
		AuditLog log = this.pipeline.log();
		Instant now = Instant.now();
		for (int i = 0; i < 10; i++) {
			// one of them asked for the model under another name: still the same version
			log.append(call(now, "crm", (i == 0) ? "gpt-4o" : "gpt-4o-mini", CHATBOT, "allow", "success", List.of(),
					List.of(), 10, 5, 100, 0.5));
		}
		for (int i = 0; i < 4; i++) {
			log.append(call(now, "crm", "gpt-4o-mini", CHATBOT, "redact", "success", List.of("privacy.email"),
					List.of("EMAIL"), 20, 8, 200, 0.5));
		}
		for (int i = 0; i < 2; i++) {
			log.append(call(now, "crm", "gpt-4o-mini", CHATBOT, "redact", "success",
					List.of("privacy.email", "privacy.tw-id"), List.of("EMAIL", "TW_NATIONAL_ID"), 20, 8, 200, 0.5));
		}
		for (int i = 0; i < 3; i++) {
			log.append(call(now, "crm", "gpt-4o-mini", CHATBOT, "block", "failure", List.of("privacy.tw-id"),
					List.of("TW_NATIONAL_ID"), 15, 0, 50, null));
		}
		for (int i = 0; i < 7; i++) {
			log.append(call(now, "hr", "llama-3-8b", null, "reroute", "success", List.of("route.sensitive"), List.of(),
					30, 12, 100, 1.0));
		}
		for (int i = 0; i < 2; i++) {
			log.append(call(now, "hr", "llama-3-8b", null, "error", "failure", List.of(), List.of(), 7, 0, 1000, null));
		}
		log.append(call(now, "hr", "llama-3-8b", null, "block", "failure", List.of("policy.blocklist"), List.of(), 15,
				0, 50, null));
		log.append(call(now, "hr", "llama-3-8b", null, "allow", "failure", List.of(), List.of(), 10, 5, 100, 1.0));
		// outside the period, and not an inference call: neither counts
		log.append(call(now.minus(Duration.ofDays(2)), "crm", "gpt-4o-mini", CHATBOT, "block", "failure",
				List.of("privacy.email"), List.of("EMAIL"), 999, 999, 5000, 99.0));
		log.append(AuditRecords.admin("model-version.approved", "olivia"));
		assertThat(this.pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
		this.to = Instant.now().plusSeconds(60);
	}

	@org.junit.jupiter.api.AfterAll
	void close() {
		this.pipeline.close();
	}

	@Test
	void everyFigureOfThePeriodIsAggregatedExactly() {
		AuditOperations ops = this.pipeline.search().operations(this.from, this.to, null, null);
		assertThat(ops.calls()).isEqualTo(30);
		assertThat(ops.inputTokens()).isEqualTo(10 * 10 + 6 * 20 + 3 * 15 + 7 * 30 + 2 * 7 + 15 + 10);
		assertThat(ops.outputTokens()).isEqualTo(10 * 5 + 6 * 8 + 7 * 12 + 5);
		assertThat(ops.blocked()).isEqualTo(4);
		assertThat(ops.redacted()).isEqualTo(6);
		assertThat(ops.rerouted()).isEqualTo(7);
		assertThat(ops.failed()).as("errors and failed outcomes, blocks left out").isEqualTo(3);
		assertThat(ops.failuresByCause()).as("the codes answered; a failure recorded without one is counted apart")
			.containsExactly(entry("upstream_error", 2L), entry(AuditOperations.CAUSE_NOT_RECORDED, 1L));
		assertThat(ops.redactionsByDetector()).as("detector types among redacted calls only")
			.isEqualTo(Map.of("EMAIL", 6L, "TW_NATIONAL_ID", 2L));
		assertThat(ops.topRules()).containsExactly(new AuditStatistics.Count("route.sensitive", 7),
				new AuditStatistics.Count("privacy.email", 6), new AuditStatistics.Count("privacy.tw-id", 5),
				new AuditStatistics.Count("policy.blocklist", 1));
		assertThat(ops.energyWh()).isCloseTo(16.0, offset(1e-9));
		assertThat(ops.waterMl()).isCloseTo(16.0 * 1.8, offset(1e-9));
		// 30 latencies: 4 x 50, 18 x 100, 6 x 200, 2 x 1000 ms (t-digest interpolates)
		assertThat(ops.latencyMs()).containsOnlyKeys("p50", "p95", "p99");
		assertThat(ops.latencyMs().get("p50")).isCloseTo(100.0, offset(1e-6));
		assertThat(ops.latencyMs().get("p95")).isBetween(200.0, 1000.0);
		assertThat(ops.latencyMs().get("p99")).isBetween(ops.latencyMs().get("p95"), 1000.0);
		assertThat(ops.breakdown()).containsExactly(
				new AuditOperations.Breakdown("crm", CHATBOT, 19, 10 * 10 + 6 * 20 + 3 * 15, 10 * 5 + 6 * 8, 3, 6, 8.0),
				new AuditOperations.Breakdown("hr", "llama-3-8b", 11, 7 * 30 + 2 * 7 + 15 + 10, 7 * 12 + 5, 1, 0, 8.0));
	}

	@Test
	void theFiguresCanBeNarrowedToOneApplicationOrOneModel() {
		AuditSearch search = this.pipeline.search();
		AuditOperations hr = search.operations(this.from, this.to, "hr", null);
		assertThat(hr.calls()).isEqualTo(11);
		assertThat(hr.blocked()).isEqualTo(1);
		assertThat(hr.rerouted()).isEqualTo(7);
		assertThat(hr.failed()).isEqualTo(3);
		assertThat(hr.redactionsByDetector()).isEmpty();
		assertThat(hr.breakdown()).extracting(AuditOperations.Breakdown::application).containsExactly("hr");
		assertThat(search.operations(this.from, this.to, "key-hr", null).calls()).as("by key id").isEqualTo(11);

		AuditOperations chatbot = search.operations(this.from, this.to, null, CHATBOT);
		assertThat(chatbot.calls()).isEqualTo(19);
		assertThat(chatbot.redacted()).isEqualTo(6);
		assertThat(chatbot.failed()).isZero();
		assertThat(chatbot.energyWh()).isCloseTo(8.0, offset(1e-9));
		assertThat(search.operations(this.from, this.to, null, "gpt-4o").calls()).as("by requested name").isEqualTo(1);
		assertThat(search.operations(this.from, this.to, "hr", CHATBOT).calls()).isZero();
	}

	@Test
	void anEmptyPeriodHasZeroFiguresAndNoPercentiles() {
		AuditOperations none = this.pipeline.search()
			.operations(this.from.minus(Duration.ofDays(30)), this.from.minus(Duration.ofDays(29)), null, null);
		assertThat(none.calls()).isZero();
		assertThat(none.latencyMs()).isEmpty();
		assertThat(none.breakdown()).isEmpty();
		assertThat(none.energyWh()).isZero();
	}

	@Test
	void aBadPeriodIsRefusedAndAnUnreachableElasticsearchFailsClosed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.pipeline.search().operations(this.to, this.from, null, null));
		try (AuditPipeline down = AuditPipeline.builder(this.dir.resolve("journal-down"))
			.content(AuditProperties.ContentMode.REDACTED, this.dir.resolve("content.key"))
			.elasticsearch("http://127.0.0.1:9")
			.signingKeys(SigningKeys.open(SigningProperties.of(this.dir.resolve("keys/signing.p12"))))
			.shipping(false, 500, Duration.ofMillis(100))
			.build()) {
			assertThatIllegalStateException()
				.isThrownBy(() -> down.search().operations(this.from, this.to, null, null));
		}
	}

	private static AuditRecord call(Instant time, String application, String requestedModel, String modelVersion,
			String decision, String outcome, List<String> rules, List<String> detectorTypes, long in, long out,
			double latencyMs, Double energyWh) {
		List<AuditRecord.DetectorHit> hits = detectorTypes.stream()
			.map((type) -> new AuditRecord.DetectorHit("request", type, 0, 5, 0.9))
			.toList();
		AuditRecord.Inference inference = new AuditRecord.Inference(requestedModel, modelVersion, "default", "up",
				"pack-1", rules, decision, hits, new AuditRecord.Content("hello", "hello"),
				new AuditRecord.Content("hi", "hi"), in, out,
				new AuditRecord.Latency(latencyMs, latencyMs - 5, 1, null), energyWh,
				"error".equals(decision) ? 502 : 200, "error".equals(decision) ? "server_error" : null,
				"error".equals(decision) ? "upstream_error" : null, false, null, 0, null);
		return new AuditRecord(time, "req", "inference", "chat.completions", outcome,
				new AuditRecord.Actor("key-" + application, application, "bob", null, "10.0.0.7"), inference, Map.of());
	}

}
