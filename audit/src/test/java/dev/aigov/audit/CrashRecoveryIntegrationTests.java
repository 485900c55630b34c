package dev.aigov.audit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.eslauncher.junit.SharedElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appliance is killed with SIGKILL during a burst: after restart, every call that got
 * an answer has its record in the index exactly once, and the chain verifies.
 */
class CrashRecoveryIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void everyAcknowledgedRecordIsIndexedExactlyOnceAfterSigkill() throws Exception {
		String prefix = "it-crash";
		Instant from = Instant.now().minusSeconds(5);
		String java = ProcessHandle.current().info().command().orElseThrow();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				CrashingAppender.class.getName(), this.dir.toString(), SharedElasticsearch.url(), prefix)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		Set<String> acknowledged = new HashSet<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (acknowledged.size() < 3000 && (line = out.readLine()) != null) {
				if (line.startsWith("ACK ")) {
					acknowledged.add(line.substring(4));
				}
			}
			// SIGKILL: no shutdown hook, no final fsync, no last checkpoint. (Not
			// destroyForcibly(): it closes our end of the pipe, and the acknowledgements
			// still in it must be read.)
			Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start();
			assertThat(kill.waitFor()).isZero();
			child.waitFor();
			while ((line = out.readLine()) != null) {
				if (line.startsWith("ACK ")) {
					acknowledged.add(line.substring(4));
				}
			}
		}
		assertThat(child.exitValue()).isEqualTo(137);
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3000);

		try (AuditPipeline restarted = AuditPipeline.builder(this.dir.resolve("journal"))
			.content(AuditProperties.ContentMode.HASH, this.dir.resolve("content.key"))
			.elasticsearch(SharedElasticsearch.url())
			.indexPrefix(prefix)
			.shipping(true, 500, Duration.ofMillis(100))
			.build()) {
			assertThat(restarted.awaitShipped(Duration.ofSeconds(60), true)).isTrue();
			Map<String, Integer> counts = new RawElasticsearch(SharedElasticsearch.url()).idCounts(prefix + "-*");
			assertThat(RawElasticsearch.missing(acknowledged, counts)).isEmpty();
			assertThat(RawElasticsearch.duplicates(counts)).isEmpty();
			// Records made durable but not yet acknowledged when the kill came may be
			// there too; nothing else is.
			assertThat(counts.size()).isBetween(acknowledged.size(), acknowledged.size() + 4);
			AuditVerification verification = restarted.verifier().verify(from, Instant.now().plusSeconds(60));
			assertThat(verification.discrepancies()).isEmpty();
			assertThat(verification.streams()).singleElement()
				.satisfies((s) -> assertThat(s.lastSequence()).isEqualTo(counts.size()));
			assertThat(restarted.log().append(AuditRecords.inference("r", "app", "allow", null)).sequence())
				.isEqualTo(counts.size() + 1);
		}
	}

}
