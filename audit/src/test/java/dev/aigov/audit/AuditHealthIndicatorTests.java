package dev.aigov.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.aigov.audit.internal.ReadOnly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditHealthIndicatorTests {

	@TempDir
	Path dir;

	private AuditPipeline pipeline(Path journal, long alarmBacklog) {
		return AuditPipeline.builder(journal)
			.content(AuditProperties.ContentMode.REDACTED, this.dir.resolve("content.key"))
			.elasticsearch("http://127.0.0.1:9")
			.shipping(false, 100, Duration.ofMillis(100))
			.alarmBacklog(alarmBacklog)
			.build();
	}

	@Test
	void readOnlyJournalMeansCallsAreRefusedAndHealthIsDown() throws Exception {
		Path journal = Files.createDirectories(this.dir.resolve("journal"));
		try (ReadOnly readOnly = ReadOnly.make(journal); AuditPipeline pipeline = pipeline(journal, 1000)) {
			assertThatThrownBy(() -> pipeline.log().append(AuditRecords.admin("account.created", "alice")))
				.isInstanceOf(AuditUnavailableException.class)
				.hasMessageContaining("cannot open the audit journal");
			Health health = new AuditHealthIndicator(pipeline).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(String.valueOf(health.getDetails().get("reason"))).contains("not writable", "calls are refused",
					journal.toString());
			assertThat(pipeline.appendFailures()).isEqualTo(1);
		}
	}

	@Test
	void appendsSucceedAgainOnceTheJournalDirectoryIsWritable() throws Exception {
		Path journal = Files.createDirectories(this.dir.resolve("journal"));
		ReadOnly readOnly = ReadOnly.make(journal);
		try (AuditPipeline pipeline = pipeline(journal, 1000)) {
			assertThatThrownBy(() -> pipeline.log().append(AuditRecords.admin("account.created", "alice")))
				.isInstanceOf(AuditUnavailableException.class);
			readOnly.close();
			Thread.sleep(1100);
			assertThat(pipeline.log().append(AuditRecords.admin("account.created", "alice")).sequence()).isEqualTo(1);
			assertThat(new AuditHealthIndicator(pipeline).health().getStatus()).isEqualTo(Status.UP);
		}
		finally {
			readOnly.close();
		}
	}

	@Test
	void aBacklogOverTheAlarmThresholdTurnsHealthDown() {
		try (AuditPipeline pipeline = pipeline(this.dir.resolve("journal"), 3)) {
			for (int i = 0; i < 5; i++) {
				pipeline.log().append(AuditRecords.admin("account.created", "alice"));
			}
			Health health = new AuditHealthIndicator(pipeline).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(String.valueOf(health.getDetails().get("reason"))).contains("wait for Elasticsearch");
			assertThat(health.getDetails().get("backlog")).isEqualTo(5L);
		}
	}

}
