package dev.aigov.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Data directories for the appliances that tests start, in {@code java.io.tmpdir}.
 * <p>
 * A test context stays cached, with its graph store and journal open in its directory,
 * until its JVM exits, and JVM shutdown hooks run in no fixed order: a directory cannot
 * be deleted safely by the JVM that uses it. Each directory records the process that made
 * it, and the first directory a test JVM makes deletes those whose process has ended, so
 * test runs leave at most one run's directories behind instead of adding to them (they
 * did: about 100 MB a run).
 */
public final class TestDataDirectory {

	private static final String PREFIX = "aigov-test-";

	private static final String OWNER = "owner.pid";

	private static boolean swept;

	private TestDataDirectory() {
	}

	/**
	 * Creates an empty data directory for one test appliance.
	 * @param name what the directory is for, part of its name
	 * @return the directory the appliance may use as {@code aigov.data-dir}
	 */
	public static synchronized Path create(String name) {
		try {
			Path root = Path.of(System.getProperty("java.io.tmpdir"));
			if (!swept) {
				swept = true;
				deleteThoseOfEndedProcesses(root);
			}
			Path owned = Files.createTempDirectory(root, PREFIX + name + "-");
			Files.writeString(owned.resolve(OWNER), Long.toString(ProcessHandle.current().pid()),
					StandardCharsets.US_ASCII);
			return Files.createDirectory(owned.resolve("data"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteThoseOfEndedProcesses(Path root) throws IOException {
		try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, PREFIX + "*")) {
			for (Path directory : directories) {
				owner(directory).filter((pid) -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
					.ifPresent((pid) -> deleteTree(directory));
			}
		}
	}

	private static Optional<Long> owner(Path directory) {
		try {
			return Optional.of(Long.parseLong(Files.readString(directory.resolve(OWNER)).strip()));
		}
		catch (IOException | NumberFormatException ex) {
			// Not one of ours, or being created: left alone.
			return Optional.empty();
		}
	}

	/**
	 * Deletes a directory and what it holds, as far as it can: what is left (another
	 * run's leftovers, a temporary browser profile) is tried again or is harmless.
	 * @param directory the directory
	 */
	public static void deleteTree(Path directory) {
		try (Stream<Path> tree = Files.walk(directory)) {
			tree.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Left for the next attempt.
		}
	}

}
