package dev.aigov.eslauncher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The configuration one start writes into {@code instanceDir/config}: the distribution's
 * files, then our {@code elasticsearch.yml} and heap options on top.
 *
 * @param clusterName the cluster name
 * @param httpPort the HTTP port on 127.0.0.1
 * @param transportPort the transport port on 127.0.0.1
 * @param dataDir {@code path.data}
 * @param logsDir {@code path.logs}
 * @param securityModule whether the distribution has {@code modules/x-pack-security};
 * only then may (and must) security be switched off, an unknown {@code xpack.*} key would
 * fail the start
 * @param heap the heap size for {@code -Xms} and {@code -Xmx}
 */
record InstanceConfig(String clusterName, int httpPort, int transportPort, Path dataDir, Path logsDir,
		boolean securityModule, String heap) {

	static final String HEAP_OPTIONS_FILE = "aigov-heap.options";

	String elasticsearchYml() {
		StringBuilder yml = new StringBuilder();
		yml.append("# Written by aigov-es-launcher on every start; edits are overwritten.\n");
		yml.append("cluster.name: ").append(this.clusterName).append('\n');
		yml.append("node.name: ").append(this.clusterName).append("-node\n");
		yml.append("network.host: 127.0.0.1\n");
		yml.append("http.port: ").append(this.httpPort).append('\n');
		yml.append("transport.port: ").append(this.transportPort).append('\n');
		yml.append("discovery.type: single-node\n");
		yml.append("path.data: ").append(quoted(this.dataDir)).append('\n');
		yml.append("path.logs: ").append(quoted(this.logsDir)).append('\n');
		yml.append("# Appliances and CI machines often have full-ish disks; never go read-only for that.\n");
		yml.append("cluster.routing.allocation.disk.threshold_enabled: false\n");
		if (this.securityModule) {
			yml.append("# Loopback only, and the product does its own access control.\n");
			yml.append("xpack.security.enabled: false\n");
		}
		return yml.toString();
	}

	String heapOptions() {
		return "-Xms" + this.heap + "\n-Xmx" + this.heap + "\n";
	}

	/**
	 * Copies the distribution's config directory into {@code configDir} (keeping files
	 * Elasticsearch created there, such as its keystore), then writes ours.
	 */
	void writeTo(Path configDir, Path distributionConfig) throws IOException {
		List<Path> sources;
		try (Stream<Path> walk = Files.walk(distributionConfig)) {
			sources = walk.toList();
		}
		for (Path source : sources) {
			Path target = configDir.resolve(distributionConfig.relativize(source).toString());
			if (Files.isDirectory(source)) {
				Files.createDirectories(target);
			}
			else {
				Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Files.writeString(configDir.resolve("elasticsearch.yml"), elasticsearchYml(), StandardCharsets.UTF_8);
		Path jvmOptions = Files.createDirectories(configDir.resolve("jvm.options.d"));
		Files.writeString(jvmOptions.resolve(HEAP_OPTIONS_FILE), heapOptions(), StandardCharsets.UTF_8);
	}

	private static String quoted(Path path) {
		return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
