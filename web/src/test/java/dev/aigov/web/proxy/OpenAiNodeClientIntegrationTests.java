package dev.aigov.web.proxy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy driven by the {@code openai} npm package, unmodified
 * ({@code src/test/node/proxy-acceptance.mjs}): {@code npm ci} into {@code target/}, then
 * {@code node}. Skipped, saying why, only where no {@code node} is installed.
 */
class OpenAiNodeClientIntegrationTests extends ProxyIntegrationTest {

	@Test
	void theOpenAiNpmPackageWorksAgainstTheProxy() throws Exception {
		Assumptions.assumeTrue(onPath("node") && onPath("npm"),
				"node and npm are not installed: the openai npm package acceptance test is skipped");
		Path work = Path.of("target", "node-openai");
		Files.createDirectories(work);
		for (String file : List.of("package.json", "package-lock.json", "proxy-acceptance.mjs")) {
			Files.copy(Path.of("src", "test", "node", file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(work.resolve("node_modules").resolve("openai"))) {
			Result install = run(work, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--cache",
					Path.of("target", "npm-cache").toAbsolutePath().toString());
			assertThat(install.exit()).as(install.output()).isZero();
		}
		Result result = run(work,
				Map.of("PROXY_BASE_URL", base() + "/v1", "PROXY_KEY", key(0, 0), "PROXY_MODEL", MODEL), "node",
				"proxy-acceptance.mjs");
		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output()).contains("ok chat", "ok stream", "ok stream redacts a split secret",
				"ok stream with tool calls", "ok custom tools", "ok embeddings", "ok models", "ok unknown model",
				"ok blocked prompt", "ok bad key");
	}

	private static Result run(Path directory, Map<String, String> env, String... command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return new Result(-1, "timed out: " + new String(output, StandardCharsets.UTF_8));
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private static boolean onPath(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, program))) {
				return true;
			}
		}
		return false;
	}

	private record Result(int exit, String output) {
	}

}
