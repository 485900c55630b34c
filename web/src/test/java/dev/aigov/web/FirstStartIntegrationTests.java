package dev.aigov.web;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.AigovApplication;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default has no well-known password: the first start creates the
 * administrator with a generated password, shows it once, and later starts keep it.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartIntegrationTests {

	private static final Pattern ANNOUNCEMENT = Pattern
		.compile("administrator 'admin' created with the password\\s+(\\S+)");

	@Test
	void theFirstStartCreatesAnAdministratorWhosePasswordIsShownOnce(CapturedOutput output, @TempDir Path dataDir) {
		String password;
		try (ConfigurableApplicationContext app = start(dataDir)) {
			Matcher matcher = ANNOUNCEMENT.matcher(output.getOut());
			assertThat(matcher.find()).as("the generated password is announced on the console").isTrue();
			password = matcher.group(1);
			assertThat(password).hasSize(20);
			assertThat(http(app).get("/api/me", "admin", password).statusCode()).isEqualTo(200);
		}
		int printedBefore = output.getOut().length();
		try (ConfigurableApplicationContext app = start(dataDir)) {
			assertThat(output.getOut().substring(printedBefore)).doesNotContain("created with the password");
			assertThat(http(app).get("/api/me", "admin", password).statusCode()).isEqualTo(200);
		}
		assertThat(output.getAll().split(Pattern.quote(password), -1)).as("the password appears exactly once")
			.hasSize(2);
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		// Command-line arguments, which win over application.yml (default properties
		// would not).
		return new SpringApplicationBuilder(AigovApplication.class).run("--server.port=0",
				"--aigov.data-dir=" + dataDir, "--aigov.audit.elasticsearch.embedded.enabled=false",
				"--aigov.demo.enabled=false", "--spring.elasticsearch.uris=" + SharedElasticsearch.url());
	}

	private static TestHttp http(ConfigurableApplicationContext app) {
		return TestHttp.to("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
	}

}
