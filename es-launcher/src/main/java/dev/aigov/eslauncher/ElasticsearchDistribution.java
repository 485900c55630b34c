package dev.aigov.eslauncher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * An unpacked Elasticsearch distribution, the {@code integ-test-zip} flavour that Elastic
 * publishes to Maven Central
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip}).
 * <p>
 * {@link #resolve(Path)} takes the archive from the local Maven repository or downloads
 * it there (checking the published SHA-1), then unpacks it once into the cache directory.
 * Both steps are atomic and safe when several JVMs resolve at the same time: a crash
 * never leaves a half-written archive or a half-unpacked tree behind.
 */
public final class ElasticsearchDistribution {

	static final String GROUP_ID = "org.elasticsearch.distribution.integ-test-zip";

	static final String ARTIFACT_ID = "elasticsearch";

	static final URI MAVEN_CENTRAL = URI.create("https://repo1.maven.org/maven2/");

	private final String version;

	private final Path home;

	ElasticsearchDistribution(String version, Path home) {
		this.version = Objects.requireNonNull(version, "version");
		this.home = Objects.requireNonNull(home, "home");
	}

	/**
	 * Returns the Elasticsearch version this build was made for (the root pom's
	 * {@code aigov.elasticsearch.version}).
	 * @return the version, for example {@code 9.5.0}
	 * @throws IllegalStateException if the resource was not filtered by Maven
	 */
	public static String defaultVersion() {
		Properties properties = new Properties();
		try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("es-launcher.properties")) {
			if (in == null) {
				throw new IllegalStateException("es-launcher.properties is missing from the classpath");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read es-launcher.properties", ex);
		}
		String version = properties.getProperty("version", "");
		if (!version.matches("\\d+\\.\\d+\\.\\d+.*")) {
			throw new IllegalStateException("es-launcher.properties holds version '" + version
					+ "'; build the es-launcher module with Maven so that resource filtering fills it in");
		}
		return version;
	}

	/**
	 * Returns the distribution of {@link #defaultVersion()}, unpacked under
	 * {@code cacheDir}, fetching and unpacking it first if needed.
	 * @param cacheDir where distributions are unpacked; created if missing and shareable
	 * by every JVM of the machine
	 * @return the unpacked distribution
	 * @throws UncheckedIOException if the archive can neither be found nor downloaded, or
	 * cannot be unpacked
	 * @throws IllegalStateException if a downloaded or local archive fails its SHA-1
	 * check
	 */
	public static ElasticsearchDistribution resolve(Path cacheDir) {
		return resolve(defaultVersion(), localRepository(), MAVEN_CENTRAL, cacheDir);
	}

	static ElasticsearchDistribution resolve(String version, Path mavenRepository, URI remoteRepository,
			Path cacheDir) {
		Path cache = cacheDir.toAbsolutePath().normalize();
		Path home = cache.resolve(topFolder(version));
		if (!DistributionUnpacker.isUnpacked(home)) {
			Path archive = new DistributionArchive(mavenRepository, remoteRepository).fetch(version);
			home = DistributionUnpacker.unpack(archive, topFolder(version), cache);
		}
		return new ElasticsearchDistribution(version, home);
	}

	static String topFolder(String version) {
		return ARTIFACT_ID + "-" + version;
	}

	/**
	 * The local Maven repository: {@code maven.repo.local} if set (Maven and Surefire set
	 * it when {@code -Dmaven.repo.local} is used), else {@code ~/.m2/repository}.
	 */
	static Path localRepository() {
		String configured = System.getProperty("maven.repo.local");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	/**
	 * Returns the Elasticsearch version.
	 * @return the version, for example {@code 9.5.0}
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Returns the unpacked distribution's root ({@code ES_HOME}). Its files are readable
	 * by every user; treat them as read-only.
	 * @return the absolute path of {@code elasticsearch-<version>}
	 */
	public Path home() {
		return this.home;
	}

	Path launcher() {
		return this.home.resolve("bin").resolve("elasticsearch");
	}

	Path config() {
		return this.home.resolve("config");
	}

	boolean hasModule(String name) {
		return Files.isDirectory(this.home.resolve("modules").resolve(name));
	}

	@Override
	public String toString() {
		return "Elasticsearch " + this.version + " at " + this.home;
	}

}
