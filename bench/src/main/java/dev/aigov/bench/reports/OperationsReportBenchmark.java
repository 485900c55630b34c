package dev.aigov.bench.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 *   /tmp/opsbench embedded 1000000 [reuse]
 * </pre> With {@code reuse}, a work directory that already holds N loaded records (its
 * Elasticsearch data, signing keys and {@code loaded.properties}) is measured again
 * without loading: loading a million records takes minutes.
 * {@code -Dbench.verifications=N} (default 2) repeats the verification alone;
 * {@code -Dbench.report=false} leaves out the whole report. Each verification prints its
 * CPU time and Elasticsearch's.
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
						// A reused index may replay a long translog on a busy machine.
						.startupTimeout(Duration.ofMinutes(10))
						.build())
				.start();
			url = embedded.url();
		}
		Path run = work.resolve("run-" + System.nanoTime());
		// The keys outlive a run: a reused load's checkpoints were signed with them.
		SigningKeys keys = SigningKeys
			.open(new SigningProperties(work.resolve("keys/signing.p12"), "bench-password", JsfAlgorithm.ED25519));
		Path loaded = work.resolve("loaded.properties");
		boolean reuse = args.length > 3 && "reuse".equals(args[3]);
		try (AuditPipeline pipeline = AuditPipeline.builder(run.resolve("journal"))
			.content(ContentMode.REDACTED, run.resolve("content.key"))
			.elasticsearch(url)
			.indexPrefix("bench-ops")
			.signingKeys(keys)
			.shipping(true, 2000, Duration.ofMillis(200))
			.build(); GraphStores stores = new GraphStores(GraphStoreProperties.embedded(run.resolve("tdb2")))) {
			Instant from;
			Instant to;
			if (reuse) {
				Properties previous = new Properties();
				try (var in = Files.newBufferedReader(loaded)) {
					previous.load(in);
				}
				if (Integer.parseInt(previous.getProperty("count")) != count) {
					throw new IllegalStateException(work + " holds " + previous.getProperty("count") + " records");
				}
				from = Instant.parse(previous.getProperty("from"));
				to = Instant.parse(previous.getProperty("to"));
				System.out.printf("reusing %,d records loaded into %s%n", count, work);
			}
			else {
				Instant loadStart = Instant.now();
				load(pipeline, count, loadStart.minus(Duration.ofDays(30)), Duration.ofDays(30));
				// The month of event times, and the minutes of appends after it (the
				// chain
				// is verified by append time).
				from = loadStart.minus(Duration.ofDays(30));
				to = Instant.now().plusSeconds(60);
				System.out.printf("loaded %,d records through the pipeline in %.1f s (%.0f records/s)%n", count,
						Duration.between(loadStart, Instant.now()).toMillis() / 1000.0,
						count / (Duration.between(loadStart, Instant.now()).toMillis() / 1000.0));
				Properties written = new Properties();
				written.setProperty("count", Integer.toString(count));
				written.setProperty("from", from.toString());
				written.setProperty("to", to.toString());
				try (var out = Files.newBufferedWriter(loaded)) {
					written.store(out, "loaded by OperationsReportBenchmark");
				}
			}

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

			long esPid = (embedded != null) ? embedded.pid() : -1;
			for (int i = 0; i < Integer.getInteger("bench.verifications", 2); i++) {
				begin = System.nanoTime();
				double ownCpu = cpuSeconds(ProcessHandle.current().pid());
				double esCpu = cpuSeconds(esPid);
				AuditVerification verification = pipeline.verifier().verify(from, to);
				System.out.printf(
						"chain verification alone %d: %.1f s, %,d records, %d streams, %d checkpoints, intact=%s "
								+ "(%.0f records/s); CPU: verifier %.1f s, Elasticsearch %.1f s%n",
						i + 1, ms(begin) / 1000, verification.records(), verification.streams().size(),
						verification.streams().stream().mapToInt(AuditVerification.Stream::checkpointsVerified).sum(),
						verification.intact(), verification.records() / (ms(begin) / 1000),
						cpuSeconds(ProcessHandle.current().pid()) - ownCpu, cpuSeconds(esPid) - esCpu);
			}

			if (!Boolean.parseBoolean(System.getProperty("bench.report", "true"))) {
				return;
			}
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
				"error".equals(decision) ? 502 : 200, "error".equals(decision) ? "server_error" : null,
				"error".equals(decision) ? "upstream_error" : null, false, null, 0, null);
		return new AuditRecord(time, "req-" + i, "inference", "chat.completions",
				"error".equals(decision) ? "failure" : "success",
				new AuditRecord.Actor("key-" + (i % 5), "app-" + (i % 5), "user-" + (i % 100), null, "10.1.2.3"),
				inference, Map.of());
	}

	/**
	 * CPU seconds a process has used (user and system), from {@code /proc}; NaN where
	 * unknown. On a shared machine wall time says little; CPU time says what the work
	 * costs.
	 */
	private static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (java.io.IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	private static double ms(long beginNanos) {
		return (System.nanoTime() - beginNanos) / 1e6;
	}

}
