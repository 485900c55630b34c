package dev.aigov.bench.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate of 1 KB chat prompts, first straight at the stub
 * upstream, then through the proxy, then straight at the stub again, and the difference
 * between the proxy and the stub run with the lower p99 (the baseline): the latency the
 * proxy adds. Then the highest rate the proxy sustains (no errors, p99 under the bound,
 * the rate achieved). Prints its figures, each with the machine's load average.
 * <p>
 * The generator is wrk2's model on a fixed set of keep-alive connections: request
 * {@code i} is due at {@code start + i / rate}; a free connection sends it once due, and
 * its latency is measured from when it was due, so a server that falls behind cannot hide
 * its queue (no coordinated omission). When every connection is busy, due requests wait
 * for one, which counts in their latency; the generator never opens more connections, so
 * an overloaded proxy shows up as the rate it achieved and its queueing, not as a
 * collapse of the generator. Requests still unsent {@code grace} seconds after the
 * schedule ended are counted as "not sent". HTTP/1.1 over plain sockets keeps the
 * generator's own CPU per request small on a machine it shares with the proxy.
 * <p>
 * Arguments ({@code --name value}): {@code proxy} (base URL, e.g.
 * {@code http://127.0.0.1:8080/v1}), {@code key} (application key), {@code model},
 * {@code direct} (the stub's base URL; started here on {@code stub-port} if absent),
 * {@code rate} (1000), {@code seconds} (30), {@code warmup} (10), {@code connections}
 * (64), {@code proxy-pid} (to report the proxy's CPU and memory), {@code max-rate} (the
 * highest rate the search tries, 8000; 0 skips it), {@code search-from} (the search's
 * first rate, 100), {@code search-seconds} (10), {@code p99-bound-ms} (50),
 * {@code settle} (comma-separated pids, e.g. the proxy's and Elasticsearch's: after the
 * warm-up, load goes on in 10 s rounds until the JIT compiler threads of each of them,
 * and of the generator, used under 2 % of a core in a round, at most
 * {@code settle-seconds}, 600; the JIT of a process started at nice +10 on a busy machine
 * compiles for minutes), {@code latencies} (a file prefix: the measured phases write
 * every request's due time and latency to {@code <prefix>.stub.tsv} and
 * {@code <prefix>.proxy.tsv}, to line slow calls up with GC pauses or other processes'
 * activity).
 */
public final class ProxyLoadBenchmark {

	private static final String PROMPT = prompt(1024);

	private static final long GRACE_NANOS = 5_000_000_000L;

	private static final int SETTLE_ROUND_SECONDS = 10;

	private static final double SETTLED_SHARE = 0.02;

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
		int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
		int maxRate = Integer.parseInt(options.getOrDefault("max-rate", "8000"));
		int searchFrom = Integer.parseInt(options.getOrDefault("search-from", "100"));
		int searchSeconds = Integer.parseInt(options.getOrDefault("search-seconds", "10"));
		double bound = Double.parseDouble(options.getOrDefault("p99-bound-ms", "50"));
		String pid = options.get("proxy-pid");
		StubUpstream stub = null;
		String direct = options.get("direct");
		if (direct == null) {
			stub = new StubUpstream(Integer.parseInt(options.getOrDefault("stub-port", "18089")));
			direct = "http://127.0.0.1:" + stub.port() + "/v1";
		}
		byte[] body = ("{\"model\":\"" + model + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
				+ PROMPT + "\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		System.out.printf(Locale.ROOT,
				"Prompt %d bytes, rate %d req/s, %d s measured after %d s warm-up, %d connections; load average %s%n",
				body.length, rate, seconds, warmup, connections, loadAverage());
		Target stubTarget = Target.of("stub", direct + "/chat/completions", null, body);
		Target proxyTarget = Target.of("proxy", proxy + "/chat/completions", key, body);
		String latencies = options.get("latencies");
		run(stubTarget, rate, warmup, connections, null);
		Result directResult = run(stubTarget, rate, seconds, connections, null);
		stubTarget.closeIdle();
		run(proxyTarget, rate, warmup, connections, null);
		if (options.containsKey("settle")) {
			settle(proxyTarget, rate, connections, options.get("settle"),
					Integer.parseInt(options.getOrDefault("settle-seconds", "600")));
		}
		Result proxied = run(proxyTarget, rate, seconds, connections, pid);
		// The stub again, with the appliance idle: the first run meets whatever the
		// appliance and its Elasticsearch do in their first minutes, which once put the
		// stub's own p99 at 5.4 ms and an "added" p99 at 1.0 ms that the proxy never had.
		Target stubAfter = Target.of("stub-after", direct + "/chat/completions", null, body);
		run(stubAfter, rate, 3, connections, null);
		Result directAfter = run(stubAfter, rate, seconds, connections, null);
		stubAfter.closeIdle();
		proxyTarget.closeIdle();
		Result baseline = (directAfter.p(99) < directResult.p(99)) ? directAfter : directResult;
		if (latencies != null) {
			baseline.write(Path.of(latencies + ".stub.tsv"));
			proxied.write(Path.of(latencies + ".proxy.tsv"));
		}
		System.out.println(directResult);
		System.out.println(directAfter);
		System.out.println(proxied);
		System.out.printf(Locale.ROOT,
				"baseline: the stub run %s the proxy's, p99 %.3f ms (the lower of the two, so that a disturbed "
						+ "stub run never makes the proxy look faster)%n",
				(baseline == directAfter) ? "after" : "before", baseline.p(99));
		if (proxied.sustained(bound)) {
			System.out.printf(Locale.ROOT, "added latency at %d req/s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms%n", rate,
					proxied.p(50) - baseline.p(50), proxied.p(90) - baseline.p(90), proxied.p(99) - baseline.p(99));
		}
		else {
			System.out.printf(Locale.ROOT,
					"NOT SUSTAINED at %d req/s: achieved %.0f req/s, %d errors, %d not sent, p99 %.1f ms "
							+ "(latency here is mostly queueing, not the proxy's path)%n",
					rate, proxied.achieved(), proxied.errors(), proxied.notSent(), proxied.p(99));
		}
		memory(pid);
		if (maxRate > 0) {
			search(proxyTarget, searchFrom, maxRate, searchSeconds, connections, bound, pid);
			memory(pid);
		}
		if (stub != null) {
			stub.close();
		}
		System.exit(0);
	}

	/**
	 * Goes on loading the proxy in rounds of {@link #SETTLE_ROUND_SECONDS} until no
	 * process named, nor the generator, spends more than {@link #SETTLED_SHARE} of a core
	 * in its JIT compilers during a round, or {@code maxSeconds} have passed: a JIT that
	 * is still compiling takes CPU from the calls measured, which a long-running proxy
	 * and Elasticsearch do not pay.
	 */
	private static void settle(Target target, int rate, int connections, String pids, int maxSeconds) throws Exception {
		List<String> watched = new ArrayList<>(List.of(pids.split(",")));
		watched.add(Long.toString(ProcessHandle.current().pid()));
		long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
		int rounds = 0;
		while (true) {
			long[] before = new long[watched.size()];
			for (int i = 0; i < before.length; i++) {
				before[i] = compilerMillis(watched.get(i));
			}
			run(target, rate, SETTLE_ROUND_SECONDS, connections, null);
			rounds++;
			StringBuilder shares = new StringBuilder();
			boolean quiet = true;
			for (int i = 0; i < before.length; i++) {
				double share = (compilerMillis(watched.get(i)) - before[i]) / (SETTLE_ROUND_SECONDS * 1000.0);
				quiet &= share < SETTLED_SHARE;
				shares.append(String.format(Locale.ROOT, " %s %.1f %%", watched.get(i), share * 100));
			}
			System.out.printf(Locale.ROOT, "settling, round %d: JIT compilers' share of a core by pid:%s%n", rounds,
					shares);
			if (quiet) {
				System.out.printf(Locale.ROOT, "JIT settled after %d s more load%n", rounds * SETTLE_ROUND_SECONDS);
				return;
			}
			if (System.nanoTime() > deadline) {
				System.out.printf(Locale.ROOT, "JIT NOT settled after %d s more load; measuring anyway%n",
						rounds * SETTLE_ROUND_SECONDS);
				return;
			}
		}
	}

	/**
	 * Raises the rate by a quarter per step from {@code from} until a step is not
	 * sustained, then halves the gap between the last sustained rate and the first that
	 * was not, twice.
	 */
	private static void search(Target target, int from, int max, int seconds, int connections, double bound, String pid)
			throws Exception {
		System.out.printf(Locale.ROOT, "Searching the maximum sustained rate (p99 <= %.0f ms, no errors, rate kept)%n",
				bound);
		int good = 0;
		int bad = 0;
		for (int step = from; step <= max; step = Math.max(step + 10, (int) Math.round(step * 1.25 / 10) * 10)) {
			if (trial(target, step, seconds, connections, bound, pid)) {
				good = step;
			}
			else {
				bad = step;
				break;
			}
		}
		for (int i = 0; i < 2 && bad > 0 && bad - good > 20; i++) {
			int middle = (good + bad) / 2;
			if (trial(target, middle, seconds, connections, bound, pid)) {
				good = middle;
			}
			else {
				bad = middle;
			}
		}
		System.out.printf(Locale.ROOT, "max sustained rate: %d req/s%s (p99 <= %.0f ms, no errors); load average %s%n",
				good, (bad == 0) ? " or more (search stopped at max-rate)" : ", not sustained at " + bad, bound,
				loadAverage());
	}

	private static boolean trial(Target target, int rate, int seconds, int connections, double bound, String pid)
			throws Exception {
		run(target, rate, 3, connections, null);
		Result result = run(target, rate, seconds, connections, pid);
		boolean sustained = result.sustained(bound);
		System.out.println("  " + result + (sustained ? "  sustained" : "  NOT sustained"));
		return sustained;
	}

	/**
	 * Sends {@code rate * seconds} requests on schedule over {@code connections}
	 * keep-alive connections and collects their latencies.
	 */
	static Result run(Target target, int rate, int seconds, int connections, String pid) throws Exception {
		int total = rate * seconds;
		long interval = 1_000_000_000L / rate;
		long[] latencies = new long[total];
		Arrays.fill(latencies, -1);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger notSent = new AtomicInteger();
		AtomicReference<String> firstError = new AtomicReference<>();
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		long lead = 20_000_000L;
		long start = System.nanoTime() + lead;
		long startEpochMicros = System.currentTimeMillis() * 1000 + lead / 1000;
		long giveUp = start + seconds * 1_000_000_000L + GRACE_NANOS;
		long cpuBefore = cpuMillis(pid);
		List<Thread> workers = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			workers.add(Thread.ofPlatform().daemon().name("load-" + c).start(() -> {
				Connection connection = target.idle().poll();
				for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
					long due = start + i * interval;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					if (System.nanoTime() > giveUp) {
						notSent.incrementAndGet();
						continue;
					}
					try {
						if (connection == null) {
							connection = new Connection(target);
						}
						Connection.Answer answer = connection.exchange();
						if (answer.status() != 200) {
							errors.incrementAndGet();
							firstError.compareAndSet(null, answer.status() + " " + answer.body());
							statuses.computeIfAbsent(answer.status(), (s) -> new AtomicInteger()).incrementAndGet();
						}
						if (!answer.keepAlive()) {
							connection.close();
							connection = null;
						}
					}
					catch (IOException ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.toString());
						statuses.computeIfAbsent(-1, (s) -> new AtomicInteger()).incrementAndGet();
						if (connection != null) {
							connection.close();
						}
						connection = null;
					}
					latencies[i] = System.nanoTime() - due;
				}
				if (connection != null) {
					target.idle().push(connection);
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		long end = System.nanoTime();
		long cpuAfter = cpuMillis(pid);
		long[] done = Arrays.stream(latencies).filter((l) -> l >= 0).sorted().toArray();
		// Achieved: answered calls per second of the time it took to answer them, less
		// the
		// fastest call's latency: the last call is answered that much after the schedule
		// ends even when nothing queued, which at a 2 s upstream would read as 6 % short
		// of a 30 s schedule (STUB_DELAY_MS).
		long floor = (done.length > 0) ? done[0] : 0;
		double achieved = (done.length - errors.get()) / ((end - start - floor) / 1e9);
		double cpuPerCall = (pid != null && done.length > 0) ? (double) (cpuAfter - cpuBefore) / done.length : -1;
		Map<Integer, Integer> byStatus = new TreeMap<>();
		statuses.forEach((status, count) -> byStatus.put(status, count.get()));
		if (firstError.get() != null) {
			String error = firstError.get();
			System.out.println("  first error from " + target.name() + ": "
					+ ((error.length() > 300) ? error.substring(0, 300) + "..." : error));
		}
		return new Result(target.name(), rate, done, errors.get(), notSent.get(), byStatus, achieved, cpuPerCall,
				loadAverage(), startEpochMicros, interval, latencies);
	}

	/**
	 * User plus system CPU time of a process's threads other than the JIT compilers,
	 * {@code -1} without a pid (Linux only). The compilers' time depends on how far
	 * warm-up got on a busy machine, not on the calls measured; garbage collection
	 * counts.
	 */
	private static long cpuMillis(String pid) throws IOException {
		return (pid != null) ? threadMillis(pid, false) : -1;
	}

	/** User plus system CPU time of a process's JIT compiler threads (Linux only). */
	private static long compilerMillis(String pid) throws IOException {
		return threadMillis(pid, true);
	}

	private static long threadMillis(String pid, boolean compilers) throws IOException {
		long ticks = 0;
		try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
			for (Path task : tasks.toList()) {
				String stat;
				try {
					stat = Files.readString(task.resolve("stat"));
				}
				catch (IOException ex) {
					continue; // the thread ended
				}
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				if ((name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) != compilers) {
					continue;
				}
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// utime and stime are fields 14 and 15 of stat, in clock ticks (100 Hz).
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
		}
		return ticks * 10;
	}

	private static void memory(String pid) throws IOException {
		if (pid == null) {
			return;
		}
		for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
			if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
				System.out.println("proxy process " + line.replaceAll("\\s+", " "));
			}
		}
	}

	/** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + ", " + fields[1] + ", " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
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

	/**
	 * Where requests go, the bytes of one request (always the same), and the keep-alive
	 * connections that earlier runs left open: the warm-up's connections carry the
	 * measured phase, as a client at a steady rate keeps its connections (opening 64 at
	 * the start of the measured phase cost its first second a third of the calls over 6
	 * ms).
	 */
	record Target(String name, String host, int port, byte[] request, Deque<Connection> idle) {

		static Target of(String name, String url, String key, byte[] body) {
			URI uri = URI.create(url);
			if (!"http".equals(uri.getScheme())) {
				throw new IllegalArgumentException("Plain http only: " + url);
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : 80;
			StringBuilder head = new StringBuilder().append("POST ")
				.append(uri.getRawPath())
				.append(" HTTP/1.1\r\nHost: ")
				.append(uri.getHost())
				.append(':')
				.append(port)
				.append("\r\nContent-Type: application/json\r\nAccept: application/json\r\n");
			if (key != null) {
				head.append("Authorization: Bearer ").append(key).append("\r\n");
			}
			head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
			byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
			byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
			System.arraycopy(body, 0, request, headBytes.length, body.length);
			return new Target(name, uri.getHost(), port, request, new ConcurrentLinkedDeque<>());
		}

		/**
		 * Closes the kept connections: after a pause longer than the server keeps an idle
		 * connection, the next run would find them closed and count errors.
		 */
		void closeIdle() {
			Connection connection;
			while ((connection = this.idle.poll()) != null) {
				connection.close();
			}
		}

	}

	/** One keep-alive HTTP/1.1 connection; answers with a length or chunked. */
	static final class Connection {

		private final Target target;

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		Connection(Target target) throws IOException {
			this.target = target;
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
			this.socket.setSoTimeout(30_000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		}

		Answer exchange() throws IOException {
			this.out.write(this.target.request());
			this.out.flush();
			String status = line();
			if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
				throw new IOException("Not an HTTP/1.1 answer: " + status);
			}
			int code = Integer.parseInt(status.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean keepAlive = true;
			for (String header = line(); !header.isEmpty(); header = line()) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).strip());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					keepAlive = false;
				}
			}
			byte[] body;
			if (chunked) {
				java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
				for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0; size = Long
					.parseLong(line().split(";")[0].strip(), 16)) {
					all.write(this.in.readNBytes((int) size));
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
				body = all.toByteArray();
			}
			else if (length >= 0) {
				body = this.in.readNBytes((int) length);
				if (body.length < length) {
					throw new IOException("The answer ended early");
				}
			}
			else {
				body = this.in.readAllBytes();
				keepAlive = false;
			}
			return new Answer(code, (code == 200) ? "" : new String(body, StandardCharsets.UTF_8), keepAlive);
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
				if (b < 0) {
					throw new IOException("The connection was closed");
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}

		record Answer(int status, String body, boolean keepAlive) {
		}

	}

	record Result(String target, int rate, long[] sorted, int errors, int notSent, Map<Integer, Integer> statuses,
			double achieved, double cpuPerCallMs, String load, long startEpochMicros, long intervalNanos,
			long[] byRequest) {

		/**
		 * One line per request: when it was due (microseconds since the epoch, from the
		 * wall clock at the start) and its latency in microseconds, -1 if not answered.
		 */
		void write(Path file) throws IOException {
			StringBuilder lines = new StringBuilder(this.byRequest.length * 24);
			lines.append("due_epoch_us\tlatency_us\n");
			for (int i = 0; i < this.byRequest.length; i++) {
				long latency = this.byRequest[i];
				lines.append(this.startEpochMicros + i * this.intervalNanos / 1000)
					.append('\t')
					.append((latency < 0) ? -1 : latency / 1000)
					.append('\n');
			}
			Files.writeString(file, lines);
		}

		double p(double percentile) {
			if (this.sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100.0 * this.sorted.length) - 1;
			return this.sorted[Math.max(0, Math.min(index, this.sorted.length - 1))] / 1e6;
		}

		boolean sustained(double boundMs) {
			return this.errors == 0 && this.notSent == 0 && p(99) <= boundMs && this.achieved >= this.rate * 0.98;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%-5s %5d req/s (achieved %.0f): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, "
							+ "errors %d%s, not sent %d%s; load average %s",
					this.target, this.rate, this.achieved, p(50), p(90), p(99), p(99.9),
					(this.sorted.length == 0) ? Double.NaN : this.sorted[this.sorted.length - 1] / 1e6, this.errors,
					this.statuses.isEmpty() ? "" : " " + this.statuses, this.notSent,
					(this.cpuPerCallMs >= 0) ? String.format(Locale.ROOT,
							", proxy CPU %.3f ms per call (JIT compilers not counted)", this.cpuPerCallMs) : "",
					this.load);
		}

	}

}
