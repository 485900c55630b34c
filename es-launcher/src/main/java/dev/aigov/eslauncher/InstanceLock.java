package dev.aigov.eslauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ownership of an instance directory: an OS file lock held for as long as our node uses
 * it. The kernel drops the lock when the owning JVM dies, however it dies, so a held lock
 * means a live owner, whose Elasticsearch must not be reaped as an orphan.
 */
final class InstanceLock implements AutoCloseable {

	static final String FILE = "owner.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private InstanceLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the lock.
	 * @throws IllegalStateException if another node, in this JVM or another, holds it
	 */
	static InstanceLock acquire(Path instanceDir) {
		try {
			FileChannel channel = FileChannel.open(instanceDir.resolve(FILE), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				throw new IllegalStateException(instanceDir + " is in use by another running Elasticsearch node"
						+ " (its owner holds " + FILE + "); stop that one or use another instance directory");
			}
			return new InstanceLock(channel, lock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot lock " + instanceDir.resolve(FILE), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.lock.release();
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing the channel releases the lock in any case.
		}
	}

}
