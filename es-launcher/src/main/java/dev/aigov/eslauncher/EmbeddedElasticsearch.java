package dev.aigov.eslauncher;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Elasticsearch node, run as a child process on 127.0.0.1 with free ports,
 * single-node discovery and security off. The product's run command and every integration
 * test use it.
 * <p>
 * Nothing outlives its owner: {@link #stop()} (also run by a JVM shutdown hook) stops the
 * whole process tree, gracefully first; if the owning JVM is killed outright, the kernel
 * kills the Elasticsearch launcher ({@code PR_SET_PDEATHSIG} through {@code setpriv}) and
 * the server exits when its launcher does; and should anything survive even that, the
 * next {@link #start()} on the same instance directory stops it first.
 * <p>
 * When the JVM runs as root, Elasticsearch (which refuses root) runs as the system user
 * {@code aigov-es}, created on first use, which then owns the instance directory.
 * Everything Elasticsearch prints goes to {@code console.log} in the instance directory.
 * <p>
 * Thread-safe; {@link #stop()} never waits for a {@link #start()} in progress. Not
 * restartable: create a new instance (on the same instance directory to keep the data).
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

	static final String PID_FILE = "elasticsearch.pid";

	static final String CONSOLE_LOG = "console.log";

	/**
	 * Ports are picked free, but another process may grab one before Elasticsearch binds.
	 */
	private static final int MAX_ATTEMPTS = 3;

	private static final Duration STOP_GRACE = Duration.ofSeconds(20);

	private static final int LOG_LINES = 40;

	private static final System.Logger logger = System.getLogger(EmbeddedElasticsearch.class.getName());

	private static final AtomicInteger sequence = new AtomicInteger();

	private final ElasticsearchSettings settings;

	private final boolean dieWithOwner;

	private boolean started;

	private ElasticsearchDistribution distribution;

	private Path instanceDir;

	private Path consoleLog;

	private long consoleLogOffset;

	/**
	 * Guards stopping only, so that a shutdown hook never waits for a start in progress.
	 */
	private final Object stopLock = new Object();

	private volatile Process process;

	private volatile Thread shutdownHook;

	private volatile int httpPort;

	private volatile long serverPid;

	private volatile InstanceLock instanceLock;

	/**
	 * Creates a node that {@link #start()} will run.
	 * @param settings how to run it
	 */
	public EmbeddedElasticsearch(ElasticsearchSettings settings) {
		this(settings, true);
	}

	/**
	 * Creates a node; {@code dieWithOwner = false} leaves out the parent-death signal, so
	 * that tests can make a real orphan.
	 */
	EmbeddedElasticsearch(ElasticsearchSettings settings, boolean dieWithOwner) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.dieWithOwner = dieWithOwner;
	}

	/**
	 * Starts Elasticsearch and waits until its cluster health is yellow: resolves the
	 * distribution (download and unpack on first use), takes ownership of the instance
	 * directory, stops what an earlier, dead owner left running there, writes the
	 * configuration and launches the process.
	 * @return this node, running
	 * @throws ElasticsearchStartupException if Elasticsearch exited or was not healthy
	 * within the startup timeout; the process is stopped, the message holds its exit code
	 * and last output lines
	 * @throws IllegalStateException if this node was started before, another live node
	 * (in this JVM or another) uses the instance directory, no JDK 21 or later was found,
	 * or the current user is root and the service user cannot be set up
	 * @throws UncheckedIOException if the distribution or instance directory cannot be
	 * prepared
	 */
	public synchronized EmbeddedElasticsearch start() {
		if (this.started) {
			throw new IllegalStateException("This node was started before; create a new EmbeddedElasticsearch");
		}
		this.started = true;
		long begin = System.nanoTime();
		this.distribution = ElasticsearchDistribution.resolve(this.settings.cacheDir());
		Path javaHome = JavaHomes.resolve(this.settings.javaHome());
		try {
			this.instanceDir = Files.createDirectories(this.settings.instanceDir()).toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + this.settings.instanceDir(), ex);
		}
		this.consoleLog = this.instanceDir.resolve(CONSOLE_LOG);
		// Held while we own it, so that a live owner's node is never taken for an orphan.
		this.instanceLock = InstanceLock.acquire(this.instanceDir);
		ServiceAccount account = ServiceAccount.forCurrentUser();
		try {
			ProcessTrees.reapOrphans(this.instanceDir, pidFile(), this.distribution.home(), STOP_GRACE);
			for (int attempt = 1;; attempt++) {
				try {
					awaitHealthy(launch(account, javaHome));
					break;
				}
				catch (ElasticsearchStartupException ex) {
					if (attempt >= MAX_ATTEMPTS || !ex.isPortConflict()) {
						throw ex;
					}
					logger.log(Level.INFO, "Port taken before Elasticsearch could bind it; retrying with other ports");
				}
			}
			this.serverPid = awaitServerPid();
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		logger.log(Level.INFO, "Elasticsearch {0} is up at {1} after {2} ms (pid {3}, instance {4}{5})",
				this.distribution.version(), url(), (System.nanoTime() - begin) / 1_000_000,
				Long.toString(this.serverPid), this.instanceDir,
				account.switchesUser() ? ", user " + ServiceAccount.USER : "");
		return this;
	}

	private Process launch(ServiceAccount account, Path javaHome) {
		int[] ports = freeLoopbackPorts(2);
		Path config = this.instanceDir.resolve("config");
		Path tmp = this.instanceDir.resolve("tmp");
		try {
			Path data = Files.createDirectories(this.instanceDir.resolve("data"));
			Path logs = Files.createDirectories(this.instanceDir.resolve("logs"));
			Files.createDirectories(tmp);
			new InstanceConfig(this.settings.clusterName(), ports[0], ports[1], data, logs,
					this.distribution.hasModule("x-pack-security"), this.settings.heap())
				.writeTo(config, this.distribution.config());
			Files.writeString(this.consoleLog,
					"---- " + Instant.now() + " aigov-es-launcher starts " + this.distribution + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			this.consoleLogOffset = Files.size(this.consoleLog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the configuration into " + this.instanceDir, ex);
		}
		account.prepare(this.instanceDir, this.distribution.home(), javaHome);
		ProcessBuilder builder = new ProcessBuilder(command(account)).directory(this.instanceDir.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true)
			// A file, not a pipe: Elasticsearch must not need our JVM to drain it.
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.consoleLog.toFile()));
		Map<String, String> environment = builder.environment();
		List.of("ES_JAVA_OPTS", "JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "CLI_JAVA_OPTS",
				"ES_HOME")
			.forEach(environment::remove);
		environment.put("ES_JAVA_HOME", javaHome.toString());
		environment.put("ES_PATH_CONF", config.toString());
		// Temporary files in the instance directory also put it on both JVMs' command
		// lines, which is how a later start recognises them as this instance's.
		environment.put("ES_TMPDIR", tmp.toString());
		environment.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
		this.httpPort = ports[0];
		Process launched = startFromOwnerThread(builder);
		synchronized (this.stopLock) {
			this.process = launched;
			this.shutdownHook = new Thread(this::stopQuietly, "aigov-es-shutdown-" + launched.pid());
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}
		return launched;
	}

	private List<String> command(ServiceAccount account) {
		List<String> command = new ArrayList<>();
		boolean parentDeathSignal = this.dieWithOwner && Setpriv.supportsParentDeathSignal();
		if (account.switchesUser() || parentDeathSignal) {
			command.add(Setpriv.path()
				.orElseThrow(() -> new IllegalStateException(
						"Running Elasticsearch from a root JVM needs setpriv (util-linux) to switch to user "
								+ ServiceAccount.USER))
				.toString());
			if (account.switchesUser()) {
				command.add("--reuid=" + ServiceAccount.USER);
				command.add("--regid=" + ServiceAccount.USER);
				command.add("--init-groups");
			}
			if (parentDeathSignal) {
				command.add("--pdeathsig=KILL");
			}
			command.add("--");
		}
		else if (this.dieWithOwner) {
			logger.log(Level.WARNING, "setpriv --pdeathsig is not available: if this JVM is killed outright,"
					+ " Elasticsearch keeps running until the next start on {0}", this.instanceDir);
		}
		if (this.settings.niceness() > 0) {
			// After setpriv: nice execs the launcher in the same process, which keeps the
			// parent-death signal; every thread of both Elasticsearch JVMs inherits it.
			Optional<Path> nice = Nice.path();
			if (nice.isPresent()) {
				command.add(nice.get().toString());
				command.add("-n");
				command.add(Integer.toString(this.settings.niceness()));
			}
			else {
				logger.log(Level.WARNING,
						"nice (coreutils) is not available: Elasticsearch runs at the priority of this JVM"
								+ " and competes with it for the CPU");
			}
		}
		command.add(this.distribution.launcher().toString());
		command.add("-p");
		command.add(pidFile().toString());
		return command;
	}

	/**
	 * Starts the process from a dedicated thread that lives exactly as long as the
	 * process: Linux sends the parent-death signal when the <em>thread</em> that forked
	 * the child ends, not the JVM, so forking from a pooled or short-lived thread would
	 * kill Elasticsearch as soon as that thread finished.
	 */
	private static Process startFromOwnerThread(ProcessBuilder builder) {
		CompletableFuture<Process> started = new CompletableFuture<>();
		Thread owner = new Thread(() -> {
			Process process;
			try {
				process = builder.start();
			}
			catch (IOException | RuntimeException ex) {
				started.completeExceptionally(ex);
				return;
			}
			started.complete(process);
			while (true) {
				try {
					process.waitFor();
					return;
				}
				catch (InterruptedException ex) {
					// Only the process ending may end this thread.
				}
			}
		}, "aigov-es-owner-" + sequence.incrementAndGet());
		owner.setDaemon(true);
		owner.start();
		try {
			return started.get();
		}
		catch (ExecutionException ex) {
			throw new UncheckedIOException("Cannot run " + String.join(" ", builder.command()),
					(ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			// The process may still come up: stop it as soon as it does.
			started.thenAccept((process) -> ProcessTrees.terminate(List.of(process.toHandle()), STOP_GRACE));
			throw new IllegalStateException("Interrupted while starting Elasticsearch", ex);
		}
	}

	private void awaitHealthy(Process launched) {
		Duration timeout = this.settings.startupTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest health = HttpRequest
			.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try (HttpClient client = HttpClient.newBuilder()
			.proxy(HttpClient.Builder.NO_PROXY)
			.connectTimeout(Duration.ofSeconds(2))
			.build()) {
			while (true) {
				if (!launched.isAlive()) {
					throw startupFailure(launched,
							"Elasticsearch " + this.distribution.version() + " exited during startup");
				}
				try {
					if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				if (System.nanoTime() - deadline > 0) {
					throw startupFailure(launched, "Elasticsearch " + this.distribution.version()
							+ " did not report yellow health within " + timeout.toSeconds() + " s");
				}
				Thread.sleep(250);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			terminateProcess();
			throw new IllegalStateException("Interrupted while waiting for Elasticsearch to start", ex);
		}
	}

	private ElasticsearchStartupException startupFailure(Process launched, String reason) {
		Integer exitCode = launched.isAlive() ? null : launched.exitValue();
		terminateProcess();
		List<String> lastLines = lastLines(this.consoleLog, this.consoleLogOffset, LOG_LINES);
		return new ElasticsearchStartupException(reason, exitCode, this.consoleLog, lastLines);
	}

	private long awaitServerPid() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() - deadline < 0) {
			var pid = ProcessTrees.readPid(pidFile());
			if (pid.isPresent()) {
				return pid.getAsLong();
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		// Healthy without a pid file: take the launcher's child, the server.
		ProcessHandle launcher = this.process.toHandle();
		return launcher.children().findFirst().orElse(launcher).pid();
	}

	/**
	 * Stops Elasticsearch and every process it started: SIGTERM first, SIGKILL after 20
	 * seconds. Does nothing if it is not running; safe to call more than once and from
	 * any thread.
	 */
	public void stop() {
		long begin = System.nanoTime();
		synchronized (this.stopLock) {
			boolean stopped = terminateProcess();
			if (this.instanceLock != null) {
				this.instanceLock.close();
				this.instanceLock = null;
			}
			if (stopped) {
				logger.log(Level.INFO, "Stopped Elasticsearch (pid {0}) in {1} ms", Long.toString(this.serverPid),
						(System.nanoTime() - begin) / 1_000_000);
			}
		}
	}

	private void stopQuietly() {
		try {
			stop();
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Could not stop Elasticsearch", ex);
		}
	}

	/**
	 * Stops the process tree, if any; a concurrent caller waits until it is gone.
	 * @return whether there was a process to stop
	 */
	private boolean terminateProcess() {
		synchronized (this.stopLock) {
			Process running = this.process;
			if (running == null) {
				return false;
			}
			this.process = null;
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is shutting down, likely in this very hook.
			}
			List<ProcessHandle> roots = new ArrayList<>();
			roots.add(running.toHandle());
			if (this.serverPid != 0) {
				ProcessHandle.of(this.serverPid).ifPresent(roots::add);
			}
			ProcessTrees.terminate(roots, STOP_GRACE);
			return true;
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Returns the HTTP address, for {@code spring.elasticsearch.uris} and REST clients.
	 * @return {@code http://127.0.0.1:<port>}
	 * @throws IllegalStateException if the node was never started
	 */
	public String url() {
		return "http://127.0.0.1:" + httpPort();
	}

	/**
	 * Returns the HTTP port on 127.0.0.1.
	 * @return the port
	 * @throws IllegalStateException if the node was never started
	 */
	public int httpPort() {
		if (this.httpPort == 0) {
			throw new IllegalStateException("Elasticsearch was not started");
		}
		return this.httpPort;
	}

	/**
	 * Returns the pid of the Elasticsearch server JVM (the one in the pid file).
	 * @return the pid
	 * @throws IllegalStateException if the node did not start
	 */
	public long pid() {
		if (this.serverPid == 0) {
			throw new IllegalStateException("Elasticsearch was not started");
		}
		return this.serverPid;
	}

	Optional<ProcessHandle> launcher() {
		return Optional.ofNullable(this.process).map(Process::toHandle);
	}

	/**
	 * Returns whether the Elasticsearch process is alive (it may be still starting or
	 * already stopping).
	 * @return whether it runs
	 */
	public boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/**
	 * Returns the distribution in use.
	 * @return the distribution
	 * @throws IllegalStateException if the node was never started
	 */
	public synchronized ElasticsearchDistribution distribution() {
		if (this.distribution == null) {
			throw new IllegalStateException("Elasticsearch was not started");
		}
		return this.distribution;
	}

	/**
	 * Returns the instance directory (with symbolic links resolved once started).
	 * @return the instance directory
	 */
	public synchronized Path instanceDir() {
		return (this.instanceDir != null) ? this.instanceDir : this.settings.instanceDir();
	}

	private Path pidFile() {
		return this.instanceDir.resolve(PID_FILE);
	}

	static int[] freeLoopbackPorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			InetAddress loopback = InetAddress.getByName("127.0.0.1");
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, loopback);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing an unused listening socket; nothing to do.
				}
			}
		}
	}

	/**
	 * Returns the last {@code max} lines of a log file, reading from {@code offset}
	 * (where this start's output began) but at most the last 64 KiB.
	 */
	static List<String> lastLines(Path file, long offset, int max) {
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long from = Math.max(offset, in.length() - 65_536);
			if (from >= in.length()) {
				return List.of();
			}
			byte[] bytes = new byte[(int) (in.length() - from)];
			in.seek(from);
			in.readFully(bytes);
			Deque<String> lines = new ArrayDeque<>();
			for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
				if (!line.isBlank()) {
					lines.addLast(line);
					if (lines.size() > max) {
						lines.removeFirst();
					}
				}
			}
			return List.copyOf(lines);
		}
		catch (IOException ex) {
			return List.of("(cannot read " + file + ": " + ex.getMessage() + ")");
		}
	}

	@Override
	public String toString() {
		return "EmbeddedElasticsearch[" + this.settings.instanceDir() + "]";
	}

}
