package dev.aigov.eslauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedElasticsearchTests {

	@TempDir
	Path temp;

	@Test
	void defaultVersionComesFromTheFilteredResource() {
		assertThat(ElasticsearchDistribution.defaultVersion()).matches("\\d+\\.\\d+\\.\\d+");
	}

	@Test
	void picksDistinctFreeLoopbackPorts() {
		int[] ports = EmbeddedElasticsearch.freeLoopbackPorts(2);
		assertThat(ports).hasSize(2).doesNotHaveDuplicates();
		assertThat(IntStream.of(ports)).allMatch((port) -> port > 0 && port < 65536);
	}

	@Test
	void lastLinesStartAtThisRunAndKeepTheTail() throws IOException {
		Path log = this.temp.resolve("console.log");
		Files.writeString(log, "old run\n");
		long offset = Files.size(log);
		Files.writeString(log,
				IntStream.rangeClosed(1, 50).mapToObj((i) -> "line " + i).collect(Collectors.joining("\n", "", "\n")),
				java.nio.file.StandardOpenOption.APPEND);

		List<String> lines = EmbeddedElasticsearch.lastLines(log, offset, 40);

		assertThat(lines).hasSize(40).startsWith("line 11").endsWith("line 50");
		assertThat(EmbeddedElasticsearch.lastLines(log, Files.size(log), 40)).isEmpty();
	}

	@Test
	void startupExceptionNamesExitCodeLogAndLastLines() {
		ElasticsearchStartupException ex = new ElasticsearchStartupException(
				"Elasticsearch 9.5.0 exited during startup", 78, Path.of("/i/console.log"),
				List.of("ERROR: bootstrap checks failed", "bye"));

		assertThat(ex.getMessage()).contains("exited during startup")
			.contains("exit code 78")
			.contains("/i/console.log")
			.contains("ERROR: bootstrap checks failed")
			.endsWith("bye");
		assertThat(ex.exitCode()).hasValue(78);
		assertThat(ex.isPortConflict()).isFalse();
		assertThat(new ElasticsearchStartupException("x", 1, Path.of("/l"),
				List.of("BindTransportException[Failed to bind to 127.0.0.1:9300]"))
			.isPortConflict()).isTrue();
	}

	@Test
	void accessorsRefuseBeforeStart() {
		EmbeddedElasticsearch elasticsearch = new EmbeddedElasticsearch(
				ElasticsearchSettings.builder(this.temp.resolve("cache"), this.temp.resolve("node")).build());

		assertThat(elasticsearch.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(elasticsearch::url);
		assertThatIllegalStateException().isThrownBy(elasticsearch::pid);
		elasticsearch.stop();
		elasticsearch.close();
	}

}
