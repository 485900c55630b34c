package dev.aigov.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.aigov.signing.internal.PrivateFiles;

/**
 * The appliance's symmetric keys (the audit content key, the proxy's pseudonym key): 32
 * random bytes in a file of mode 0600, created on first use and never replaced. Two
 * processes creating the same file at once end up with one key: the file appears whole or
 * not at all, and the one that comes second reads the first one's.
 */
public final class SecretKeyFiles {

	/** Bytes in a key. */
	public static final int KEY_BYTES = 32;

	private static final Logger LOG = Logger.getLogger(SecretKeyFiles.class.getName());

	private SecretKeyFiles() {
	}

	/**
	 * Reads a key, creating the file (mode 0600, in a directory of mode 0700 when it
	 * creates that too) when it does not exist. A file others may read is restricted to
	 * 0600, with a warning (or, where its mode cannot be changed, used with a warning).
	 * @param file the key file
	 * @param purpose what the key is for, for messages (e.g. {@code audit content key})
	 * @return the key's 32 bytes
	 * @throws UncheckedIOException when the file cannot be read or created
	 * @throws IllegalStateException when the file does not hold 32 bytes
	 */
	public static byte[] readOrCreate(Path file, String purpose) {
		try {
			if (!Files.exists(file)) {
				byte[] fresh = new byte[KEY_BYTES];
				new SecureRandom().nextBytes(fresh);
				try {
					PrivateFiles.create(file, fresh);
				}
				catch (FileAlreadyExistsException ex) {
					// Another process created it first: its key is the key.
				}
			}
			else {
				restrict(file, purpose);
			}
			byte[] key = Files.readAllBytes(file);
			if (key.length != KEY_BYTES) {
				throw new IllegalStateException(
						"the " + purpose + " " + file + " must hold " + KEY_BYTES + " bytes, it holds " + key.length);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create the " + purpose + " " + file, ex);
		}
	}

	/**
	 * Takes others' access off a key file. One the appliance may not change (a read-only
	 * mount of a secret, another owner) is used as it is, with a warning: whoever put it
	 * there decided who may read it.
	 */
	private static void restrict(Path file, String purpose) {
		try {
			if (PrivateFiles.restrict(file)) {
				LOG.log(Level.WARNING, "The {0} {1} was open to other users; took their access away",
						new Object[] { purpose, file });
			}
		}
		catch (IOException ex) {
			LOG.log(Level.WARNING,
					"The {0} {1} is open to other users and its mode cannot be changed ({2}); using it as it is",
					new Object[] { purpose, file, ex.getClass().getSimpleName() });
		}
	}

}
