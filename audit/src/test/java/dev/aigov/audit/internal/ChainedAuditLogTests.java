package dev.aigov.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.aigov.audit.AuditLog.AuditReceipt;
import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditRecords;
import dev.aigov.audit.AuditUnavailableException;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.SigningKeys;
import dev.aigov.signing.SigningProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainedAuditLogTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private ChainedAuditLog open(Path journal, long segment, long max, ContentMode mode) {
		SigningKeys keys = SigningKeys.open(SigningProperties.of(this.dir.resolve("keys/signing.p12")));
		return new ChainedAuditLog(journal, segment, max,
				new AuditDocuments(ContentProtection.open(mode, this.dir.resolve("content.key")), 2.0),
				keys::activeSigner, Clock.systemUTC());
	}

	@Test
	void concurrentAppendsGetConsecutiveSequencesAndSurviveARestart() throws Exception {
		Path journal = this.dir.resolve("journal");
		ChainedAuditLog log = open(journal, 64 * 1024, 1L << 30, ContentMode.REDACTED);
		Set<Long> sequences = ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			futures.add(pool.submit(() -> {
				for (int i = 0; i < 250; i++) {
					AuditReceipt receipt = log.append(AuditRecords.inference("r", "app", "allow", null));
					sequences.add(receipt.sequence());
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		assertThat(sequences).hasSize(2000).contains(1L, 2000L);
		log.close();
		List<Path> segments;
		try (Stream<Path> files = Files.list(journal)) {
			segments = files.filter((p) -> p.toString().endsWith(".seg")).toList();
		}
		assertThat(segments).as("64 KiB segments roll over").hasSizeGreaterThan(2);

		ChainedAuditLog reopened = open(journal, 64 * 1024, 1L << 30, ContentMode.REDACTED);
		AuditReceipt next = reopened.append(AuditRecords.inference("r", "app", "allow", null));
		assertThat(next.sequence()).isEqualTo(2001);
		List<JsonNode> records = records(reopened.journal());
		assertThat(records).hasSize(2001);
		// Each record carries its predecessor's hash, and its own hash matches its
		// content.
		String previous = ChainedAuditLog.GENESIS;
		for (JsonNode record : records) {
			JsonNode chain = record.path("aigov").path("chain");
			assertThat(chain.path("prev_hash").asString()).isEqualTo(previous);
			@SuppressWarnings("unchecked")
			Map<String, Object> doc = json.convertValue(record, Map.class);
			assertThat(AuditDocuments.chainHash(doc)).isEqualTo(chain.path("hash").asString());
			previous = chain.path("hash").asString();
		}
	}

	@Test
	void aTornTailIsCutOffOnRestartAndTheChainContinues() throws IOException {
		Path journal = this.dir.resolve("journal");
		ChainedAuditLog log = open(journal, 1 << 20, 1L << 30, ContentMode.REDACTED);
		AuditReceipt last = null;
		for (int i = 0; i < 10; i++) {
			last = log.append(AuditRecords.admin("account.created", "alice"));
		}
		log.close();
		Path segment;
		try (Stream<Path> files = Files.list(journal)) {
			segment = files.filter((p) -> p.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
		}
		// A crash in the middle of a frame: a length that promises more than is there.
		Files.write(segment, new byte[] { 0, 0, 1, 0, 1, 2, 3, 4, 1, '{' }, StandardOpenOption.APPEND);
		long size = Files.size(segment);

		ChainedAuditLog reopened = open(journal, 1 << 20, 1L << 30, ContentMode.REDACTED);
		assertThat(Files.size(segment)).isLessThan(size);
		AuditReceipt next = reopened.append(AuditRecords.admin("account.created", "carol"));
		assertThat(next.sequence()).isEqualTo(11);
		List<JsonNode> records = records(reopened.journal());
		assertThat(records.get(10).path("aigov").path("chain").path("prev_hash").asString()).isEqualTo(last.hash());
	}

	@Test
	void theZeroFillAheadOfTheLastEntryIsCutOffAfterACrashWithoutLosingAnEntry() throws IOException {
		Path journal = this.dir.resolve("journal");
		ChainedAuditLog crashed = open(journal, 8L << 20, 1L << 30, ContentMode.REDACTED);
		AuditReceipt last = null;
		for (int i = 0; i < 5; i++) {
			last = crashed.append(AuditRecords.inference("r" + i, "app", "allow", null));
		}
		Path segment;
		try (Stream<Path> files = Files.list(journal)) {
			segment = files.filter((p) -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
		}
		// Not closed: as after a crash, zeros follow the last entry.
		long written = Files.size(segment);
		assertThat(written).as("zero-filled ahead").isGreaterThanOrEqualTo(Journal.ZERO_FILL);
		byte[] bytes = Files.readAllBytes(segment);
		assertThat(bytes[bytes.length - 1]).isZero();

		ChainedAuditLog reopened = open(journal, 8L << 20, 1L << 30, ContentMode.REDACTED);
		assertThat(Files.size(segment)).as("zeros cut off").isLessThan(written);
		assertThat(records(reopened.journal())).hasSize(5);
		AuditReceipt next = reopened.append(AuditRecords.inference("r5", "app", "allow", null));
		assertThat(next.sequence()).isEqualTo(6);
		List<JsonNode> records = records(reopened.journal());
		assertThat(records).hasSize(6);
		assertThat(records.get(5).path("aigov").path("chain").path("prev_hash").asString()).isEqualTo(last.hash());
		reopened.close();
		assertThat(Files.size(segment)).as("a clean close leaves no zeros").isLessThan(Journal.ZERO_FILL);
	}

	@Test
	void appendsAreRefusedOnceTheJournalIsOverItsBound() {
		ChainedAuditLog log = open(this.dir.resolve("journal"), 8 * 1024, 32 * 1024, ContentMode.REDACTED);
		assertThatThrownBy(() -> {
			for (int i = 0; i < 1000; i++) {
				log.append(AuditRecords.inference("r", "app", "allow", null));
			}
		}).isInstanceOf(AuditUnavailableException.class).hasMessageContaining("over its bound");
	}

	/**
	 * A record over the journal's limit per entry (a prompt dense with hits, a huge
	 * answer) is refused like any record the log cannot take, so the caller fails closed;
	 * the log stays usable and the chain goes on from the last record it took.
	 */
	@Test
	void aRecordOverTheEntryLimitIsRefusedAndTheChainGoesOn() {
		ChainedAuditLog log = open(this.dir.resolve("journal"), 1 << 20, 1L << 30, ContentMode.REDACTED);
		AuditReceipt first = log.append(AuditRecords.admin("account.created", "alice"));
		AuditRecord huge = new AuditRecord(java.time.Instant.now(), null, "admin", "account.created", "success",
				new AuditRecord.Actor(null, null, "alice", "ADMIN", "127.0.0.1"), null,
				Map.of("target", "x".repeat(17 << 20)));
		assertThatThrownBy(() -> log.append(huge)).isInstanceOf(AuditUnavailableException.class)
			.hasMessageContaining("16 MiB");
		AuditReceipt next = log.append(AuditRecords.admin("account.created", "bob"));
		assertThat(next.sequence()).isEqualTo(first.sequence() + 1);
		assertThat(log.unavailable()).isNull();
	}

	@Test
	void aCallTooLargeForOneEntryIsRecordedWithoutItsTextsButWithTheirHashes() {
		ChainedAuditLog log = open(this.dir.resolve("journal"), 64 << 20, 1L << 30, ContentMode.ENCRYPTED);
		ContentProtection protection = ContentProtection.open(ContentMode.ENCRYPTED, this.dir.resolve("content.key"));
		// Encrypted mode keeps each text twice (redacted, and encrypted in base64): a 6
		// MiB
		// prompt takes 14 MiB, a 2 MiB answer 4.7 MiB more.
		String prompt = "p".repeat(6 << 20);
		String answer = "a".repeat(2 << 20);
		log.append(inference("fits-without-answer", prompt, answer, List.of()));
		// A 10 MiB prompt does not fit even alone.
		log.append(inference("fits-without-texts", "q".repeat(10 << 20), answer, List.of()));
		// 5,000 hits: the first thousand are kept, all are counted.
		List<AuditRecord.DetectorHit> hits = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			hits.add(new AuditRecord.DetectorHit("request", (i % 2 == 0) ? "EMAIL" : "PHONE", i * 10, i * 10 + 8, 0.9));
		}
		log.append(inference("many-hits", "short", "short", hits));
		log.append(inference("small", "short", "short", hits.subList(0, 3)));

		List<JsonNode> records = records(log.journal());
		assertThat(records).hasSize(4);
		JsonNode first = records.get(0).path("aigov");
		assertThat(protection.decrypt(first.path("prompt").path("encrypted").asString())).isEqualTo(prompt);
		assertThat(first.path("prompt").has("text_omitted")).isFalse();
		assertThat(first.path("response").path("text_omitted").asBoolean()).isTrue();
		assertThat(first.path("response").has("encrypted")).isFalse();
		assertThat(first.path("response").has("redacted")).isFalse();
		assertThat(first.path("response").path("length").asInt()).isEqualTo(answer.length());
		assertThat(first.path("response").path("hmac_sha256").asString()).isEqualTo(protection.hmac(answer));
		JsonNode second = records.get(1).path("aigov");
		for (String side : List.of("prompt", "response")) {
			assertThat(second.path(side).path("text_omitted").asBoolean()).isTrue();
			assertThat(second.path(side).has("encrypted")).isFalse();
			assertThat(second.path(side).path("hmac_sha256").asString()).hasSize(64);
		}
		assertThat(second.path("prompt").path("length").asInt()).isEqualTo(10 << 20);
		JsonNode many = records.get(2).path("aigov").path("detections");
		assertThat(many.path("count").asInt()).isEqualTo(5000);
		assertThat(many.path("hits")).hasSize(AuditDocuments.HITS_KEPT);
		assertThat(many.path("hits").get(999).path("start").asInt()).isEqualTo(9990);
		assertThat(many.path("hits_omitted").asInt()).isEqualTo(4000);
		assertThat(many.path("types").toString()).isEqualTo("[\"EMAIL\",\"PHONE\"]");
		JsonNode small = records.get(3).path("aigov");
		assertThat(small.path("detections").path("hits")).hasSize(3);
		assertThat(small.path("detections").has("hits_omitted")).isFalse();
		assertThat(small.path("response").path("redacted").asString()).isEqualTo("short");
		assertThat(log.unavailable()).isNull();
	}

	private static AuditRecord inference(String requestId, String prompt, String answer,
			List<AuditRecord.DetectorHit> hits) {
		AuditRecord template = AuditRecords.inference(requestId, "app", "allow", null);
		AuditRecord.Inference call = template.inference();
		return new AuditRecord(template.time(), requestId, "inference", template.action(), "success", template.actor(),
				new AuditRecord.Inference(call.requestedModel(), call.modelVersion(), call.route(), call.upstream(),
						call.packVersion(), call.rulesFired(), call.decision(), hits,
						new AuditRecord.Content(prompt, prompt), new AuditRecord.Content(answer, answer), 1, 1,
						call.latency(), null, 200, null, null, false, null, 0, null),
				Map.of());
	}

	@Test
	void aReadOnlyJournalDirectoryRefusesAppendsWithTheReason() throws Exception {
		Path journal = Files.createDirectories(this.dir.resolve("journal"));
		try (ReadOnly readOnly = ReadOnly.make(journal)) {
			ChainedAuditLog log = open(journal, 1 << 20, 1L << 30, ContentMode.REDACTED);
			assertThatThrownBy(() -> log.append(AuditRecords.admin("account.created", "alice")))
				.isInstanceOf(AuditUnavailableException.class)
				.hasMessageContaining(journal.toAbsolutePath().toString());
			assertThat(log.unavailable()).contains("cannot open the audit journal");
		}
	}

	@Test
	void rawTextIsNeverWrittenInTheClear() throws IOException {
		for (ContentMode mode : ContentMode.values()) {
			Path journal = this.dir.resolve("journal-" + mode);
			ChainedAuditLog log = open(journal, 1 << 20, 1L << 30, mode);
			log.append(AuditRecords.inference("r", "app", "redact", "privacy.email"));
			log.close();
			String bytes = readAll(journal);
			assertThat(bytes).doesNotContain("alice@example.com");
			JsonNode prompt = records(log.journal()).get(0).path("aigov").path("prompt");
			assertThat(prompt.path("hmac_sha256").asString()).hasSize(64);
			assertThat(prompt.has("redacted")).isEqualTo(mode != ContentMode.HASH);
			if (mode == ContentMode.ENCRYPTED) {
				ContentProtection protection = ContentProtection.open(mode, this.dir.resolve("content.key"));
				assertThat(protection.decrypt(prompt.path("encrypted").asString()))
					.isEqualTo("Mail alice@example.com the Q3 numbers");
			}
			else {
				assertThat(prompt.has("encrypted")).isFalse();
			}
		}
	}

	@Test
	void waterIsEnergyTimesTheDataCentreIntensity() throws IOException {
		ChainedAuditLog log = open(this.dir.resolve("journal"), 1 << 20, 1L << 30, ContentMode.HASH);
		log.append(AuditRecords.inference("r", "app", "allow", null));
		JsonNode energy = records(log.journal()).get(0).path("aigov").path("energy");
		assertThat(energy.path("wh").asDouble()).isEqualTo(0.42);
		assertThat(energy.path("water_ml").asDouble()).isEqualTo(0.84);
	}

	@Test
	void checkpointsAreSignedWithTheApplianceKey() {
		SigningKeys keys = SigningKeys.open(SigningProperties.of(this.dir.resolve("keys/signing.p12")));
		ChainedAuditLog log = open(this.dir.resolve("journal"), 1 << 20, 1L << 30, ContentMode.HASH);
		log.append(AuditRecords.admin("account.created", "alice"));
		assertThat(log.checkpoint()).isEqualTo(1);
		assertThat(log.checkpoint()).as("nothing moved").isZero();
		List<Journal.Entry> entries = log.journal().reader().read(0, 10);
		Journal.Entry checkpoint = entries.get(1);
		assertThat(checkpoint.type()).isEqualTo(Journal.CHECKPOINT);
		assertThat(keys.verifier().verify(checkpoint.payload()).valid()).isTrue();
		byte[] forged = new String(checkpoint.payload(), StandardCharsets.UTF_8)
			.replace("\"sequence\":1", "\"sequence\":2")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(keys.verifier().verify(forged).valid()).isFalse();
		JsfSigner unused = keys.activeSigner();
		assertThat(unused).isNotNull();
	}

	private static List<JsonNode> records(Journal journal) {
		List<JsonNode> records = new ArrayList<>();
		try (Journal.Reader reader = journal.reader()) {
			for (Journal.Entry entry : reader.read(0, 100_000)) {
				if (entry.type() == Journal.RECORD) {
					records.add(json.readTree(entry.payload()));
				}
			}
		}
		return records;
	}

	private static String readAll(Path journal) throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.list(journal)) {
			for (Path file : files.toList()) {
				all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
			}
		}
		return all.toString();
	}

}
