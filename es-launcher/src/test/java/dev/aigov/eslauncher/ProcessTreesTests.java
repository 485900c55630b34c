package dev.aigov.eslauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTreesTests {

	@TempDir
	Path instanceDir;

	private Process fake;

	@AfterEach
	void killFake() {
		if (this.fake != null) {
			this.fake.descendants().forEach(ProcessHandle::destroyForcibly);
			this.fake.destroyForcibly();
		}
	}

	@Test
	void commandLineMentionsDirectoryOrPathInsideIt() {
		Path dir = Path.of("/tmp/aigov-es-1");
		assertThat(ProcessTrees.mentions("java -Djava.io.tmpdir=/tmp/aigov-es-1/tmp Main", dir)).isTrue();
		assertThat(ProcessTrees.mentions("java -p /tmp/aigov-es-1/elasticsearch.pid", dir)).isTrue();
		assertThat(ProcessTrees.mentions("tool /tmp/aigov-es-1", dir)).isTrue();
		assertThat(ProcessTrees.mentions("java -cp /lib/a.jar:/tmp/aigov-es-1 Main", dir)).isTrue();
		assertThat(ProcessTrees.mentions("java -p /tmp/aigov-es-12/elasticsearch.pid", dir)).isFalse();
		assertThat(ProcessTrees.mentions("java -p /var/tmp/aigov-es-1/elasticsearch.pid", dir)).isFalse();
		assertThat(ProcessTrees.mentions("java -p /tmp/aigov-es-12 /tmp/aigov-es-1/x", dir)).isTrue();
	}

	@Test
	void orphanMustBeElasticsearchAndNameTheInstanceDirectory() {
		Path dir = Path.of("/tmp/node");
		String server = "/usr/lib/jvm/bin/java -Des.path.home=/cache/elasticsearch-9.5.0 -Djava.io.tmpdir=/tmp/node/tmp"
				+ " -Djdk.module.main=org.elasticsearch.server";
		assertThat(ProcessTrees.isOrphanOf(server, dir)).isTrue();
		assertThat(ProcessTrees.isOrphanOf("tail -f /tmp/node/console.log", dir)).isFalse();
		assertThat(ProcessTrees.isOrphanOf(server.replace("/tmp/node", "/tmp/other"), dir)).isFalse();
	}

	@Test
	void readsOnlyWellFormedPidFiles() throws IOException {
		Path pidFile = this.instanceDir.resolve("elasticsearch.pid");
		assertThat(ProcessTrees.readPid(pidFile)).isEmpty();
		Files.writeString(pidFile, "4242\n");
		assertThat(ProcessTrees.readPid(pidFile)).isEqualTo(OptionalLong.of(4242));
		Files.writeString(pidFile, "");
		assertThat(ProcessTrees.readPid(pidFile)).isEmpty();
		Files.writeString(pidFile, "12 34");
		assertThat(ProcessTrees.readPid(pidFile)).isEmpty();
		Files.writeString(pidFile, "-1");
		assertThat(ProcessTrees.readPid(pidFile)).isEmpty();
	}

	@Test
	void reapsAnElasticsearchLookalikeOnThisInstanceDirectoryWithItsChildren() throws Exception {
		// bash keeps the marker and the directory on its command line; its sleep child
		// does not.
		this.fake = new ProcessBuilder("bash", "-c", "sleep 300; true", "org.elasticsearch.fake",
				this.instanceDir.resolve("tmp").toString())
			.start();
		ProcessHandle child = awaitChild(this.fake.toHandle());
		Path pidFile = Files.writeString(this.instanceDir.resolve("elasticsearch.pid"), "999999999");

		// bash dies of SIGTERM; its sleep child needs the SIGKILL after the grace.
		Set<ProcessHandle> reaped = ProcessTrees.reapOrphans(this.instanceDir, pidFile, Path.of("/nowhere"),
				Duration.ofMillis(500));

		assertThat(reaped).containsExactly(this.fake.toHandle());
		assertThat(this.fake.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(ProcessTrees.awaitExit(List.of(child), Duration.ofSeconds(5))).isTrue();
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void leavesAliveProcessInPidFileAloneWhenItIsNotElasticsearch() throws Exception {
		this.fake = new ProcessBuilder("bash", "-c", "sleep 300; true", "not-es", this.instanceDir.toString()).start();
		Path pidFile = Files.writeString(this.instanceDir.resolve("elasticsearch.pid"), Long.toString(this.fake.pid()));

		Set<ProcessHandle> reaped = ProcessTrees.reapOrphans(this.instanceDir, pidFile, Path.of("/nowhere"),
				Duration.ofSeconds(5));

		assertThat(reaped).isEmpty();
		assertThat(this.fake.isAlive()).isTrue();
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void terminateKillsProcessesThatIgnoreSigterm() throws Exception {
		this.fake = new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 300; true").start();
		ProcessHandle child = awaitChild(this.fake.toHandle());

		boolean gone = ProcessTrees.terminate(List.of(this.fake.toHandle()), Duration.ofMillis(500));

		assertThat(gone).isTrue();
		assertThat(ProcessTrees.isAlive(this.fake.toHandle())).isFalse();
		assertThat(ProcessTrees.isAlive(child)).isFalse();
	}

	private static ProcessHandle awaitChild(ProcessHandle parent) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			var child = parent.children().findFirst();
			if (child.isPresent()) {
				return child.get();
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no child of " + parent.pid());
	}

}
