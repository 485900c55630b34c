package dev.aigov.bench.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate of 1 KB chat prompts, first straight at the stub
 * upstream, then through the proxy, and the difference between the two: the latency the
 * proxy adds. Latency is measured from each request's scheduled start, so a stalled
 * server cannot hide its queue (no coordinated omission). Then the rate is raised step by
 * step to find the highest the proxy sustains (no errors, p99 under the bound, throughput
 * kept). Prints its figures.
 * <p>
 * Arguments ({@code --name value}): {@code proxy} (base URL, e.g.
 * {@code http://127.0.0.1:8080/v1}), {@code key} (application key), {@code model},
 * {@code stub-port} (the stub is started here unless {@code direct} names a running one),
 * {@code rate} (1000), {@code seconds} (30), {@code warmup} (10), {@code proxy-pid} (to
 * report the proxy's memory), {@code max-rate} (8000, 0 to skip the search),
 * {@code p99-bound-ms} (50).
 */
public final class ProxyLoadBenchmark {

	private static final String PROMPT = prompt(1024);

	private ProxyLoadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String proxy = required(options, "proxy");
		String key = required(options, "key");
		String model = options.getOrDefault("model", "support-bot");
		int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
		int maxRate = Integer.parseInt(options.getOrDefault("max-rate", "8000"));
		double bound = Double.parseDouble(options.getOrDefault("p99-bound-ms", "50"));
		StubUpstream stub = null;
		String direct = options.get("direct");
		if (direct == null) {
			stub = new StubUpstream(Integer.parseInt(options.getOrDefault("stub-port", "18089")));
			direct = "http://127.0.0.1:" + stub.port() + "/v1";
		}
		byte[] body = ("{\"model\":\"" + model + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
				+ PROMPT + "\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		System.out.printf(Locale.ROOT, "Prompt %d bytes, rate %d req/s, %d s measured after %d s warm-up%n",
				body.length, rate, seconds, warmup);
		Target stubTarget = new Target("stub", direct + "/chat/completions", null);
		Target proxyTarget = new Target("proxy", proxy + "/chat/completions", key);
		run(client, stubTarget, body, rate, warmup);
		Result directResult = run(client, stubTarget, body, rate, seconds);
		run(client, proxyTarget, body, rate, warmup);
		long cpuBefore = cpuMillis(options.get("proxy-pid"));
		Result proxied = run(client, proxyTarget, body, rate, seconds);
		long cpuAfter = cpuMillis(options.get("proxy-pid"));
		System.out.println(directResult);
		System.out.println(proxied);
		System.out.printf(Locale.ROOT, "added latency: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms%n",
				proxied.p(50) - directResult.p(50), proxied.p(90) - directResult.p(90),
				proxied.p(99) - directResult.p(99));
		if (cpuBefore >= 0) {
			System.out.printf(Locale.ROOT, "proxy process CPU: %.3f ms per call (%d calls)%n",
					(double) (cpuAfter - cpuBefore) / ((long) rate * seconds), (long) rate * seconds);
		}
		memory(options.get("proxy-pid"));
		if (maxRate > rate) {
			int sustained = 0;
			for (int step = rate; step <= maxRate; step *= 2) {
				run(client, proxyTarget, body, step, 3);
				Result result = run(client, proxyTarget, body, step, 10);
				System.out.println(result);
				if (result.errors() > 0 || result.p(99) > bound || result.achieved() < step * 0.95) {
					break;
				}
				sustained = step;
			}
			System.out.printf(Locale.ROOT,
					"max sustained rate (doubling from %d, p99 <= %.0f ms, no errors): %d req/s%n", rate, bound,
					sustained);
			memory(options.get("proxy-pid"));
		}
		if (stub != null) {
			stub.close();
		}
		System.exit(0);
	}

	/** Sends {@code rate * seconds} requests on schedule and collects their latencies. */
	static Result run(HttpClient client, Target target, byte[] body, int rate, int seconds)
			throws InterruptedException {
		int total = rate * seconds;
		long[] latencies = new long[total];
		AtomicInteger errors = new AtomicInteger();
		java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
		Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
		long interval = 1_000_000_000L / rate;
		HttpRequest.Builder template = HttpRequest.newBuilder(URI.create(target.url()))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json");
		if (target.key() != null) {
			template.header("Authorization", "Bearer " + target.key());
		}
		HttpRequest request = template.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		long start = System.nanoTime() + 10_000_000L;
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < total; i++) {
				long scheduled = start + i * interval;
				long wait = scheduled - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				int index = i;
				executor.execute(() -> {
					try {
						HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
						if (response.statusCode() != 200) {
							errors.incrementAndGet();
							firstError.compareAndSet(null, new String(response.body(), StandardCharsets.UTF_8));
							statuses.computeIfAbsent(response.statusCode(), (s) -> new AtomicInteger())
								.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.toString());
						statuses.computeIfAbsent(-1, (s) -> new AtomicInteger()).incrementAndGet();
					}
					latencies[index] = System.nanoTime() - scheduled;
				});
			}
			executor.shutdown();
			executor.awaitTermination(2, TimeUnit.MINUTES);
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		Arrays.sort(latencies);
		Map<Integer, Integer> byStatus = new HashMap<>();
		statuses.forEach((status, count) -> byStatus.put(status, count.get()));
		if (firstError.get() != null) {
			System.out.println("first error from " + target.name() + ": " + firstError.get());
		}
		return new Result(target.name(), rate, latencies, errors.get(), byStatus, total / elapsed);
	}

	/** User plus system CPU time of a process, {@code -1} without a pid (Linux only). */
	private static long cpuMillis(String pid) throws java.io.IOException {
		if (pid == null) {
			return -1;
		}
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// utime and stime are fields 14 and 15 of /proc/pid/stat, in clock ticks (100
		// Hz).
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
	}

	private static void memory(String pid) throws java.io.IOException {
		if (pid == null) {
			return;
		}
		for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
			if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
				System.out.println("proxy process " + line.replaceAll("\\s+", " "));
			}
		}
	}

	/** About {@code size} bytes of plain English, no personal data or secrets in it. */
	static String prompt(int size) {
		String sentence = "Please summarise our return policy for a customer who bought a kettle last week. ";
		StringBuilder text = new StringBuilder(size);
		while (text.length() < size) {
			text.append(sentence);
		}
		return text.substring(0, size);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		List<String> list = new ArrayList<>(List.of(args));
		for (int i = 0; i + 1 < list.size(); i += 2) {
			if (!list.get(i).startsWith("--")) {
				throw new IllegalArgumentException("Expected --name value, got " + list.get(i));
			}
			options.put(list.get(i).substring(2), list.get(i + 1));
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	record Target(String name, String url, String key) {
	}

	record Result(String target, int rate, long[] sorted, int errors, Map<Integer, Integer> statuses, double achieved) {

		double p(double percentile) {
			int index = (int) Math.ceil(percentile / 100.0 * this.sorted.length) - 1;
			return this.sorted[Math.max(0, Math.min(index, this.sorted.length - 1))] / 1e6;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%-5s %5d req/s (achieved %.0f): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, errors %d %s",
					this.target, this.rate, this.achieved, p(50), p(90), p(99), p(99.9),
					this.sorted[this.sorted.length - 1] / 1e6, this.errors,
					this.statuses.isEmpty() ? "" : this.statuses);
		}

	}

}
