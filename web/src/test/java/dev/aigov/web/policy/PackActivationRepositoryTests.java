package dev.aigov.web.policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;
import dev.aigov.policy.PackActivation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activations and uploaded packs' zip files outlive the repository that wrote them, in a
 * real TDB2 store.
 */
class PackActivationRepositoryTests {

	@TempDir
	Path dir;

	private GraphStores stores;

	@BeforeEach
	void open() {
		this.stores = new GraphStores(GraphStoreProperties.embedded(this.dir.resolve("tdb2")));
	}

	@AfterEach
	void close() {
		this.stores.close();
	}

	@Test
	void anArchivedZipReadsBackByteForByteAndKeepingItAgainChangesNothing() {
		byte[] zip = new byte[70_000];
		for (int i = 0; i < zip.length; i++) {
			zip[i] = (byte) (i * 31);
		}
		PackActivationRepository repository = new PackActivationRepository(this.stores);
		repository.archive("sha256:abc", zip);
		repository.archive("sha256:abc", "other bytes".getBytes(StandardCharsets.UTF_8));
		repository.append(new PackActivation("runtime", "sha256:abc", "upload by carol", "carol",
				Instant.parse("2026-11-24T03:00:00Z"), true, null, "sha256:old"));

		this.stores.close();
		this.stores = new GraphStores(GraphStoreProperties.embedded(this.dir.resolve("tdb2")));
		PackActivationRepository reopened = new PackActivationRepository(this.stores);
		assertThat(reopened.archived("sha256:abc")).hasValueSatisfying((read) -> assertThat(read).isEqualTo(zip));
		assertThat(reopened.archived("sha256:def")).isEmpty();
		assertThat(reopened.history()).singleElement()
			.satisfies((activation) -> assertThat(activation.origin()).isEqualTo("upload by carol"))
			.satisfies((activation) -> assertThat(activation.replaced()).isEqualTo("sha256:old"));
	}

}
