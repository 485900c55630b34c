package dev.aigov.eslauncher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the real Elasticsearch: a full start-use-stop cycle, an owner JVM killed outright,
 * and an orphan reaped by the next start. Every test stops what it started, also when it
 * fails.
 */
class EmbeddedElasticsearchIntegrationTests {

	private static final Duration GONE_WITHIN = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<EmbeddedElasticsearch> nodes = new ArrayList<>();

	private final List<Process> owners = new ArrayList<>();

	private final List<ProcessHandle> seen = new ArrayList<>();

	@AfterEach
	void stopEverything() {
		this.nodes.forEach(EmbeddedElasticsearch::stop);
		this.owners.forEach(Process::destroyForcibly);
		this.seen.stream().filter(ProcessTrees::isAlive).forEach(ProcessHandle::destroyForcibly);
		this.http.close();
	}

	@Test
	void startsIndexesSearchesAndStopsWithoutATrace() throws Exception {
		EmbeddedElasticsearch elasticsearch = node(this.temp.resolve("node")).start();
		List<ProcessHandle> tree = tree(elasticsearch.launcher().orElseThrow());
		assertThat(elasticsearch.isRunning()).isTrue();
		assertThat(tree).extracting(ProcessHandle::pid).contains(elasticsearch.pid());
		// Every process of the tree yields the CPU to its owner (nice adds to the
		// owner's).
		int expected = Math.min(19, niceness("self") + ElasticsearchSettings.DEFAULT_NICENESS);
		for (ProcessHandle process : tree) {
			assertThat(niceness(Long.toString(process.pid()))).as("niceness of %s", process.pid()).isEqualTo(expected);
		}

		assertThat(send("PUT", elasticsearch.url() + "/models",
				"{\"mappings\":{\"properties\":{\"name\":{\"type\":\"text\"},\"risk\":{\"type\":\"keyword\"}}}}")
			.statusCode()).isEqualTo(200);
		assertThat(send("PUT", elasticsearch.url() + "/models/_doc/credit-scoring?refresh=true",
				"{\"name\":\"Credit scoring model\",\"risk\":\"high\"}")
			.statusCode()).isEqualTo(201);
		HttpResponse<String> search = send("POST", elasticsearch.url() + "/models/_search",
				"{\"query\":{\"match\":{\"name\":\"scoring\"}}}");
		assertThat(search.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(search.body(), "$.hits.total.value")).isEqualTo(1);
		assertThat(JsonPath.<String>read(search.body(), "$.hits.hits[0]._id")).isEqualTo("credit-scoring");

		int port = elasticsearch.httpPort();
		Path instanceDir = elasticsearch.instanceDir();
		elasticsearch.stop();
		elasticsearch.stop();

		assertThat(elasticsearch.isRunning()).isFalse();
		assertThat(tree).noneMatch(ProcessTrees::isAlive);
		assertThat(isListening(port)).isFalse();
		assertThat(processesOf(instanceDir)).isEmpty();
		assertThat(instanceDir.resolve(EmbeddedElasticsearch.PID_FILE)).doesNotExist();
	}

	@Test
	void killingTheOwnerJvmTakesElasticsearchWithIt() throws Exception {
		Path instanceDir = this.temp.resolve("owned");
		Process owner = startOwner(instanceDir, true);
		List<ProcessHandle> tree = awaitReady(owner);
		assertThat(tree).allMatch(ProcessTrees::isAlive);

		owner.destroyForcibly().waitFor();
		long killed = System.nanoTime();

		assertThat(ProcessTrees.awaitExit(tree, GONE_WITHIN))
			.as("Elasticsearch processes %s gone within %s after SIGKILL of the owner", ProcessTrees.pids(tree),
					GONE_WITHIN)
			.isTrue();
		System.out.printf("Elasticsearch gone %d ms after its owner JVM was killed%n",
				(System.nanoTime() - killed) / 1_000_000);
		assertThat(processesOf(instanceDir.toRealPath())).isEmpty();
	}

	@Test
	void nextStartStopsElasticsearchLeftRunningByAnEarlierOwner() throws Exception {
		Path instanceDir = this.temp.resolve("reaped");
		Process owner = startOwner(instanceDir, false);
		List<ProcessHandle> orphans = awaitReady(owner);
		owner.destroyForcibly().waitFor();
		Thread.sleep(2000);
		assertThat(orphans).as("without the parent-death signal Elasticsearch outlives its owner")
			.allMatch(ProcessTrees::isAlive);

		EmbeddedElasticsearch next = node(instanceDir).start();

		assertThat(orphans).noneMatch(ProcessTrees::isAlive);
		assertThat(next.pid()).isNotIn(orphans.stream().map(ProcessHandle::pid).toList());
		assertThat(send("GET", next.url() + "/_cluster/health", null).statusCode()).isEqualTo(200);
		next.stop();
		assertThat(processesOf(next.instanceDir())).isEmpty();
	}

	@Test
	void startupFailureStopsTheProcessAndReportsExitCodeAndOutput() {
		EmbeddedElasticsearch elasticsearch = node(
				ElasticsearchSettings.builder(SharedElasticsearch.cacheDir(), this.temp.resolve("broken"))
					.heap("1k")
					.build());

		assertThatExceptionOfType(ElasticsearchStartupException.class).isThrownBy(elasticsearch::start)
			.satisfies((ex) -> {
				assertThat(ex.exitCode()).isPresent();
				assertThat(ex.lastLines()).isNotEmpty();
				assertThat(ex.getMessage()).contains("exit code " + ex.exitCode().getAsInt());
			});
		assertThat(elasticsearch.isRunning()).isFalse();
	}

	private EmbeddedElasticsearch node(Path instanceDir) {
		return node(ElasticsearchSettings.builder(SharedElasticsearch.cacheDir(), instanceDir).build());
	}

	private EmbeddedElasticsearch node(ElasticsearchSettings settings) {
		EmbeddedElasticsearch node = new EmbeddedElasticsearch(settings);
		this.nodes.add(node);
		return node;
	}

	private Process startOwner(Path instanceDir, boolean dieWithOwner) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		String repository = System.getProperty("maven.repo.local");
		if (repository != null) {
			command.add("-Dmaven.repo.local=" + repository);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ElasticsearchOwner.class.getName(),
				SharedElasticsearch.cacheDir().toString(), instanceDir.toString(), Boolean.toString(dieWithOwner)));
		Process owner = new ProcessBuilder(command)
			.redirectError(Files.createDirectories(this.temp).resolve("owner-" + this.owners.size() + ".err").toFile())
			.start();
		this.owners.add(owner);
		return owner;
	}

	/**
	 * Waits for the owner's READY line and returns the Elasticsearch processes: launcher,
	 * its descendants, and the server.
	 */
	private List<ProcessHandle> awaitReady(Process owner) throws Exception {
		BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
		String line = CompletableFuture.supplyAsync(() -> {
			try {
				return out.readLine();
			}
			catch (IOException ex) {
				return null;
			}
		}).get(180, TimeUnit.SECONDS);
		if (line == null || !line.startsWith("READY ")) {
			owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			fail("Owner JVM did not get Elasticsearch running: " + line + "\n" + ownerErrors());
		}
		String[] pids = line.split(" ");
		ProcessHandle launcher = ProcessHandle.of(Long.parseLong(pids[2])).orElseThrow();
		List<ProcessHandle> tree = new ArrayList<>(tree(launcher));
		ProcessHandle.of(Long.parseLong(pids[1])).filter((server) -> !tree.contains(server)).ifPresent(tree::add);
		return tree;
	}

	private List<ProcessHandle> tree(ProcessHandle launcher) {
		List<ProcessHandle> tree = Stream.concat(Stream.of(launcher), launcher.descendants()).toList();
		this.seen.addAll(tree);
		return tree;
	}

	private String ownerErrors() {
		try (Stream<Path> files = Files.list(this.temp)) {
			StringBuilder errors = new StringBuilder();
			for (Path file : files.filter((path) -> path.toString().endsWith(".err")).toList()) {
				errors.append(Files.readString(file));
			}
			return errors.toString();
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private HttpResponse<String> send(String method, String url, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static List<ProcessHandle> processesOf(Path instanceDir) {
		return ProcessHandle.allProcesses()
			.filter(ProcessTrees::isAlive)
			.filter((handle) -> ProcessTrees.isOrphanOf(ProcessTrees.commandLine(handle), instanceDir))
			.toList();
	}

	/** Field 19 of {@code /proc/<pid>/stat}, after the command name in parentheses. */
	private static int niceness(String pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
	}

}
