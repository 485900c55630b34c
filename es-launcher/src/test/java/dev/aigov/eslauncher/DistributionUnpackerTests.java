package dev.aigov.eslauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DistributionUnpackerTests {

	private static final String TOP = "elasticsearch-0.0.1-test";

	@TempDir
	Path temp;

	@Test
	void unpacksOnceWithMarkerAndExecutableScripts() throws IOException {
		Path zip = fakeDistribution(this.temp.resolve("dist.zip"), TOP);
		Path cache = this.temp.resolve("cache");

		Path home = DistributionUnpacker.unpack(zip, TOP, cache);

		assertThat(home).isEqualTo(cache.resolve(TOP));
		assertThat(home.resolve(DistributionUnpacker.MARKER)).isRegularFile();
		assertThat(home.resolve("bin/elasticsearch")).hasContent("#!/bin/bash");
		assertThat(Files.getPosixFilePermissions(home.resolve("bin/elasticsearch")))
			.isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThat(Files.getPosixFilePermissions(home.resolve("lib/tool")))
			.contains(PosixFilePermission.OTHERS_EXECUTE);
		// Stored as rw-rw---- in the zip; the unprivileged user must still read it.
		assertThat(Files.getPosixFilePermissions(home.resolve("config/elasticsearch.yml")))
			.isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(Files.getPosixFilePermissions(home.resolve("config/jvm.options.d")))
			.isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThat(stagingDirectories(cache)).isEmpty();

		Files.writeString(home.resolve("config/elasticsearch.yml"), "changed");
		assertThat(DistributionUnpacker.unpack(zip, TOP, cache)).isEqualTo(home);
		assertThat(home.resolve("config/elasticsearch.yml")).hasContent("changed");
	}

	@Test
	void replacesAHalfTreeLeftWithoutMarkerAndAbandonedStagingDirectories() throws IOException {
		Path zip = fakeDistribution(this.temp.resolve("dist.zip"), TOP);
		Path cache = this.temp.resolve("cache");
		Files.createDirectories(cache.resolve(TOP).resolve("bin"));
		Files.createDirectories(cache.resolve(".unpack-123/" + TOP));

		Path home = DistributionUnpacker.unpack(zip, TOP, cache);

		assertThat(home.resolve(DistributionUnpacker.MARKER)).isRegularFile();
		assertThat(home.resolve("bin/elasticsearch")).isRegularFile();
		assertThat(stagingDirectories(cache)).isEmpty();
	}

	@Test
	void failsWithoutLeavingATreeWhenTheTopFolderIsMissing() throws IOException {
		Path zip = fakeDistribution(this.temp.resolve("dist.zip"), "something-else");
		Path cache = this.temp.resolve("cache");

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> DistributionUnpacker.unpack(zip, TOP, cache))
			.withMessageContaining("dist.zip");

		assertThat(cache.resolve(TOP)).doesNotExist();
		assertThat(stagingDirectories(cache)).isEmpty();
	}

	@Test
	void resolvesADistributionFromTheLocalRepository() throws IOException {
		Path repository = this.temp.resolve("repository");
		Path zip = repository.resolve(DistributionArchive.relativePath("0.0.1-test"));
		Files.createDirectories(zip.getParent());
		fakeDistribution(zip, TOP);

		ElasticsearchDistribution distribution = ElasticsearchDistribution.resolve("0.0.1-test", repository,
				URI.create("http://127.0.0.1:9/unused/"), this.temp.resolve("cache"));

		assertThat(distribution.version()).isEqualTo("0.0.1-test");
		assertThat(distribution.launcher()).isRegularFile().isExecutable();
		assertThat(distribution.hasModule("x-pack-security")).isTrue();
		assertThat(distribution.hasModule("x-pack-ilm")).isFalse();
	}

	static Path fakeDistribution(Path zip, String top) throws IOException {
		try (FileSystem archive = FileSystems.newFileSystem(zip,
				Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
			write(archive, top + "/bin/elasticsearch", "#!/bin/bash", "rw-r--r--");
			write(archive, top + "/lib/tool", "tool", "rwxr-xr-x");
			write(archive, top + "/config/elasticsearch.yml", "# stock", "rw-rw----");
			Files.createDirectories(archive.getPath(top + "/config/jvm.options.d"));
			Files.setPosixFilePermissions(archive.getPath(top + "/config/jvm.options.d"),
					PosixFilePermissions.fromString("rwxr-x---"));
			write(archive, top + "/modules/x-pack-security/plugin-descriptor.properties", "name=x", "rw-r--r--");
		}
		return zip;
	}

	private static void write(FileSystem archive, String path, String content, String permissions) throws IOException {
		Path entry = archive.getPath(path);
		Files.createDirectories(entry.getParent());
		Files.writeString(entry, content);
		Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString(permissions));
	}

	private static Stream<Path> stagingDirectories(Path cache) throws IOException {
		try (Stream<Path> files = Files.list(cache)) {
			return files.filter((path) -> path.getFileName().toString().startsWith(".unpack-")).toList().stream();
		}
	}

}
