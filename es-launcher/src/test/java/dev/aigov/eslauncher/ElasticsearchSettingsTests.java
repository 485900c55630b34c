package dev.aigov.eslauncher;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ElasticsearchSettingsTests {

	@Test
	void builderAppliesDefaultsAndMakesPathsAbsolute() {
		ElasticsearchSettings settings = ElasticsearchSettings.builder(Path.of("cache"), Path.of("instance/../node"))
			.build();
		assertThat(settings.cacheDir()).isEqualTo(Path.of("cache").toAbsolutePath());
		assertThat(settings.instanceDir()).isEqualTo(Path.of("node").toAbsolutePath());
		assertThat(settings.heap()).isEqualTo("512m");
		assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(settings.javaHome()).isNull();
		assertThat(settings.clusterName()).isEqualTo("aigov");
		assertThat(settings.niceness()).isEqualTo(10);
	}

	@Test
	void rejectsNicenessOutsideWhatNiceAccepts() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().niceness(-1).build())
			.withMessageContaining("-1");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().niceness(20).build());
		assertThat(builder().niceness(0).build().niceness()).isZero();
		assertThat(builder().niceness(19).build().niceness()).isEqualTo(19);
	}

	@Test
	void rejectsHeapThatIsNotAJvmSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().heap("512").build())
			.withMessageContaining("512");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().heap("-Xmx1g").build());
		assertThat(builder().heap("2g").build().heap()).isEqualTo("2g");
	}

	@Test
	void rejectsNonPositiveStartupTimeout() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().startupTimeout(Duration.ZERO).build());
		assertThatIllegalArgumentException().isThrownBy(() -> builder().startupTimeout(Duration.ofSeconds(-1)).build());
	}

	@Test
	void rejectsClusterNameThatWouldBreakTheYaml() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().clusterName("a: b").build());
		assertThatIllegalArgumentException().isThrownBy(() -> builder().clusterName("").build());
	}

	@Test
	void rejectsInstanceDirInsideCacheDir() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ElasticsearchSettings.builder(Path.of("/tmp/c"), Path.of("/tmp/c/node")).build())
			.withMessageContaining("must not contain each other");
	}

	private static ElasticsearchSettings.Builder builder() {
		return ElasticsearchSettings.builder(Path.of("/tmp/cache"), Path.of("/tmp/node"));
	}

}
