package dev.aigov.eslauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one {@link EmbeddedElasticsearch}. Paths are made absolute on construction;
 * invalid values are rejected with an {@link IllegalArgumentException} that names them.
 *
 * @param cacheDir where the distribution is unpacked; shared by every instance and JVM
 * @param instanceDir this instance's own directory: configuration, data, logs, pid file.
 * Reusing it keeps the data, and a start on it stops whatever an earlier owner left
 * running there
 * @param heap the JVM heap (both {@code -Xms} and {@code -Xmx}), for example {@code 512m}
 * @param startupTimeout how long {@link EmbeddedElasticsearch#start()} waits for yellow
 * cluster health
 * @param javaHome the JDK (21 or later) that runs Elasticsearch, or {@code null} to use
 * the running JVM's when it is 21 or later, else {@code ES_JAVA_HOME}, {@code JAVA_HOME},
 * or the newest JDK under {@code /usr/lib/jvm}
 * @param clusterName the cluster name
 * @param niceness how much Elasticsearch yields the CPU to its owner: a niceness added to
 * the owner's, 0 (none) to 19 (the most). Its work (indexing, refreshes, merges, its JIT)
 * is background work next to calls that wait for a CPU, so by default it yields
 * ({@link #DEFAULT_NICENESS})
 */
public record ElasticsearchSettings(Path cacheDir, Path instanceDir, String heap, Duration startupTimeout,
		Path javaHome, String clusterName, int niceness) {

	/** The default heap, enough for tests and a single-user appliance. */
	public static final String DEFAULT_HEAP = "512m";

	/** The default startup timeout; a start takes 10 to 30 seconds on two cores. */
	public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);

	/** The default cluster name. */
	public static final String DEFAULT_CLUSTER_NAME = "aigov";

	/**
	 * The default niceness: with Linux's scheduler a niceness of 10 weighs about a tenth
	 * of the owner's threads, so a request thread that wakes up preempts Elasticsearch
	 * instead of waiting behind its time slice; Elasticsearch still gets every CPU that
	 * is idle (ADR 010, addendum of 2026-11-24).
	 */
	public static final int DEFAULT_NICENESS = 10;

	public ElasticsearchSettings {
		cacheDir = absolute(cacheDir, "cacheDir");
		instanceDir = absolute(instanceDir, "instanceDir");
		if (instanceDir.equals(cacheDir) || instanceDir.startsWith(cacheDir) || cacheDir.startsWith(instanceDir)) {
			throw new IllegalArgumentException(
					"instanceDir " + instanceDir + " and cacheDir " + cacheDir + " must not contain each other");
		}
		Objects.requireNonNull(heap, "heap");
		if (!heap.matches("[1-9][0-9]*[kKmMgG]")) {
			throw new IllegalArgumentException("heap must be a JVM size such as 512m or 1g, not '" + heap + "'");
		}
		Objects.requireNonNull(startupTimeout, "startupTimeout");
		if (startupTimeout.isNegative() || startupTimeout.isZero()) {
			throw new IllegalArgumentException("startupTimeout must be positive, not " + startupTimeout);
		}
		javaHome = (javaHome != null) ? javaHome.toAbsolutePath().normalize() : null;
		Objects.requireNonNull(clusterName, "clusterName");
		if (!clusterName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
			throw new IllegalArgumentException(
					"clusterName may hold letters, digits, '-' and '_' only, not '" + clusterName + "'");
		}
		if (niceness < 0 || niceness > 19) {
			throw new IllegalArgumentException("niceness must be between 0 and 19, not " + niceness);
		}
	}

	private static Path absolute(Path path, String name) {
		return Objects.requireNonNull(path, name).toAbsolutePath().normalize();
	}

	/**
	 * Starts settings with the defaults for everything but the two directories.
	 * @param cacheDir where the distribution is unpacked
	 * @param instanceDir this instance's own directory
	 * @return a builder
	 */
	public static Builder builder(Path cacheDir, Path instanceDir) {
		return new Builder(cacheDir, instanceDir);
	}

	/**
	 * Builds {@link ElasticsearchSettings}; validation happens in {@link #build()}.
	 */
	public static final class Builder {

		private final Path cacheDir;

		private final Path instanceDir;

		private String heap = DEFAULT_HEAP;

		private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

		private Path javaHome;

		private String clusterName = DEFAULT_CLUSTER_NAME;

		private int niceness = DEFAULT_NICENESS;

		private Builder(Path cacheDir, Path instanceDir) {
			this.cacheDir = cacheDir;
			this.instanceDir = instanceDir;
		}

		/**
		 * Sets the heap.
		 * @param heap a JVM size such as {@code 512m} or {@code 1g}
		 * @return this builder
		 */
		public Builder heap(String heap) {
			this.heap = heap;
			return this;
		}

		/**
		 * Sets how long a start may take.
		 * @param startupTimeout a positive duration
		 * @return this builder
		 */
		public Builder startupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
			return this;
		}

		/**
		 * Sets the JDK that runs Elasticsearch.
		 * @param javaHome a JDK 21 or later, or {@code null} to detect one
		 * @return this builder
		 */
		public Builder javaHome(Path javaHome) {
			this.javaHome = javaHome;
			return this;
		}

		/**
		 * Sets the cluster name.
		 * @param clusterName letters, digits, {@code -} and {@code _}
		 * @return this builder
		 */
		public Builder clusterName(String clusterName) {
			this.clusterName = clusterName;
			return this;
		}

		/**
		 * Sets the niceness Elasticsearch runs at.
		 * @param niceness 0 (as the owner) to 19
		 * @return this builder
		 */
		public Builder niceness(int niceness) {
			this.niceness = niceness;
			return this;
		}

		/**
		 * Validates and builds the settings.
		 * @return the settings
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public ElasticsearchSettings build() {
			return new ElasticsearchSettings(this.cacheDir, this.instanceDir, this.heap, this.startupTimeout,
					this.javaHome, this.clusterName, this.niceness);
		}

	}

}
