package dev.aigov.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared CycloneDX conformance fixtures ({@code aigov.shared.dir}). */
final class Fixtures {

	private Fixtures() {
	}

	static Path cyclonedx(String name) {
		return Path.of(System.getProperty("aigov.shared.dir", "../../shared"), "conformance", "cyclonedx", name);
	}

	/** Every {@code valid-*.json} fixture, by name. */
	static List<Path> validCycloneDx() {
		try (Stream<Path> files = Files.list(cyclonedx(""))) {
			return files.filter((file) -> file.getFileName().toString().matches("valid-.*\\.json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
