package dev.aigov.audit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a directory read-only for this process: {@code chmod 555}, or, for root (whom
 * permissions do not stop), the immutable attribute ({@code chattr +i}).
 */
public final class ReadOnly implements AutoCloseable {

	private final Path dir;

	private final boolean immutable;

	private ReadOnly(Path dir, boolean immutable) {
		this.dir = dir;
		this.immutable = immutable;
	}

	public static ReadOnly make(Path dir) throws IOException, InterruptedException {
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			run("chattr", "+i", dir.toString());
		}
		else {
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
		}
		return new ReadOnly(dir, root);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (this.immutable) {
			run("chattr", "-i", this.dir.toString());
		}
		else {
			Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed");
		}
	}

}
