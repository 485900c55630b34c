package dev.aigov.eslauncher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.StreamSupport;

/**
 * Finds a JDK that can run Elasticsearch 9 (Java 21 or later). The distribution we use
 * has no bundled JDK.
 */
final class JavaHomes {

	static final int MINIMUM_FEATURE_VERSION = 21;

	private JavaHomes() {
	}

	static Path resolve(Path configured) {
		return resolve(configured, Path.of(System.getProperty("java.home")), Runtime.version().feature(),
				System.getenv(), Path.of("/usr/lib/jvm"));
	}

	static Path resolve(Path configured, Path currentHome, int currentFeature, Map<String, String> environment,
			Path jvmDirectory) {
		if (configured != null) {
			if (!Files.isExecutable(configured.resolve("bin").resolve("java"))) {
				throw new IllegalArgumentException("javaHome " + configured + " has no executable bin/java");
			}
			return configured;
		}
		if (currentFeature >= MINIMUM_FEATURE_VERSION) {
			return currentHome;
		}
		for (String variable : List.of("ES_JAVA_HOME", "JAVA_HOME")) {
			String value = environment.get(variable);
			if (value != null && !value.isBlank() && isUsable(Path.of(value))) {
				return Path.of(value);
			}
		}
		return newestIn(jvmDirectory)
			.orElseThrow(() -> new IllegalStateException("Elasticsearch needs Java " + MINIMUM_FEATURE_VERSION
					+ " or later, but this JVM is " + currentFeature + ", neither ES_JAVA_HOME nor JAVA_HOME points"
					+ " to one, and " + jvmDirectory + " has none; install one or set javaHome"));
	}

	static Optional<Path> newestIn(Path jvmDirectory) {
		if (!Files.isDirectory(jvmDirectory)) {
			return Optional.empty();
		}
		try (DirectoryStream<Path> candidates = Files.newDirectoryStream(jvmDirectory)) {
			return StreamSupport.stream(candidates.spliterator(), false)
				.filter(JavaHomes::isUsable)
				.max(Comparator.comparingInt((Path home) -> featureVersion(home)).thenComparing(Path::toString));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean isUsable(Path home) {
		return Files.isExecutable(home.resolve("bin").resolve("java"))
				&& featureVersion(home) >= MINIMUM_FEATURE_VERSION;
	}

	/**
	 * Reads the feature version from a JDK's {@code release} file.
	 * @return the version, such as 25, or -1 when unknown
	 */
	static int featureVersion(Path home) {
		Path release = home.resolve("release");
		if (!Files.isRegularFile(release)) {
			return -1;
		}
		Properties properties = new Properties();
		try (var reader = Files.newBufferedReader(release)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			return -1;
		}
		return featureVersion(properties.getProperty("JAVA_VERSION", ""));
	}

	static int featureVersion(String javaVersion) {
		String version = javaVersion.replace("\"", "").strip();
		if (version.startsWith("1.")) {
			version = version.substring(2);
		}
		String feature = version.split("[^0-9]", 2)[0];
		if (feature.isEmpty() || feature.length() > 4) {
			return -1;
		}
		return Integer.parseInt(feature);
	}

}
