package dev.aigov.eslauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceConfigTests {

	@Test
	void rendersLoopbackSingleNodeConfiguration() {
		InstanceConfig config = new InstanceConfig("aigov", 19200, 19300, Path.of("/srv/es/data"),
				Path.of("/srv/es/logs"), true, "512m");
		assertThat(config.elasticsearchYml()).contains("cluster.name: aigov\n")
			.contains("network.host: 127.0.0.1\n")
			.contains("http.port: 19200\n")
			.contains("transport.port: 19300\n")
			.contains("discovery.type: single-node\n")
			.contains("path.data: \"/srv/es/data\"\n")
			.contains("path.logs: \"/srv/es/logs\"\n")
			.contains("cluster.routing.allocation.disk.threshold_enabled: false\n")
			.contains("xpack.security.enabled: false\n");
	}

	@Test
	void leavesOutSecuritySettingWhenTheDistributionHasNoSecurityModule() {
		InstanceConfig config = new InstanceConfig("aigov", 1, 2, Path.of("/d"), Path.of("/l"), false, "512m");
		assertThat(config.elasticsearchYml()).doesNotContain("xpack");
	}

	@Test
	void quotesPathsSoThatYamlReadsThemVerbatim() {
		InstanceConfig config = new InstanceConfig("aigov", 1, 2, Path.of("/tmp/a \"b\": #c"), Path.of("/l"), false,
				"512m");
		assertThat(config.elasticsearchYml()).contains("path.data: \"/tmp/a \\\"b\\\": #c\"\n");
	}

	@Test
	void setsBothHeapBounds() {
		InstanceConfig config = new InstanceConfig("aigov", 1, 2, Path.of("/d"), Path.of("/l"), false, "1g");
		assertThat(config.heapOptions()).isEqualTo("-Xms1g\n-Xmx1g\n");
	}

	@Test
	void writesOverTheDistributionConfigAndKeepsFilesElasticsearchCreated(@TempDir Path temp) throws IOException {
		Path distribution = Files.createDirectories(temp.resolve("dist/config/jvm.options.d"));
		Files.writeString(distribution.resolveSibling("elasticsearch.yml"), "# stock\n");
		Files.writeString(distribution.resolveSibling("log4j2.properties"), "status = error\n");
		Path config = Files.createDirectories(temp.resolve("instance/config"));
		Files.writeString(config.resolve("elasticsearch.keystore"), "keystore");
		new InstanceConfig("aigov", 1, 2, Path.of("/d"), Path.of("/l"), false, "256m").writeTo(config,
				temp.resolve("dist/config"));
		assertThat(config.resolve("log4j2.properties")).hasContent("status = error");
		assertThat(config.resolve("elasticsearch.keystore")).hasContent("keystore");
		assertThat(Files.readString(config.resolve("elasticsearch.yml"))).contains("http.port: 1");
		assertThat(config.resolve("jvm.options.d").resolve(InstanceConfig.HEAP_OPTIONS_FILE))
			.hasContent("-Xms256m\n-Xmx256m");
	}

}
