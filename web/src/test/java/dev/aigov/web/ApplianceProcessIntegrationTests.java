package dev.aigov.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aigov.AigovApplication;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appliance as an operator runs it: its own process, with the embedded Elasticsearch
 * it starts itself and TDB2 on disk. Killed with SIGKILL it leaves no Elasticsearch
 * behind, and the next start finds the store intact.
 */
class ApplianceProcessIntegrationTests {

	private static final String ADMIN_PASSWORD = "process-test-admin-password";

	@Test
	void sigkillLeavesNoElasticsearchRunningAndNoCorruptedStore(@TempDir Path dataDir) throws Exception {
		int firstPort = freePort();
		Process first = launch(dataDir, firstPort, "first");
		List<ProcessHandle> elasticsearch;
		try {
			awaitHealthy(first, firstPort, dataDir.resolve("first.log"));
			HttpResponse<String> created = TestHttp.to(base(firstPort))
				.post("/api/admin/users", TestHttp.toJson(Map.of("username", "kim", "password", "kim-password-123")),
						"admin", ADMIN_PASSWORD);
			assertThat(created.statusCode()).isEqualTo(201);
			// The run command loads the demo résumés; the COMPAS model waits for a
			// decision.
			JsonNode demo = TestHttp.json(TestHttp.to(base(firstPort))
				.get("/api/registry/model-versions/compas-risk-1", "admin", ADMIN_PASSWORD));
			assertThat(demo.path("fields").path("lifecycleState").asString()).isEqualTo("submitted");
			elasticsearch = first.descendants().filter(ProcessHandle::isAlive).toList();
			assertThat(elasticsearch).as("the appliance runs Elasticsearch as child processes").isNotEmpty();
		}
		finally {
			first.destroyForcibly();
		}
		assertThat(first.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
			.isTrue();
		awaitGone(elasticsearch, Duration.ofSeconds(60));

		int secondPort = freePort();
		Process second = launch(dataDir, secondPort, "second");
		List<ProcessHandle> secondElasticsearch = List.of();
		try {
			awaitHealthy(second, secondPort, dataDir.resolve("second.log"));
			assertThat(TestHttp.to(base(secondPort)).get("/api/me", "kim", "kim-password-123").statusCode())
				.as("the account written before the kill survives")
				.isEqualTo(200);
			secondElasticsearch = second.descendants().filter(ProcessHandle::isAlive).toList();
		}
		finally {
			second.destroy();
			if (!second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				second.destroyForcibly();
			}
		}
		awaitGone(secondElasticsearch, Duration.ofSeconds(60));
	}

	private static Process launch(Path dataDir, int port, String name) throws IOException {
		String java = ProcessHandle.current().info().command().orElseThrow();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				AigovApplication.class.getName(), "--server.port=" + port, "--aigov.data-dir=" + dataDir,
				"--aigov.security.admin-password=" + ADMIN_PASSWORD,
				"--aigov.audit.elasticsearch.embedded.distribution-dir=" + SharedElasticsearch.cacheDir(),
				"--aigov.audit.elasticsearch.embedded.heap=384m"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dataDir.resolve(name + ".log").toFile())
			.start();
	}

	private static void awaitHealthy(Process process, int port, Path log) throws Exception {
		TestHttp http = TestHttp.to(base(port));
		Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as(() -> "appliance exited early:\n" + tail(log)).isTrue();
			try {
				HttpResponse<String> response = http.get("/actuator/health", "admin", ADMIN_PASSWORD);
				if (response.statusCode() == 200) {
					JsonNode components = TestHttp.json(response).path("components");
					assertThat(components.path("elasticsearch").path("status").asString()).isEqualTo("UP");
					assertThat(components.path("graphStore").path("status").asString()).isEqualTo("UP");
					return;
				}
			}
			catch (IllegalStateException notYetListening) {
				// the server is still starting
			}
			Thread.sleep(1000);
		}
		throw new AssertionError("appliance did not become healthy:\n" + tail(log));
	}

	private static void awaitGone(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline) && processes.stream().anyMatch(ProcessHandle::isAlive)) {
			Thread.sleep(250);
		}
		List<Long> alive = processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
		alive.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		assertThat(alive).as("Elasticsearch processes still running").isEmpty();
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static String base(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
