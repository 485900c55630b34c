package dev.aigov.bench.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.audit.AuditLog.AuditReceipt;
import dev.aigov.audit.AuditPipeline;
import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditVerification;
import dev.aigov.eslauncher.ElasticsearchSettings;
import dev.aigov.eslauncher.EmbeddedElasticsearch;
import dev.aigov.signing.SigningKeys;
import dev.aigov.signing.SigningProperties;

/**
 * The audit pipeline's performance targets, measured and printed:
 * <ol>
 * <li>{@code append}: journal append latency (p50, p99) at a paced 1,000 calls/s (target:
 * p50 at most 0.2 ms);</li>
 * <li>{@code throughput}: sustained 5,000 records/s into Elasticsearch with the lag from
 * append to searchable (target: p99 at most 2 s);</li>
 * <li>{@code verify}: verification of N records read back from Elasticsearch (target: 1
 * million in at most 60 s).</li>
 * </ol>
 * Arguments: {@code <work dir> <es url | embedded | none> [append] [journal] [throughput]
 * [throughput=N] [verify=N] [linger=MS] [warmup=S]}. With {@code embedded} it starts its
 * own Elasticsearch (distribution cache {@code target/es-cache}); {@code journal}
 * measures the append latency with shipping off (as {@code append} does with it on), and
 * needs no Elasticsearch ({@code none}); {@code linger=MS} sets the shipper's linger
 * ({@code aigov.audit.shipping.linger}, default 20 ms) for every phase.
 */
public final class AuditBenchmark {

	/** The shipper's linger for this run's pipelines; {@code null}: the default. */
	private static Duration linger;

	/**
	 * Seconds of paced appends before the clock of the {@code append} and {@code journal}
	 * phases starts ({@code warmup=S}, default 10; 0 for the 2,000 unpaced appends alone,
	 * as before). The benchmark starts its Elasticsearch seconds before the phase: in its
	 * first 15 s at 1,000 records/s Elasticsearch spent 0.6-1.5 cores (JIT) against
	 * 0.3-0.45 after, on the two cores the appends need; an appliance's Elasticsearch has
	 * been running for hours.
	 */
	private static int warmupSeconds = 10;

	private AuditBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Files.createDirectories(Path.of(args[0]));
		EmbeddedElasticsearch embedded = null;
		String url = args[1];
		if ("none".equals(url)) {
			// Only the journal phase runs without Elasticsearch; nothing is shipped.
			url = "http://127.0.0.1:9";
		}
		else if ("embedded".equals(url)) {
			embedded = new EmbeddedElasticsearch(
					ElasticsearchSettings.builder(Path.of("target/es-cache").toAbsolutePath(), work.resolve("es"))
						.heap("1g")
						.build())
				.start();
			url = embedded.url();
		}
		try {
			List<String> phases = Arrays.asList(args).subList(2, args.length);
			for (String phase : phases) {
				if (phase.startsWith("warmup=")) {
					warmupSeconds = Integer.parseInt(phase.substring("warmup=".length()));
				}
				if (phase.startsWith("linger=")) {
					linger = Duration.ofMillis(Long.parseLong(phase.substring("linger=".length())));
					System.out.println("shipper linger " + linger.toMillis() + " ms");
				}
			}
			SigningKeys keys = SigningKeys.open(SigningProperties.of(work.resolve("keys/signing.p12")));
			if (phases.contains("append")) {
				append(work, url, keys);
			}
			if (phases.contains("journal")) {
				journal(work, keys);
			}
			if (phases.contains("throughput")) {
				throughput(work, url, keys, 5_000, 30);
			}
			for (String phase : phases) {
				if (phase.startsWith("throughput=")) {
					throughput(work, url, keys, Integer.parseInt(phase.substring("throughput=".length())), 30);
				}
				if (phase.startsWith("verify=")) {
					verify(work, url, keys, Integer.parseInt(phase.substring("verify=".length())));
				}
			}
		}
		finally {
			if (embedded != null) {
				embedded.stop();
			}
		}
	}

	private static AuditPipeline pipeline(Path work, String name, String url, SigningKeys keys) throws IOException {
		Path dir = work.resolve(name + "-" + System.nanoTime());
		AuditPipeline.Builder builder = AuditPipeline.builder(dir.resolve("journal"))
			.content(ContentMode.REDACTED, work.resolve("content.key"))
			.elasticsearch(url)
			.indexPrefix("bench-" + name)
			.signingKeys(keys)
			.shipping(true, 2000, Duration.ofMillis(200));
		if (linger != null) {
			builder.linger(linger);
		}
		return builder.build();
	}

	/** A typical inference record: one detector hit, redacted prompt, short response. */
	static AuditRecord record(int i) {
		String raw = "Summarise the meeting notes for customer alice@example.com, ticket " + i;
		String redacted = "Summarise the meeting notes for customer [EMAIL], ticket " + i;
		AuditRecord.Inference inference = new AuditRecord.Inference("gpt-4o-mini",
				"https://aigov.dev/id/model-version/chatbot-2", "default", "openai", "pack-3f2a",
				List.of("privacy.email.redact"), "redact",
				List.of(new AuditRecord.DetectorHit("request", "EMAIL", 41, 58, 0.99)),
				new AuditRecord.Content(raw, redacted),
				new AuditRecord.Content("The meeting agreed three actions.", "The meeting agreed three actions."), 48,
				12, new AuditRecord.Latency(812.4, 790.1, 1.7, null), 0.31, 200, null, null, false, null, 0, null);
		return new AuditRecord(Instant.now(), "req-" + i, "inference", "chat.completions", "success",
				new AuditRecord.Actor("key-" + (i % 7), "app-" + (i % 5), "user-" + (i % 100), null, "10.1.2.3"),
				inference, Map.of());
	}

	private static void append(Path work, String url, SigningKeys keys) throws Exception {
		// Indices of this run only, created with this run's templates: an index left by
		// an earlier run keeps the settings it was created with, and grows run by run.
		// ("ap", not "append": the earlier runs' "bench-append-*" would overlap.)
		try (AuditPipeline pipeline = pipeline(work, "ap" + Long.toString(System.currentTimeMillis(), 36), url, keys)) {
			appendLatency(pipeline, "append", "shipping on", "  [target p50 <= 0.2 ms]");
		}
	}

	/**
	 * Warms the pipeline with 2,000 appends and {@link #warmupSeconds} at the measured
	 * rate, then appends at 1,000 calls/s from 16 threads for 20 s and prints the
	 * latencies (each from the append to its durable acknowledgement).
	 */
	private static void appendLatency(AuditPipeline pipeline, String what, String shipping, String target)
			throws InterruptedException {
		int rate = 1_000;
		int seconds = 20;
		int threads = 16;
		for (int i = 0; i < 2_000; i++) {
			pipeline.log().append(record(i));
		}
		if (warmupSeconds > 0) {
			paced(pipeline, rate, warmupSeconds, threads, null);
		}
		String loadBefore = loadAverage();
		long[] latencies = paced(pipeline, rate, seconds, threads, null);
		Arrays.sort(latencies);
		System.out.printf(
				"%s at %,d calls/s (%d threads, %d s after %d s warm-up, %,d calls, %s): p50 %.3f ms, p90 %.3f ms, "
						+ "p99 %.3f ms, max %.3f ms%s; load average %s before, %s after%n",
				what, rate, threads, seconds, warmupSeconds, latencies.length, shipping, ms(latencies, 0.50),
				ms(latencies, 0.90), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6, target, loadBefore,
				loadAverage());
	}

	/**
	 * The append latency of the journal alone at 1,000 calls/s: shipping off, so neither
	 * Elasticsearch nor the shipper share the cores; what remains is mapping, hashing,
	 * writing and waiting for the sync.
	 */
	private static void journal(Path work, SigningKeys keys) throws Exception {
		Path dir = work.resolve("journal-" + System.nanoTime());
		try (AuditPipeline pipeline = AuditPipeline.builder(dir.resolve("journal"))
			.content(ContentMode.REDACTED, work.resolve("content.key"))
			.elasticsearch("http://127.0.0.1:9")
			.signingKeys(keys)
			.shipping(false, 2000, Duration.ofMillis(200))
			.build()) {
			appendLatency(pipeline, "journal append", "shipping off", "");
		}
	}

	/**
	 * Appends at a fixed total rate from several threads, each call at its scheduled
	 * time; returns the append latencies (ns). Records append-return times by sequence
	 * when {@code returned} is given.
	 */
	private static long[] paced(AuditPipeline pipeline, int rate, int seconds, int threads, long[] returned)
			throws InterruptedException {
		int total = rate * seconds;
		long[] latencies = new long[total];
		AtomicLong next = new AtomicLong();
		long start = System.nanoTime() + 50_000_000;
		long interval = 1_000_000_000L / rate;
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			Thread.ofPlatform().start(() -> {
				long i;
				while ((i = next.getAndIncrement()) < total) {
					long due = start + i * interval;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					// The record is the caller's (the proxy builds it from the call); the
					// clock runs from the append to its durable acknowledgement.
					AuditRecord record = record((int) i);
					long begin = System.nanoTime();
					AuditReceipt receipt = pipeline.log().append(record);
					long end = System.nanoTime();
					latencies[(int) i] = end - begin;
					if (returned != null && receipt.sequence() < returned.length) {
						returned[(int) receipt.sequence()] = System.currentTimeMillis();
					}
				}
				done.countDown();
			});
		}
		done.await();
		return latencies;
	}

	private static void throughput(Path work, String url, SigningKeys keys, int rate, int seconds) throws Exception {
		int total = rate * seconds;
		// Sequence 1 is the warm-up record; the paced ones are 2 .. total + 1.
		long[] returned = new long[total + 2];
		long[] searchable = new long[total + 2];
		// Indices of this run only: the poller reads the highest sequence in them, and an
		// earlier run's records in the same work directory would count as searchable at
		// once. (Not "throughput-<run>": the earlier runs' template "bench-throughput-*"
		// would overlap this run's, and Elasticsearch refuses overlapping templates.)
		String name = "tp" + Long.toString(System.currentTimeMillis(), 36);
		String prefix = "bench-" + name;
		try (AuditPipeline pipeline = pipeline(work, name, url, keys)) {
			// Templates installed and the month's index created before the clock starts:
			// the lag measured is the steady state's, not the first index creation's.
			pipeline.log().append(record(-1));
			if (!pipeline.awaitShipped(Duration.ofMinutes(1), true)) {
				throw new IllegalStateException("the warm-up record was not shipped within a minute");
			}
			Poller poller = new Poller(url, prefix, searchable);
			Thread polling = Thread.ofPlatform().daemon().start(poller);
			String loadBefore = loadAverage();
			long begin = System.nanoTime();
			long[] latencies = paced(pipeline, rate, seconds, 32, returned);
			double appendSeconds = (System.nanoTime() - begin) / 1e9;
			long deadline = System.currentTimeMillis() + 60_000;
			while (poller.max < total + 1 && System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
			double allSearchable = (System.nanoTime() - begin) / 1e9;
			poller.stop = true;
			polling.join();
			long[] lags = new long[total];
			int missing = 0;
			for (int seq = 2; seq <= total + 1; seq++) {
				if (searchable[seq] == 0) {
					missing++;
					lags[seq - 2] = Long.MAX_VALUE / 2;
				}
				else {
					lags[seq - 2] = (searchable[seq] - returned[seq]) * 1_000_000L;
				}
			}
			Arrays.sort(lags);
			Arrays.sort(latencies);
			System.out.printf("throughput: %,d records at a paced %,d/s took %.1f s to append (%.0f records/s), all "
					+ "searchable after %.1f s (%,d never seen); lag append->searchable p50 %.0f ms, p99 %.0f ms, max "
					+ "%.0f ms  [target >= 5,000/s, p99 <= 2,000 ms]; append p50 %.3f ms p99 %.3f ms; load average %s "
					+ "before, %s after%n", total, rate, appendSeconds, total / appendSeconds, allSearchable, missing,
					ms(lags, 0.5), ms(lags, 0.99), lags[lags.length - 1] / 1e6, ms(latencies, 0.5), ms(latencies, 0.99),
					loadBefore, loadAverage());
		}
	}

	private static void verify(Path work, String url, SigningKeys keys, int count) throws Exception {
		Instant from = Instant.now().minusSeconds(1);
		try (AuditPipeline pipeline = pipeline(work, "verify", url, keys)) {
			long begin = System.nanoTime();
			int threads = 16;
			AtomicLong next = new AtomicLong();
			CountDownLatch done = new CountDownLatch(threads);
			for (int t = 0; t < threads; t++) {
				Thread.ofPlatform().start(() -> {
					long i;
					while ((i = next.getAndIncrement()) < count) {
						pipeline.log().append(record((int) i));
						if (i % 100_000 == 0) {
							pipeline.checkpoint();
						}
					}
					done.countDown();
				});
			}
			done.await();
			pipeline.checkpoint();
			double appended = (System.nanoTime() - begin) / 1e9;
			if (!pipeline.awaitShipped(Duration.ofMinutes(30), true)) {
				throw new IllegalStateException("not shipped within 30 minutes");
			}
			double shipped = (System.nanoTime() - begin) / 1e9;
			System.out.printf("loaded %,d records: appended in %.1f s, all indexed after %.1f s (%.0f records/s)%n",
					count, appended, shipped, count / shipped);
			AuditVerification verification = pipeline.verifier().verify(from, Instant.now().plusSeconds(60));
			System.out.printf(
					"verify: %,d records, %d streams, %d checkpoints verified, intact=%s, %d discrepancies "
							+ "in %.1f s (%.0f records/s)  [target 1,000,000 in <= 60 s]%n",
					verification.records(), verification.streams().size(),
					verification.streams().stream().mapToInt(AuditVerification.Stream::checkpointsVerified).sum(),
					verification.intact(), verification.discrepancies().size(), verification.tookMs() / 1000.0,
					verification.records() / (verification.tookMs() / 1000.0));
		}
	}

	/**
	 * The 1, 5 and 15 minute load averages, from {@code /proc/loadavg} where there is
	 * one.
	 */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static double ms(long[] sortedNanos, double quantile) {
		return sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * quantile))] / 1e6;
	}

	/** Asks Elasticsearch every 100 ms for the highest searchable sequence. */
	private static final class Poller implements Runnable {

		private static final Pattern MAX = Pattern.compile("\"max\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*([0-9.Ee+]+)");

		private final HttpClient client = HttpClient.newHttpClient();

		private final String url;

		private final String prefix;

		private final long[] searchable;

		volatile long max;

		volatile boolean stop;

		Poller(String url, String prefix, long[] searchable) {
			this.url = url;
			this.prefix = prefix;
			this.searchable = searchable;
		}

		@Override
		public void run() {
			String body = "{\"size\":0,\"track_total_hits\":false,\"aggs\":{\"max\":{\"max\":{\"field\":\"aigov.chain.sequence\"}}}}";
			while (!this.stop) {
				try {
					HttpResponse<String> response = this.client.send(HttpRequest
						.newBuilder(URI.create(this.url + "/" + this.prefix + "-*/_search?allow_no_indices=true"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(), HttpResponse.BodyHandlers.ofString());
					long now = System.currentTimeMillis();
					Matcher matcher = MAX.matcher(response.body());
					if (matcher.find()) {
						long seen = (long) Double.parseDouble(matcher.group(1));
						for (long seq = this.max + 1; seq <= Math.min(seen, this.searchable.length - 1); seq++) {
							this.searchable[(int) seq] = now;
						}
						this.max = Math.max(this.max, seen);
					}
					Thread.sleep(100);
				}
				catch (IOException | RuntimeException ex) {
					// Not there yet.
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

	}

}
