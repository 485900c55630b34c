package dev.aigov.eslauncher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DistributionArchiveTests {

	private static final String VERSION = "0.0.1-test";

	private static final byte[] ZIP = "not really a zip, but checksummed".getBytes(StandardCharsets.UTF_8);

	/** {@code printf 'not really a zip, but checksummed' | sha1sum} */
	private static final String ZIP_SHA1 = "fbba998f9f3e2de2c30cd44716420397a071604f";

	@TempDir
	Path repository;

	private HttpServer server;

	private final Map<String, byte[]> published = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			byte[] body = this.published.get(exchange.getRequestURI().getPath());
			exchange.sendResponseHeaders((body != null) ? 200 : 404, (body != null) ? body.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				if (body != null) {
					out.write(body);
				}
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void computesSha1() throws IOException {
		Path file = Files.write(this.repository.resolve("f"), ZIP);
		assertThat(DistributionArchive.sha1(file)).isEqualTo(ZIP_SHA1);
	}

	@Test
	void parsesSha1FilesWithOrWithoutFileName() {
		String hash = "18b2c2d4660db21a95e7b983ee1f1c73699c4b75";
		assertThat(DistributionArchive.parseSha1(hash)).isEqualTo(hash);
		assertThat(DistributionArchive.parseSha1(hash.toUpperCase() + "  elasticsearch-9.2.0.zip\n")).isEqualTo(hash);
		assertThatIllegalStateException().isThrownBy(() -> DistributionArchive.parseSha1("<html>"));
	}

	@Test
	void downloadsVerifiesAndStoresTheArchiveInTheLocalRepository() throws IOException {
		publish(ZIP, ZIP_SHA1 + "  elasticsearch-" + VERSION + ".zip");

		Path archive = archive().fetch(VERSION);

		assertThat(archive).isEqualTo(this.repository.resolve(DistributionArchive.relativePath(VERSION)));
		assertThat(archive).hasBinaryContent(ZIP);
		assertThat(archive.resolveSibling(archive.getFileName() + ".sha1")).hasContent(ZIP_SHA1);
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void discardsADownloadWhoseSha1DoesNotMatch() throws IOException {
		publish(ZIP, "0000000000000000000000000000000000000000");

		assertThatIllegalStateException().isThrownBy(() -> archive().fetch(VERSION))
			.withMessageContaining("SHA-1")
			.withMessageContaining(ZIP_SHA1);

		assertThat(this.repository.resolve(DistributionArchive.relativePath(VERSION))).doesNotExist();
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void usesTheLocalArchiveWithoutDownloadingEvenWithAnEmptySha1File() throws IOException {
		Path local = this.repository.resolve(DistributionArchive.relativePath(VERSION));
		Files.createDirectories(local.getParent());
		Files.write(local, ZIP);
		Files.writeString(local.resolveSibling(local.getFileName() + ".sha1"), "");

		assertThat(archive().fetch(VERSION)).isEqualTo(local);
		assertThat(this.requests).hasValue(0);
	}

	@Test
	void refusesALocalArchiveThatContradictsItsSha1File() throws IOException {
		Path local = this.repository.resolve(DistributionArchive.relativePath(VERSION));
		Files.createDirectories(local.getParent());
		Files.write(local, ZIP);
		Files.writeString(local.resolveSibling(local.getFileName() + ".sha1"),
				"1111111111111111111111111111111111111111");

		assertThatIllegalStateException().isThrownBy(() -> archive().fetch(VERSION))
			.withMessageContaining("delete the file");
	}

	@Test
	void downloadsWithThePinnedChecksumWhenNoSha1IsPublished() {
		publish(ZIP, null);

		Path archive = archive(Map.of(VERSION, ZIP_SHA1)).fetch(VERSION);

		assertThat(archive).hasBinaryContent(ZIP);
	}

	@Test
	void rejectsADownloadThatDoesNotMatchThePin() throws IOException {
		publish(ZIP, null);

		assertThatIllegalStateException()
			.isThrownBy(() -> archive(Map.of(VERSION, "2222222222222222222222222222222222222222")).fetch(VERSION))
			.withMessageContaining("should be 2222222222222222222222222222222222222222");
		assertThat(this.repository.resolve(DistributionArchive.relativePath(VERSION))).doesNotExist();
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void rejectsAPublishedSha1ThatContradictsThePin() {
		publish(ZIP, ZIP_SHA1);

		assertThatIllegalStateException()
			.isThrownBy(() -> archive(Map.of(VERSION, "2222222222222222222222222222222222222222")).fetch(VERSION))
			.withMessageContaining("pins 2222222222222222222222222222222222222222");
	}

	@Test
	void refusesToDownloadWithoutAnyChecksum() {
		publish(ZIP, null);

		assertThatIllegalStateException().isThrownBy(() -> archive().fetch(VERSION))
			.withMessageContaining("distribution-checksums.properties");
		assertThat(this.repository.resolve(DistributionArchive.relativePath(VERSION))).doesNotExist();
	}

	@Test
	void refusesALocalArchiveThatContradictsThePin() throws IOException {
		Path local = this.repository.resolve(DistributionArchive.relativePath(VERSION));
		Files.createDirectories(local.getParent());
		Files.write(local, ZIP);

		assertThatIllegalStateException()
			.isThrownBy(() -> archive(Map.of(VERSION, "2222222222222222222222222222222222222222")).fetch(VERSION))
			.withMessageContaining("delete the file");
		assertThat(archive(Map.of(VERSION, ZIP_SHA1)).fetch(VERSION)).isEqualTo(local);
	}

	@Test
	void theDefaultVersionHasAPinnedChecksum() {
		assertThat(DistributionArchive.pinnedChecksums()).containsKey(ElasticsearchDistribution.defaultVersion())
			.allSatisfy((version, sha1) -> assertThat(sha1).matches("[0-9a-f]{40}"));
	}

	private DistributionArchive archive() {
		return archive(Map.of());
	}

	private DistributionArchive archive(Map<String, String> pinned) {
		return new DistributionArchive(this.repository,
				URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/maven2"), pinned);
	}

	private void publish(byte[] zip, String sha1) {
		String path = "/maven2/" + DistributionArchive.relativePath(VERSION);
		this.published.put(path, zip);
		if (sha1 != null) {
			this.published.put(path + ".sha1", sha1.getBytes(StandardCharsets.US_ASCII));
		}
	}

	private List<Path> leftovers() throws IOException {
		Path dir = this.repository.resolve(DistributionArchive.relativePath(VERSION)).getParent();
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".part")).toList();
		}
	}

}
