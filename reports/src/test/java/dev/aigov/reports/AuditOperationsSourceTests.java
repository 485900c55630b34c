package dev.aigov.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aigov.audit.AuditOperations;
import dev.aigov.audit.AuditPage;
import dev.aigov.audit.AuditQuery;
import dev.aigov.audit.AuditSearch;
import dev.aigov.audit.AuditStatistics;
import dev.aigov.audit.AuditVerification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** How the audit log's aggregation and verification become the report's figures. */
class AuditOperationsSourceTests {

	private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

	private final List<String> asked = new ArrayList<>();

	private AuditSearch search(AuditOperations answer) {
		return new AuditSearch() {

			@Override
			public AuditPage search(AuditQuery query) {
				throw new UnsupportedOperationException();
			}

			@Override
			public AuditStatistics statistics(Instant from, Instant to, Duration interval) {
				throw new UnsupportedOperationException();
			}

			@Override
			public AuditOperations operations(Instant from, Instant to, String application, String model) {
				AuditOperationsSourceTests.this.asked.add(from + " " + to + " " + application + " " + model);
				if (answer == null) {
					throw new IllegalStateException("aggregating the operations figures failed: unreachable");
				}
				return answer;
			}

		};
	}

	private static final AuditOperations OPS = new AuditOperations(FROM, TO, 30, 514, 187, 4, 6, 7, 3,
			Map.of("upstream_timeout", 2L, "content_filter", 1L), Map.of("EMAIL", 6L),
			List.of(new AuditStatistics.Count("privacy.email", 6)), Map.of("p50", 100.0, "p95", 300.0, "p99", 990.0),
			16, 28.8, List.of(new AuditOperations.Breakdown("crm", "https://aigov.dev/id/model-version/chatbot-2", 19,
					265, 98, 3, 6, 8), new AuditOperations.Breakdown("hr", "llama-3-8b", 11, 249, 89, 1, 0, 8)));

	@Test
	void figuresCarryTheAggregationAndTheChainWithVersionIdsNotIris() {
		AuditVerification intact = new AuditVerification(FROM, TO, true, 31,
				List.of(new AuditVerification.Stream("s1", 1, 31, 2, 31)), List.of(), 5);
		OperationsFigures figures = new AuditOperationsSource(search(OPS), (from, to) -> intact)
			.figures(new OperationsScope(FROM, TO, "crm", "chatbot-2"));
		assertThat(this.asked).containsExactly(FROM + " " + TO + " crm https://aigov.dev/id/model-version/chatbot-2");
		assertThat(figures.calls()).isEqualTo(30);
		assertThat(figures.promptTokens()).isEqualTo(514);
		assertThat(figures.completionTokens()).isEqualTo(187);
		assertThat(figures.blocked()).isEqualTo(4);
		assertThat(figures.rerouted()).isEqualTo(7);
		assertThat(figures.failed()).isEqualTo(3);
		assertThat(figures.failuresByCause()).isEqualTo(Map.of("upstream_timeout", 2L, "content_filter", 1L));
		assertThat(figures.redactions()).isEqualTo(Map.of("EMAIL", 6L));
		assertThat(figures.topRules()).containsExactly(new OperationsFigures.RuleCount("privacy.email", 6));
		assertThat(figures.latencyMs()).containsEntry("p99", 990.0);
		assertThat(figures.breakdown()).containsExactly(
				new OperationsFigures.Breakdown("crm", "chatbot-2", 19, 363, 3, 6),
				new OperationsFigures.Breakdown("hr", "unresolved: llama-3-8b", 11, 338, 1, 0));
		assertThat(figures.chain()).isEqualTo(new OperationsFigures.ChainVerification(true, 31, 2, null,
				"Intact: 31 records in 1 hash chains verified, 2 signed checkpoints verified."));
	}

	@Test
	void aBrokenChainNamesTheFirstBrokenRecord() {
		AuditVerification broken = new AuditVerification(FROM, TO, false, 31, List.of(),
				List.of(new AuditVerification.Discrepancy(AuditVerification.Kind.DELETED, "rec-7", "s1", 7,
						"record 7 is missing"),
						new AuditVerification.Discrepancy(AuditVerification.Kind.MODIFIED, "rec-9", "s1", 9, "x")),
				5);
		OperationsFigures.ChainVerification chain = new AuditOperationsSource(search(OPS), (from, to) -> broken)
			.figures(new OperationsScope(FROM, TO, null, null))
			.chain();
		assertThat(chain.verified()).isFalse();
		assertThat(chain.firstBrokenRecord()).isEqualTo("rec-7");
		assertThat(chain.reason()).contains("2 discrepancies", "DELETED", "record 7 is missing");
	}

	@Test
	void whenElasticsearchCannotAnswerNoFigureIsMadeUp() {
		assertThatIllegalStateException().isThrownBy(() -> new AuditOperationsSource(search(null), (from, to) -> {
			throw new AssertionError("not reached");
		}).figures(new OperationsScope(FROM, TO, null, null)));
	}

}
