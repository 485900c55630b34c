package dev.aigov.eslauncher;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class InstanceLockTests {

	@TempDir
	Path instanceDir;

	@Test
	void secondOwnerIsRefusedUntilTheFirstLetsGo() {
		InstanceLock first = InstanceLock.acquire(this.instanceDir);

		assertThatIllegalStateException().isThrownBy(() -> InstanceLock.acquire(this.instanceDir))
			.withMessageContaining("in use by another running Elasticsearch node");

		first.close();
		assertThatNoException().isThrownBy(() -> InstanceLock.acquire(this.instanceDir).close());
	}

}
