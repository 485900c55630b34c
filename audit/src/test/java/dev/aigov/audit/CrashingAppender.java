package dev.aigov.audit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for {@link CrashRecoveryIntegrationTests}: appends records from four
 * threads, ships them, and prints {@code ACK <id>} for each append that returned (the
 * moment the proxy would answer its caller), until it is killed.
 */
public final class CrashingAppender {

	private CrashingAppender() {
	}

	public static void main(String[] args) {
		Path dir = Path.of(args[0]);
		AuditPipeline pipeline = AuditPipeline.builder(dir.resolve("journal"))
			.content(AuditProperties.ContentMode.HASH, dir.resolve("content.key"))
			.elasticsearch(args[1])
			.indexPrefix(args[2])
			.shipping(true, 100, Duration.ofMillis(100))
			.build();
		for (int t = 0; t < 4; t++) {
			Thread.ofPlatform().start(() -> {
				while (true) {
					String id = pipeline.log().append(AuditRecords.inference("r", "app", "allow", null)).id();
					synchronized (System.out) {
						System.out.println("ACK " + id);
						System.out.flush();
					}
				}
			});
		}
	}

}
