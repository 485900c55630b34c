package dev.aigov.eslauncher.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.aigov.eslauncher.ElasticsearchSettings;
import dev.aigov.eslauncher.EmbeddedElasticsearch;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Elasticsearch per test JVM, started on first use and stopped when the JVM
 * exits. Use it as an extension, {@code @ExtendWith(SharedElasticsearch.class)}, which
 * starts it before the test class, or call {@link #url()} directly, for example from a
 * Spring {@code @DynamicPropertySource} method:
 *
 * <pre class="code">
 * &#64;DynamicPropertySource
 * static void elasticsearch(DynamicPropertyRegistry registry) {
 *     registry.add("spring.elasticsearch.uris", SharedElasticsearch::url);
 * }
 * </pre>
 *
 * The distribution is unpacked into the directory named by the system property
 * {@value #CACHE_DIR_PROPERTY} (Failsafe sets it to {@code target/es-cache} of the root
 * project, so all modules share one unpack), else {@code java.io.tmpdir/aigov-es-cache}.
 * Each JVM gets a fresh instance directory under {@code java.io.tmpdir}, deleted at exit;
 * tests that share the node should use their own index names.
 */
public final class SharedElasticsearch implements BeforeAllCallback {

	/** The system property that names the distribution cache directory. */
	public static final String CACHE_DIR_PROPERTY = "aigov.test.es-cache";

	private static EmbeddedElasticsearch node;

	private static RuntimeException failure;

	/**
	 * Starts the shared node unless it is already running.
	 * @param context the test class's context
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		node();
	}

	/**
	 * Returns the shared node, starting it on first call. A failed start is not retried:
	 * later calls throw the same exception at once instead of waiting for the timeout
	 * again.
	 * @return the running node
	 * @throws RuntimeException what the start threw
	 */
	public static synchronized EmbeddedElasticsearch node() {
		if (failure != null) {
			throw failure;
		}
		if (node == null) {
			try {
				node = start();
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
		}
		return node;
	}

	/**
	 * Returns the shared node's HTTP address, starting it on first call.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public static String url() {
		return node().url();
	}

	/**
	 * Returns the shared node's HTTP port, starting it on first call.
	 * @return the port on 127.0.0.1
	 */
	public static int httpPort() {
		return node().httpPort();
	}

	/**
	 * Returns the distribution cache directory tests use: {@value #CACHE_DIR_PROPERTY} or
	 * {@code java.io.tmpdir/aigov-es-cache}. Tests that need a node of their own should
	 * use it too, so that the distribution is unpacked once.
	 * @return the cache directory
	 */
	public static Path cacheDir() {
		String configured = System.getProperty(CACHE_DIR_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "aigov-es-cache");
	}

	private static EmbeddedElasticsearch start() {
		Path instanceDir;
		try {
			instanceDir = Files.createTempDirectory("aigov-es-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create an instance directory", ex);
		}
		EmbeddedElasticsearch elasticsearch = new EmbeddedElasticsearch(
				ElasticsearchSettings.builder(cacheDir(), instanceDir).build());
		// The node's own hook stops it too; stop() waits for whichever runs first.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			elasticsearch.stop();
			deleteQuietly(instanceDir);
		}, "aigov-es-shared-cleanup"));
		return elasticsearch.start();
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> tree = Files.walk(directory)) {
			tree.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A temporary directory; the OS cleans it up eventually.
		}
	}

}
