package dev.aigov.bench.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import dev.aigov.audit.AuditOperations;
import dev.aigov.audit.AuditPipeline;
import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditVerification;
import dev.aigov.eslauncher.ElasticsearchSettings;
import dev.aigov.eslauncher.EmbeddedElasticsearch;
import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.CompletenessService;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeReader;
import dev.aigov.reports.AuditOperationsSource;
import dev.aigov.reports.FindingsSource;
import dev.aigov.reports.OperationsScope;
import dev.aigov.reports.OperationsSource;
import dev.aigov.reports.ReportService;
import dev.aigov.reports.ReportsProperties;
import dev.aigov.reports.StoredReport;
import dev.aigov.sbom.BomValidator;
import dev.aigov.sbom.MlBomGenerator;
import dev.aigov.sbom.MlBomService;
import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.SigningKeys;
import dev.aigov.signing.SigningProperties;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The monthly operations report over N audit records (target: 1,000,000 in at most 30 s).
 * Loads N synthetic inference records through the real pipeline (journal, hash chain,
 * checkpoints, bulk shipping), their event times spread evenly over the 30 days before
 * the load, then times separately: the operations aggregation (one search), the chain
 * verification of the period (reads every record back), and the whole report
 * (aggregation, verification, JSON, HTML, PDF, signed manifest).
 *
 * <pre>
 * mvn -B -q -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp -Dspring-javaformat.skip=true
 * java -Xmx2g -cp bench/target/classes:$(cat /tmp/bench.cp) dev.aigov.bench.reports.OperationsReportBenchmark \
 *   /tmp/opsbench embedded 1000000
 * </pre>
 */
public final class OperationsReportBenchmark {

	private static final String[] VERSIONS = { "https://aigov.dev/id/model-version/chatbot-2",
			"https://aigov.dev/id/model-version/summariser-1", "https://aigov.dev/id/model-version/llama-onprem-3",
			null };

	private OperationsReportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Files.createDirectories(Path.of(args[0]));
		String url = args[1];
		int count = Integer.parseInt(args[2]);
		EmbeddedElasticsearch embedded = null;
		if ("embedded".equals(url)) {
			embedded = new EmbeddedElasticsearch(
					ElasticsearchSettings.builder(Path.of("target/es-cache").toAbsolutePath(), work.resolve("es"))
						.heap("1g")
						.build())
				.start();
			url = embedded.url();
		}
		Path run = work.resolve("run-" + System.nanoTime());
		SigningKeys keys = SigningKeys
			.open(new SigningProperties(run.resolve("keys/signing.p12"), "bench-password", JsfAlgorithm.ED25519));
		try (AuditPipeline pipeline = AuditPipeline.builder(run.resolve("journal"))
			.content(ContentMode.REDACTED, run.resolve("content.key"))
			.elasticsearch(url)
			.indexPrefix("bench-ops")
			.signingKeys(keys)
			.shipping(true, 2000, Duration.ofMillis(200))
			.build(); GraphStores stores = new GraphStores(GraphStoreProperties.embedded(run.resolve("tdb2")))) {
			Instant loadStart = Instant.now();
			load(pipeline, count, loadStart.minus(Duration.ofDays(30)), Duration.ofDays(30));
			// the month of event times, and the minutes of appends after it (the chain is
			// verified by
			// append time)
			Instant from = loadStart.minus(Duration.ofDays(30));
			Instant to = Instant.now().plusSeconds(60);
			System.out.printf("loaded %,d records through the pipeline in %.1f s (%.0f records/s)%n", count,
					Duration.between(loadStart, Instant.now()).toMillis() / 1000.0,
					count / (Duration.between(loadStart, Instant.now()).toMillis() / 1000.0));

			for (int i = 0; i < 3; i++) {
				long begin = System.nanoTime();
				AuditOperations ops = pipeline.search().operations(from, to, null, null);
				System.out.printf(
						"aggregation %d: %.0f ms  calls=%,d in=%,d out=%,d blocked=%,d redacted=%,d "
								+ "rerouted=%,d failed=%,d energy=%.1f Wh water=%.1f ml latency=%s%n",
						i + 1, ms(begin), ops.calls(), ops.inputTokens(), ops.outputTokens(), ops.blocked(),
						ops.redacted(), ops.rerouted(), ops.failed(), ops.energyWh(), ops.waterMl(), ops.latencyMs());
				if (i == 0) {
					System.out.println("  detectors " + ops.redactionsByDetector());
					System.out.println("  top rules " + ops.topRules());
					ops.breakdown().forEach((b) -> System.out.println("  " + b));
				}
			}
			long begin = System.nanoTime();
			AuditOperations one = pipeline.search().operations(from, to, "app-2", VERSIONS[0]);
			System.out.printf("aggregation for one application and one model version: %.0f ms, calls=%,d%n", ms(begin),
					one.calls());

			begin = System.nanoTime();
			AuditVerification verification = pipeline.verifier().verify(from, to);
			System.out.printf("chain verification alone: %.1f s, %,d records, intact=%s (%.0f records/s)%n",
					ms(begin) / 1000, verification.records(), verification.intact(),
					verification.records() / (ms(begin) / 1000));

			RegistryService registry = new RegistryService(stores);
			ResumeReader reader = new ResumeReader(registry, stores);
			StaticListableBeanFactory beans = new StaticListableBeanFactory();
			beans.addBean("operations", new AuditOperationsSource(pipeline.search(), pipeline.verifier()));
			ReportService reports = new ReportService(reader, registry, new CompletenessService(reader),
					new MlBomService(reader, keys, new MlBomGenerator(), new BomValidator()), keys,
					beans.getBeanProvider(FindingsSource.class), beans.getBeanProvider(OperationsSource.class),
					(event) -> {
					}, new ReportsProperties(run.resolve("reports"), null));
			begin = System.nanoTime();
			StoredReport report = reports.generateOperations(new OperationsScope(from, to, null, null),
					"bench.auditor");
			System.out.printf("whole operations report (aggregation + chain verification + JSON/HTML/PDF + "
					+ "signed manifest): %.1f s, report %s  [target <= 30 s]%n", ms(begin) / 1000, report.id());
		}
		finally {
			if (embedded != null) {
				embedded.stop();
			}
		}
	}

	private static void load(AuditPipeline pipeline, int count, Instant start, Duration span) throws Exception {
		long stepNanos = span.toNanos() / count;
		int threads = 16;
		AtomicLong next = new AtomicLong();
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			Thread.ofPlatform().start(() -> {
				long i;
				while ((i = next.getAndIncrement()) < count) {
					pipeline.log().append(record((int) i, start.plusNanos(i * stepNanos)));
					if (i % 100_000 == 0) {
						pipeline.checkpoint();
					}
				}
				done.countDown();
			});
		}
		done.await();
		pipeline.checkpoint();
		if (!pipeline.awaitShipped(Duration.ofMinutes(30), true)) {
			throw new IllegalStateException("not shipped within 30 minutes");
		}
	}

	/**
	 * A synthetic call: five applications, four model versions (one unresolved), 80 %
	 * allowed, 10 % redacted, 5 % blocked, 3 % rerouted, 2 % failed upstream.
	 */
	static AuditRecord record(int i, Instant time) {
		int kind = i % 100;
		String decision = (kind < 80) ? "allow"
				: (kind < 90) ? "redact" : (kind < 95) ? "block" : (kind < 98) ? "reroute" : "error";
		List<String> rules = switch (decision) {
			case "redact" -> (i % 2 == 0) ? List.of("privacy.email.redact") : List.of("privacy.tw-id.redact");
			case "block" -> List.of("security.prompt-injection.block");
			case "reroute" -> List.of("sovereignty.confidential.onprem");
			default -> List.of();
		};
		List<AuditRecord.DetectorHit> hits = switch (decision) {
			case "redact" -> List
				.of(new AuditRecord.DetectorHit("request", (i % 2 == 0) ? "EMAIL" : "TW_NATIONAL_ID", 10, 20, 0.99));
			case "block" -> List.of(new AuditRecord.DetectorHit("request", "PROMPT_INJECTION", 0, 30, 0.9));
			default -> List.of();
		};
		String version = VERSIONS[i % VERSIONS.length];
		String text = "Summarise ticket " + i;
		AuditRecord.Inference inference = new AuditRecord.Inference((version != null) ? "gpt-4o-mini" : "mystery-model",
				version, "default", "openai", "pack-3f2a", rules, decision, hits, new AuditRecord.Content(text, text),
				new AuditRecord.Content("Done.", "Done."), 40 + i % 60, "block".equals(decision) ? 0 : 10 + i % 30,
				new AuditRecord.Latency(100 + (i * 37L) % 1900, 90, 1.5, null), 0.3,
				"error".equals(decision) ? 502 : 200, "error".equals(decision) ? "upstream_error" : null, false);
		return new AuditRecord(time, "req-" + i, "inference", "chat.completions",
				"error".equals(decision) ? "failure" : "success",
				new AuditRecord.Actor("key-" + (i % 5), "app-" + (i % 5), "user-" + (i % 100), null, "10.1.2.3"),
				inference, Map.of());
	}

	private static double ms(long beginNanos) {
		return (System.nanoTime() - beginNanos) / 1e6;
	}

}
