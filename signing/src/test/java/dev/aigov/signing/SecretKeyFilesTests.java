package dev.aigov.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretKeyFilesTests {

	@TempDir
	Path directory;

	@Test
	void aKeyIsCreatedPrivateOnFirstUseAndReadAfterwards() throws Exception {
		Path file = this.directory.resolve("data/keys/test.key");
		byte[] key = SecretKeyFiles.readOrCreate(file, "test key");
		assertThat(key).hasSize(32).isNotEqualTo(new byte[32]);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
		assertThat(SecretKeyFiles.readOrCreate(file, "test key")).isEqualTo(key);
		try (var left = Files.list(file.getParent())) {
			assertThat(left).as("no temporary file left behind").containsExactly(file);
		}
	}

	@Test
	void aKeyFileOthersCanReadIsRestricted() throws Exception {
		Path file = this.directory.resolve("open.key");
		Files.write(file, new byte[32]);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(SecretKeyFiles.readOrCreate(file, "test key")).isEqualTo(new byte[32]);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
		SecretKeyFiles.readOrCreate(file, "test key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
			.as("the owner's permissions stay as they were")
			.isEqualTo("r--------");
	}

	@Test
	void aFileOfAnotherSizeIsRefusedAndKept() throws Exception {
		Path file = this.directory.resolve("short.key");
		Files.write(file, new byte[16]);
		assertThatIllegalStateException().isThrownBy(() -> SecretKeyFiles.readOrCreate(file, "test key"))
			.withMessage("the test key " + file + " must hold 32 bytes, it holds 16");
		assertThat(Files.size(file)).isEqualTo(16);
	}

	@Test
	void processesCreatingTheKeyAtOnceAllGetTheOneThatWasWritten() throws Exception {
		for (int round = 0; round < 20; round++) {
			Path file = this.directory.resolve("race-" + round).resolve("keys").resolve("test.key");
			ExecutorService pool = Executors.newFixedThreadPool(8);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<byte[]>> keys = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				keys.add(pool.submit(() -> {
					start.await();
					return SecretKeyFiles.readOrCreate(file, "test key");
				}));
			}
			start.countDown();
			byte[] onDisk = null;
			for (Future<byte[]> key : keys) {
				byte[] read = key.get();
				onDisk = (onDisk != null) ? onDisk : Files.readAllBytes(file);
				assertThat(read).isEqualTo(onDisk);
			}
			pool.shutdown();
		}
	}

}
