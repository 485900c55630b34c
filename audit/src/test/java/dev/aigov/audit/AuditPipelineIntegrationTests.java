package dev.aigov.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.aigov.audit.AuditLog.AuditReceipt;
import dev.aigov.audit.AuditVerification.Discrepancy;
import dev.aigov.audit.AuditVerification.Kind;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import dev.aigov.signing.SigningKeys;
import dev.aigov.signing.SigningProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The pipeline against a real Elasticsearch: records shipped once, found by search,
 * aggregated, verified; and tampering found and named.
 */
class AuditPipelineIntegrationTests {

	@TempDir
	Path dir;

	private AuditPipeline pipeline(String prefix, SigningKeys keys) {
		return AuditPipeline.builder(this.dir.resolve("journal"))
			.content(AuditProperties.ContentMode.REDACTED, this.dir.resolve("content.key"))
			.elasticsearch(SharedElasticsearch.url())
			.indexPrefix(prefix)
			.signingKeys(keys)
			.shipping(true, 500, Duration.ofMillis(100))
			.build();
	}

	private SigningKeys keys() {
		return SigningKeys.open(SigningProperties.of(this.dir.resolve("keys/signing.p12")));
	}

	@Test
	void recordsAreShippedOnceSearchableAggregatedAndVerified() {
		Instant from = Instant.now().minusSeconds(5);
		try (AuditPipeline pipeline = pipeline("it-search", keys())) {
			for (int i = 0; i < 30; i++) {
				String decision = (i % 3 == 0) ? "block" : (i % 3 == 1) ? "redact" : "allow";
				pipeline.log()
					.append(AuditRecords.inference("req-" + i, (i < 20) ? "crm" : "hr", decision,
							decision.equals("allow") ? null : "privacy.email"));
			}
			pipeline.log().append(AuditRecords.admin("model-version.approved", "olivia"));
			assertThat(pipeline.checkpoint()).isEqualTo(2);
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();

			AuditSearch search = pipeline.search();
			AuditPage blocked = search.search(new AuditQuery(null, null, "inference", "crm", null, "gpt-4o-mini",
					"block", "privacy.email", "EMAIL", null, 3, null));
			assertThat(blocked.total()).isEqualTo(7);
			assertThat(blocked.records()).hasSize(3);
			List<Object> seen = new ArrayList<>();
			String after = null;
			do {
				AuditPage page = search.search(new AuditQuery(null, null, "inference", "crm", null, null, "block", null,
						null, null, 3, after));
				page.records().forEach((r) -> seen.add(((java.util.Map<?, ?>) r.get("event")).get("id")));
				after = page.next();
			}
			while (after != null);
			assertThat(seen).hasSize(7).doesNotHaveDuplicates();
			AuditPage text = search.search(new AuditQuery(null, null, null, null, "bob", null, null, null, null,
					"EMAIL Q3 numbers", 50, null));
			assertThat(text.total()).isEqualTo(30);
			assertThat(search
				.search(new AuditQuery(null, null, null, null, AuditRecords.PSEUDONYM, null, null, null, null, null, 50,
						null))
				.total()).as("an upstream's report names the end user by the pseudonym it was given").isEqualTo(30);
			assertThat(search
				.search(new AuditQuery(null, null, null, null, null, null, null, null, null, "alice@example.com", 50,
						null))
				.total()).as("the raw address was never indexed").isZero();

			AuditStatistics statistics = search.statistics(from, Instant.now().plusSeconds(60), Duration.ofMinutes(1));
			assertThat(statistics.total()).isEqualTo(31);
			assertThat(statistics.decisions()).extracting(AuditStatistics.Count::key, AuditStatistics.Count::count)
				.contains(tuple("block", 10L), tuple("redact", 10L), tuple("allow", 10L));
			assertThat(statistics.topRules()).containsExactly(new AuditStatistics.Count("privacy.email", 20));
			assertThat(statistics.applications()).extracting(AuditStatistics.Count::key).containsExactly("crm", "hr");
			assertThat(statistics.overTime().stream().mapToLong(AuditStatistics.Bucket::blocked).sum()).isEqualTo(10);
			assertThat(statistics.waterMl()).isCloseTo(30 * 0.42 * 1.8, org.assertj.core.data.Offset.offset(1e-6));

			AuditVerification verification = pipeline.verifier().verify(from, Instant.now().plusSeconds(60));
			assertThat(verification.discrepancies()).isEmpty();
			assertThat(verification.intact()).isTrue();
			assertThat(verification.records()).isEqualTo(31);
			assertThat(verification.streams()).allSatisfy((s) -> {
				assertThat(s.checkpointsVerified()).isEqualTo(1);
				assertThat(s.lastCheckpointSequence()).isEqualTo(s.lastSequence());
			});
		}
	}

	@Test
	void theVerifierNamesEachModifiedDeletedInsertedAndReorderedRecord() throws java.io.IOException {
		Instant from = Instant.now().minusSeconds(5);
		List<AuditReceipt> receipts = new ArrayList<>();
		String prefix = "it-tamper";
		SigningKeys keys = keys();
		try (AuditPipeline pipeline = pipeline(prefix, keys)) {
			for (int i = 0; i < 20; i++) {
				receipts.add(pipeline.log().append(AuditRecords.admin("account.changed", "user" + i)));
			}
			pipeline.checkpoint();
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
			String stream = receipts.get(0).stream();
			RawElasticsearch es = new RawElasticsearch(SharedElasticsearch.url());
			String indices = prefix + "-*";

			// Change one field of record 5.
			JsonNode five = es.find(indices, stream + "-5");
			es.send("POST", "/" + five.path("_index").asString() + "/_update/" + stream + "-5?refresh=true",
					"{\"doc\":{\"user\":{\"name\":\"mallory\"}}}");
			// Delete record 9, and the last one (only the signed checkpoint knows it
			// existed).
			for (int deleted : new int[] { 9, 20 }) {
				JsonNode doc = es.find(indices, stream + "-" + deleted);
				es.send("DELETE",
						"/" + doc.path("_index").asString() + "/_doc/" + stream + "-" + deleted + "?refresh=true",
						null);
			}
			// Swap records 12 and 15.
			JsonNode twelve = es.find(indices, stream + "-12");
			JsonNode fifteen = es.find(indices, stream + "-15");
			es.send("PUT", "/" + twelve.path("_index").asString() + "/_doc/" + stream + "-12?refresh=true",
					fifteen.path("_source").toString());
			es.send("PUT", "/" + fifteen.path("_index").asString() + "/_doc/" + stream + "-15?refresh=true",
					twelve.path("_source").toString());
			// Insert a copy of record 3 under a new id.
			JsonNode three = es.find(indices, stream + "-3");
			es.send("PUT", "/" + three.path("_index").asString() + "/_doc/forged-1?refresh=true",
					three.path("_source").toString());

			AuditVerification verification = pipeline.verifier().verify(from, Instant.now().plusSeconds(60));
			assertThat(verification.intact()).isFalse();
			assertThat(verification.discrepancies()).extracting(Discrepancy::kind, Discrepancy::recordId)
				.containsExactlyInAnyOrder(tuple(Kind.MODIFIED, stream + "-5"), tuple(Kind.DELETED, stream + "-9"),
						tuple(Kind.REORDERED, stream + "-12"), tuple(Kind.REORDERED, stream + "-15"),
						tuple(Kind.DELETED, stream + "-20"), tuple(Kind.INSERTED, "forged-1"));

			// The auditor's CLI, with the appliance's published JWKS, finds the same.
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			assertThat(verifyWithCli(keys, prefix, from, out)).isEqualTo(1);
			assertThat(out.toString()).contains("NOT INTACT", "MODIFIED           " + stream + "-5",
					"DELETED            " + stream + "-9", "REORDERED          " + stream + "-12",
					"INSERTED           forged-1", "1 signed checkpoint(s)");
		}
	}

	/**
	 * Runs the auditor's CLI over the records of {@code prefix} since {@code from}, with
	 * the appliance's published JWKS.
	 * @return the CLI's exit status; its report is in {@code out}
	 */
	private int verifyWithCli(SigningKeys keys, String prefix, Instant from, java.io.ByteArrayOutputStream out)
			throws java.io.IOException {
		Path jwks = this.dir.resolve("jwks.json");
		java.nio.file.Files.writeString(jwks, keys.jwks());
		return dev.aigov.audit.cli.VerifyAuditCli.run(
				new String[] { "--elasticsearch", SharedElasticsearch.url(), "--from", from.toString(), "--to",
						Instant.now().plusSeconds(60).toString(), "--jwks", jwks.toString(), "--index-prefix", prefix },
				new java.io.PrintStream(out, true), System.err);
	}

	@Test
	void recordsAfterTheLastCheckpointAreReportedAsNotYetSigned() throws java.io.IOException {
		Instant from = Instant.now().minusSeconds(5);
		String prefix = "it-unsigned-tail";
		SigningKeys keys = keys();
		try (AuditPipeline pipeline = pipeline(prefix, keys)) {
			AuditReceipt last = null;
			for (int i = 0; i < 8; i++) {
				last = pipeline.log().append(AuditRecords.admin("account.created", "user-" + i));
				if (i == 4) {
					pipeline.checkpoint();
				}
			}
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
			AuditVerification verification = pipeline.verifier().verify(from, Instant.now().plusSeconds(60));
			assertThat(verification.intact()).isTrue();
			assertThat(verification.streams()).singleElement().satisfies((s) -> {
				assertThat(s.lastCheckpointSequence()).isEqualTo(5);
				assertThat(s.lastSequence()).isEqualTo(8);
				assertThat(s.unsignedRecords()).isEqualTo(3);
			});
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			assertThat(verifyWithCli(keys, prefix, from, out)).isZero();
			assertThat(out.toString()).contains("INTACT", "signed up to 5",
					"sequences 6..8 are chained but not yet signed");
			assertThat(last.sequence()).isEqualTo(8);
		}
	}

	@Test
	void aForgedCheckpointIsReported() {
		Instant from = Instant.now().minusSeconds(5);
		String prefix = "it-forged-checkpoint";
		try (AuditPipeline pipeline = pipeline(prefix, keys())) {
			AuditReceipt receipt = pipeline.log().append(AuditRecords.admin("key.rotated", "admin"));
			pipeline.checkpoint();
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
			RawElasticsearch es = new RawElasticsearch(SharedElasticsearch.url());
			String id = receipt.stream() + "-cp-1";
			es.send("POST", "/" + prefix + ".checkpoints/_update/" + id + "?refresh=true",
					"{\"doc\":{\"checkpoint\":{\"hash\":\"" + "1".repeat(64) + "\"}}}");
			AuditVerification verification = pipeline.verifier().verify(from, Instant.now().plusSeconds(60));
			assertThat(verification.discrepancies()).extracting(Discrepancy::kind, Discrepancy::recordId)
				.containsExactly(tuple(Kind.CHECKPOINT_INVALID, id));
		}
	}

	@Test
	void restartingThePipelineShipsNothingTwice() {
		String prefix = "it-restart";
		Set<String> ids = new HashSet<>();
		for (int round = 0; round < 2; round++) {
			try (AuditPipeline pipeline = pipeline(prefix, keys())) {
				for (int i = 0; i < 25; i++) {
					ids.add(pipeline.log().append(AuditRecords.admin("account.changed", "u")).id());
				}
				assertThat(pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
			}
		}
		// Ship the same journal a third time from scratch: every create answers 409.
		try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(this.dir.resolve("journal"))) {
			java.nio.file.Files.deleteIfExists(this.dir.resolve("journal/shipped-offset"));
			assertThat(files.count()).isPositive();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		try (AuditPipeline pipeline = pipeline(prefix, keys())) {
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
		}
		java.util.Map<String, Integer> counts = new RawElasticsearch(SharedElasticsearch.url()).idCounts(prefix + "-*");
		assertThat(counts.keySet()).containsAll(ids);
		assertThat(RawElasticsearch.duplicates(counts)).isEmpty();
		assertThat(counts).hasSize(50);
	}

	@Test
	void retentionDeletesOnlyWholeMonthsOlderThanTheRetentionPeriod() {
		String prefix = "it-retention";
		RawElasticsearch es = new RawElasticsearch(SharedElasticsearch.url());
		String current = prefix + "-"
				+ java.time.format.DateTimeFormatter.ofPattern("yyyy.MM")
					.withZone(java.time.ZoneOffset.UTC)
					.format(Instant.now());
		String fiveMonths = prefix + "-"
				+ java.time.format.DateTimeFormatter.ofPattern("yyyy.MM")
					.withZone(java.time.ZoneOffset.UTC)
					.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusMonths(5));
		try (AuditPipeline pipeline = pipeline(prefix, keys())) {
			pipeline.log().append(AuditRecords.admin("account.created", "alice"));
			assertThat(pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
			for (String index : List.of(prefix + "-2020.01", prefix + "-2021.12", fiveMonths)) {
				es.send("PUT", "/" + index, null);
			}
			assertThat(pipeline.deleteExpired(Duration.ofDays(183))).containsExactlyInAnyOrder(prefix + "-2020.01",
					prefix + "-2021.12");
			JsonNode left = es.send("GET", "/_cat/indices/" + prefix + "-*?format=json&h=index", null);
			assertThat(left.valueStream().map((row) -> row.path("index").asString()).toList())
				.containsExactlyInAnyOrder(current, fiveMonths);
		}
	}

}
