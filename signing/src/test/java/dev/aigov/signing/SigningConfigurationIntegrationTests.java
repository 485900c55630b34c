package dev.aigov.signing;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SigningConfigurationIntegrationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(SigningConfiguration.class);

	@Test
	void bindsThePropertiesAndCreatesTheKeystore() {
		Path keystore = this.directory.resolve("keys/signing.p12");
		this.contexts
			.withPropertyValues("aigov.signing.keystore=" + keystore, "aigov.signing.keystore-password=from-config",
					"aigov.signing.algorithm=ES256")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SigningKeys keys = context.getBean(SigningKeys.class);
				assertThat(keys.keystore()).isEqualTo(keystore.toAbsolutePath());
				assertThat(keys.activeSigner().algorithm()).isEqualTo(JsfAlgorithm.ES256);
				assertThat(context.getBean(SigningProperties.class).toString()).doesNotContain("from-config");
			});
		assertThat(keystore).exists();
	}

	@Test
	void acceptsTheJsfSpellingOfTheAlgorithm() {
		this.contexts
			.withPropertyValues("aigov.signing.keystore=" + this.directory.resolve("signing.p12"),
					"aigov.signing.algorithm=Ed25519")
			.run((context) -> assertThat(context.getBean(SigningKeys.class).activeSigner().algorithm())
				.isEqualTo(JsfAlgorithm.ED25519));
	}

	@Test
	void refusesAnUnsupportedAlgorithm() {
		this.contexts
			.withPropertyValues("aigov.signing.keystore=" + this.directory.resolve("signing.p12"),
					"aigov.signing.algorithm=ES512")
			.run((context) -> assertThat(context).hasFailed());
	}

}
