package dev.aigov.eslauncher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The distribution zip in the local Maven repository, downloaded from a remote Maven
 * repository when missing.
 * <p>
 * The expected SHA-1 is the one pinned in {@code distribution-checksums.properties}
 * (Maven Central serves the 9.x archives without a {@code .sha1}), else the published
 * {@code .sha1}; when both exist they must agree. A download lands in a temporary file
 * beside its final place and is renamed only after its SHA-1 matched, so the local
 * repository never holds a partial or corrupt archive under the real name.
 */
final class DistributionArchive {

	private static final System.Logger logger = System.getLogger(DistributionArchive.class.getName());

	private final Path localRepository;

	private final URI remoteRepository;

	private final Map<String, String> pinnedChecksums;

	DistributionArchive(Path localRepository, URI remoteRepository) {
		this(localRepository, remoteRepository, pinnedChecksums());
	}

	DistributionArchive(Path localRepository, URI remoteRepository, Map<String, String> pinnedChecksums) {
		this.localRepository = localRepository;
		this.remoteRepository = remoteRepository.toString().endsWith("/") ? remoteRepository
				: URI.create(remoteRepository + "/");
		this.pinnedChecksums = Map.copyOf(pinnedChecksums);
	}

	/**
	 * The SHA-1 checksums shipped with the launcher, by Elasticsearch version.
	 */
	static Map<String, String> pinnedChecksums() {
		Properties properties = new Properties();
		try (InputStream in = DistributionArchive.class.getResourceAsStream("distribution-checksums.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read distribution-checksums.properties", ex);
		}
		return properties.stringPropertyNames()
			.stream()
			.collect(Collectors.toMap((version) -> version, (version) -> parseSha1(properties.getProperty(version))));
	}

	static String relativePath(String version) {
		String artifact = ElasticsearchDistribution.ARTIFACT_ID;
		return ElasticsearchDistribution.GROUP_ID.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact
				+ "-" + version + ".zip";
	}

	Path fetch(String version) {
		String relative = relativePath(version);
		Path local = this.localRepository.resolve(relative);
		if (Files.isRegularFile(local)) {
			verifyLocal(version, local);
			return local;
		}
		download(version, this.remoteRepository.resolve(relative), local);
		return local;
	}

	/**
	 * Checks a local archive against the pinned checksum, else against a non-empty
	 * {@code .sha1} beside it; with neither, the archive is trusted as Maven left it.
	 */
	private void verifyLocal(String version, Path archive) {
		Path sidecar = sidecar(archive);
		try {
			Optional<String> expected = Optional.ofNullable(this.pinnedChecksums.get(version));
			if (expected.isEmpty() && Files.isRegularFile(sidecar) && Files.size(sidecar) > 0) {
				expected = Optional.of(parseSha1(Files.readString(sidecar, StandardCharsets.US_ASCII)));
			}
			if (expected.isEmpty()) {
				return;
			}
			String actual = sha1(archive);
			if (!actual.equals(expected.get())) {
				throw new IllegalStateException("SHA-1 of " + archive + " is " + actual + " but should be "
						+ expected.get() + "; delete the file (and its .sha1) to download it again");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot verify " + archive, ex);
		}
	}

	private void download(String version, URI uri, Path target) {
		HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(30))
			.proxy(ProxySelector.getDefault())
			.build();
		logger.log(Level.INFO, "Downloading {0} into {1}", uri, target);
		try {
			String expected = expectedSha1(version, client, URI.create(uri + ".sha1"));
			Files.createDirectories(target.getParent());
			Path part = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
			Path sha1Part = Files.createTempFile(target.getParent(), target.getFileName() + ".sha1.", ".part");
			try {
				HttpResponse<InputStream> response = client.send(request(uri),
						HttpResponse.BodyHandlers.ofInputStream());
				MessageDigest digest = sha1Digest();
				try (InputStream body = new DigestInputStream(response.body(), digest)) {
					requireOk(uri, response.statusCode());
					Files.copy(body, part, StandardCopyOption.REPLACE_EXISTING);
				}
				String actual = HexFormat.of().formatHex(digest.digest());
				if (!actual.equals(expected)) {
					throw new IllegalStateException(
							"SHA-1 of the download from " + uri + " is " + actual + " but should be " + expected
									+ "; the download was discarded, try again or check the proxy");
				}
				Files.writeString(sha1Part, expected, StandardCharsets.US_ASCII);
				// Temporary files are private; the repository's files are readable by
				// all.
				makeReadable(part);
				makeReadable(sha1Part);
				Files.move(sha1Part, sidecar(target), StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
				Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(part);
				Files.deleteIfExists(sha1Part);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot download " + uri + " into " + target, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while downloading " + uri, ex);
		}
	}

	private String expectedSha1(String version, HttpClient client, URI sha1Uri)
			throws IOException, InterruptedException {
		String pinned = this.pinnedChecksums.get(version);
		HttpResponse<String> response = client.send(request(sha1Uri),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
		if (response.statusCode() == 404) {
			if (pinned == null) {
				throw new IllegalStateException(sha1Uri + " does not exist and es-launcher pins no checksum for "
						+ version + "; add one to distribution-checksums.properties");
			}
			return pinned;
		}
		requireOk(sha1Uri, response.statusCode());
		String published = parseSha1(response.body());
		if (pinned != null && !pinned.equals(published)) {
			throw new IllegalStateException(
					sha1Uri + " says " + published + " but es-launcher pins " + pinned + " for " + version);
		}
		return published;
	}

	private static HttpRequest request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
	}

	private static void requireOk(URI uri, int status) throws IOException {
		if (status != 200) {
			throw new IOException("GET " + uri + " answered HTTP " + status);
		}
	}

	private static void makeReadable(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}
	}

	private static Path sidecar(Path archive) {
		return archive.resolveSibling(archive.getFileName() + ".sha1");
	}

	/**
	 * Parses a {@code .sha1} file: the hash is its first token ({@code sha1sum} format
	 * adds the file name after it).
	 */
	static String parseSha1(String content) {
		String[] tokens = content.strip().split("\\s+", 2);
		String hash = tokens[0].toLowerCase(Locale.ROOT);
		if (!hash.matches("[0-9a-f]{40}")) {
			throw new IllegalStateException("Not a SHA-1 checksum: '" + content.strip() + "'");
		}
		return hash;
	}

	static String sha1(Path file) throws IOException {
		MessageDigest digest = sha1Digest();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha1Digest() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK provides SHA-1", ex);
		}
	}

}
