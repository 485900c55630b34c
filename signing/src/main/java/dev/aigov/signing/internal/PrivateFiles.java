package dev.aigov.signing.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only the appliance's user may read: written whole and flushed to a temporary file
 * with mode 0600, then put in place atomically (moved over the old file, or linked where
 * no file may be replaced), in a directory created with mode 0700 (its parents keep the
 * usual mode). On file systems without POSIX permissions the modes are left to the
 * platform.
 */
public final class PrivateFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.complementOf(EnumSet
		.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

	private PrivateFiles() {
	}

	/**
	 * Write a file atomically with mode 0600, creating its directories.
	 * @param file the file
	 * @param content the bytes
	 * @throws IOException when it cannot be written
	 */
	public static void write(Path file, byte[] content) throws IOException {
		Path temporary = temporary(file, content);
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Create a file with mode 0600 and its directories, atomically and only if it does
	 * not exist: the file appears whole, never half written, and never replaces one that
	 * appeared meanwhile.
	 * @param file the file
	 * @param content the bytes
	 * @throws java.nio.file.FileAlreadyExistsException when the file exists
	 * @throws IOException when it cannot be written
	 */
	public static void create(Path file, byte[] content) throws IOException {
		Path temporary = temporary(file, content);
		try {
			// A hard link, unlike a rename, fails when the name is taken.
			Files.createLink(file.toAbsolutePath(), temporary);
		}
		catch (FileAlreadyExistsException ex) {
			throw ex;
		}
		catch (UnsupportedOperationException | FileSystemException ex) {
			// No hard links on this file system (EPERM on Linux): a move that refuses an
			// existing file, checked first; a file created in between loses to this one.
			Files.move(temporary, file);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Writes the content to a new private file beside {@code file}. */
	private static Path temporary(Path file, byte[] content) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(directory)) {
			// Only the file's own directory is private; shared parents (the data
			// directory) keep the usual mode, as other services may need to traverse
			// them.
			Files.createDirectories(directory.getParent());
			try {
				if (POSIX) {
					Files.createDirectory(directory,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				}
				else {
					Files.createDirectory(directory);
				}
			}
			catch (FileAlreadyExistsException ex) {
				// Created meanwhile by another writer, which is as good.
				if (!Files.isDirectory(directory)) {
					throw ex;
				}
			}
		}
		FileAttribute<?>[] attributes = POSIX
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
		Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", attributes);
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			// On disk before its name is: a crash never leaves an empty key in place.
			channel.force(true);
			return temporary;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
	}

	/**
	 * Take the group's and others' permissions off an existing file that has any (0644
	 * becomes 0600, 0440 becomes 0400); the owner's stay as they are.
	 * @param file the file
	 * @return whether the mode had to be changed
	 * @throws IOException when the mode cannot be read or set
	 */
	public static boolean restrict(Path file) throws IOException {
		if (!POSIX) {
			return false;
		}
		Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
		if (!permissions.removeAll(NOT_OWNER)) {
			return false;
		}
		Files.setPosixFilePermissions(file, permissions);
		return true;
	}

}
