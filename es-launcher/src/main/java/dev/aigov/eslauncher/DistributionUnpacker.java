package dev.aigov.eslauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Unpacks a distribution zip into a cache directory exactly once. The tree is built in a
 * staging directory, marked complete, then renamed into place, so a crash mid-unpack
 * never leaves a half tree under the final name. Unpacking holds a file lock on the cache
 * directory, so concurrent JVMs wait for each other instead of unpacking twice.
 */
final class DistributionUnpacker {

	static final String MARKER = ".aigov-unpacked";

	private static final String STAGING_PREFIX = ".unpack-";

	private static final System.Logger logger = System.getLogger(DistributionUnpacker.class.getName());

	private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

	/** File locks are per JVM; threads of one JVM serialise here first. */
	private static final Object JVM_LOCK = new Object();

	private DistributionUnpacker() {
	}

	static boolean isUnpacked(Path home) {
		return Files.isRegularFile(home.resolve(MARKER));
	}

	/**
	 * Returns {@code cacheDir/topFolder}, unpacking {@code zip} there first unless an
	 * earlier unpack completed.
	 */
	static Path unpack(Path zip, String topFolder, Path cacheDir) {
		Path target = cacheDir.resolve(topFolder);
		if (isUnpacked(target)) {
			return target;
		}
		synchronized (JVM_LOCK) {
			try {
				Files.createDirectories(cacheDir);
				try (FileChannel channel = FileChannel.open(cacheDir.resolve(".unpack.lock"), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
					if (isUnpacked(target)) {
						return target;
					}
					deleteAbandonedStagingDirectories(cacheDir);
					unpackLocked(zip, topFolder, cacheDir, target);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot unpack " + zip + " into " + cacheDir, ex);
			}
		}
		return target;
	}

	private static void unpackLocked(Path zip, String topFolder, Path cacheDir, Path target) throws IOException {
		long started = System.nanoTime();
		Path staging = Files.createTempDirectory(cacheDir, STAGING_PREFIX);
		try {
			extract(zip, staging);
			Path unpacked = staging.resolve(topFolder);
			if (!Files.isDirectory(unpacked)) {
				throw new IOException(zip + " has no top folder " + topFolder);
			}
			Files.createFile(unpacked.resolve(MARKER));
			if (Files.exists(target)) {
				// No marker, so not ours or incomplete: replace it.
				deleteRecursively(target);
			}
			Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			deleteRecursively(staging);
		}
		logger.log(Level.INFO, "Unpacked {0} into {1} in {2} ms", zip.getFileName(), target,
				(System.nanoTime() - started) / 1_000_000);
	}

	private static void extract(Path zip, Path staging) throws IOException {
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
			Path root = archive.getPath("/");
			List<Path> entries;
			try (Stream<Path> walk = Files.walk(root)) {
				entries = walk.filter((entry) -> !entry.equals(root)).toList();
			}
			for (Path entry : entries) {
				String relative = root.relativize(entry).toString();
				Path destination = staging.resolve(relative).normalize();
				if (!destination.startsWith(staging) || destination.equals(staging)) {
					throw new IOException("Entry " + relative + " of " + zip + " points outside the target folder");
				}
				if (Files.isDirectory(entry)) {
					Files.createDirectories(destination);
				}
				else {
					Files.createDirectories(destination.getParent());
					Files.copy(entry, destination);
					if (posix) {
						Files.setPosixFilePermissions(destination,
								isExecutable(entry, relative) ? EXECUTABLE : READABLE);
					}
				}
			}
		}
		if (posix) {
			// Readable and traversable by the unprivileged user that runs Elasticsearch.
			try (Stream<Path> walk = Files.walk(staging)) {
				for (Path directory : walk.filter(Files::isDirectory).filter((dir) -> !dir.equals(staging)).toList()) {
					Files.setPosixFilePermissions(directory, EXECUTABLE);
				}
			}
		}
	}

	private static boolean isExecutable(Path entry, String relative) throws IOException {
		if (relative.matches("[^/]+/bin/[^/]+")) {
			return true;
		}
		try {
			return Files.getPosixFilePermissions(entry).contains(PosixFilePermission.OWNER_EXECUTE);
		}
		catch (UnsupportedOperationException ex) {
			return false;
		}
	}

	private static void deleteAbandonedStagingDirectories(Path cacheDir) throws IOException {
		try (DirectoryStream<Path> stale = Files.newDirectoryStream(cacheDir, STAGING_PREFIX + "*")) {
			for (Path directory : stale) {
				deleteRecursively(directory);
			}
		}
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(each);
			}
		}
	}

}
