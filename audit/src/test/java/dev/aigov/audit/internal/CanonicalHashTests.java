package dev.aigov.audit.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditRecords;
import dev.aigov.signing.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast canonical hash agrees byte for byte with the signing module's RFC 8785. */
class CanonicalHashTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void sameBytesAsTheSigningModulesCanonicalizer() {
		List<Object> trees = new ArrayList<>();
		AuditDocuments documents = new AuditDocuments(
				ContentProtection.open(ContentMode.ENCRYPTED, this.dir.resolve("k")), 1.8);
		trees.add(documents.toDocument(AuditRecords.inference("r-1", "crm", "redact", "privacy.email")));
		trees.add(documents.toDocument(AuditRecords.admin("account.created", "ålice")));
		Map<String, Object> edge = new LinkedHashMap<>();
		edge.put("numbers",
				List.of(0.1, 1e-7, 1e21, 1.5e300, -0.0, 123.456, 5e-324, 9007199254740993L, 42, -7L,
						0.30000000000000004, 1e20, 2.5, 0.001, 0.00099, 9999999.5, 1e7, 812.4, 0.558, -3.14159,
						1.7976931348623157e308, 4.35, 0.1 + 0.2, 100.0 / 3));
		edge.put("strings", List.of("tab\there", "quote\"back\\slash", "\u0001\u001f", "中文 😀", "é", "\u2028"));
		edge.put("b", true);
		edge.put("a", null);
		edge.put("Z", Map.of("é", 1, "e", 2, "E", 3, "\uD83D\uDE00", 4, "\uFFFF", 5));
		trees.add(edge);
		for (Object tree : trees) {
			assertThat(new String(CanonicalHash.bytes(tree)))
				.isEqualTo(new String(JsonCanonicalizer.canonicalizeTree(tree)));
			assertThat(CanonicalHash.of(tree))
				.isEqualTo(AuditDocuments.sha256Hex(JsonCanonicalizer.canonicalizeTree(tree)));
			// The same document parsed back (as the verifier reads it) hashes the same.
			ObjectNode parsed = (ObjectNode) json.readTree(json.writeValueAsBytes(tree));
			assertThat(CanonicalHash.of(parsed)).isEqualTo(CanonicalHash.of(tree));
		}
	}

	@Test
	void randomStringsWriteAsTheSigningModulesCanonicalizerWritesThem() {
		// Runs of plain ASCII are copied in bulk: mix them with every kind of character
		// that breaks a run, at every position and across the buffer's growth.
		String[] pieces = { "a", "Zz09 ~", "\"", "\\", "\n", "\u0000", "\u001f", "\u007f", "é", "中文", "\uD83D\uDE00",
				"\u2028", "\uFFFF", "x".repeat(5000) };
		java.util.Random random = new java.util.Random(8785);
		for (int round = 0; round < 500; round++) {
			StringBuilder text = new StringBuilder();
			int parts = random.nextInt(12);
			for (int p = 0; p < parts; p++) {
				text.append(pieces[random.nextInt((round % 10 == 0) ? pieces.length : pieces.length - 1)]);
			}
			Map<String, Object> tree = Map.of(text.toString(), List.of(text.toString(), "after"));
			assertThat(CanonicalHash.bytes(tree)).isEqualTo(JsonCanonicalizer.canonicalizeTree(tree));
		}
		assertThatThrownBy(() -> CanonicalHash.bytes(List.of("plain \uD83D then")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aTemplateFilledInHashesAndReadsAsTheWholeTreeWritten() {
		AuditDocuments documents = new AuditDocuments(
				ContentProtection.open(ContentMode.ENCRYPTED, this.dir.resolve("k")), 1.8);
		for (Map<String, Object> doc : List.of(
				documents.toDocument(AuditRecords.inference("r-1", "crm", "redact", "privacy.email")),
				documents.toDocument(AuditRecords.admin("account.created", "ålice \"quoted\"")))) {
			Map<String, Object> chain = new LinkedHashMap<>();
			chain.put("stream", "inference-0a1b2c3d");
			chain.put("sequence", 1234567L);
			chain.put("prev_hash", "ab".repeat(32));
			chain.put("appended_at", "2026-11-24T05:40:00.120Z");
			withSlots(doc);
			CanonicalHash.Template template = CanonicalHash.template(doc);
			byte[][] values = new byte[2][];
			values[CanonicalHash.Slot.CHAIN.ordinal()] = CanonicalHash.bytes(chain);
			values[CanonicalHash.Slot.EVENT_ID.ordinal()] = CanonicalHash.bytes("inference-0a1b2c3d-1234567");
			String hash = template.hash(values);
			byte[] filled = template.fill(values);

			fill(doc, chain, "inference-0a1b2c3d-1234567");
			assertThat(new String(filled, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
					new String(JsonCanonicalizer.canonicalizeTree(doc), java.nio.charset.StandardCharsets.UTF_8));
			assertThat(hash).isEqualTo(AuditDocuments.chainHash(doc));
			// With the hash added, as the journal stores it: the verifier's hash of the
			// stored bytes is the same, and so are the chain fields it reads.
			chain.put("hash", hash);
			values[CanonicalHash.Slot.CHAIN.ordinal()] = CanonicalHash.bytes(chain);
			byte[] stored = template.fill(values);
			CanonicalHash.Chained read = CanonicalHash.ofSource(stored, 0, stored.length);
			assertThat(read.computed()).isEqualTo(hash);
			assertThat(read.hash()).isEqualTo(hash);
			assertThat(read.sequence()).isEqualTo(1234567L);
			// The same document as JSON (numbers in their canonical form: 110.0 is 110).
			assertThat(CanonicalHash.bytes(json.readValue(stored, Map.class))).isEqualTo(CanonicalHash.bytes(doc));
		}
	}

	@Test
	void aTemplateRefusesAMissingValueAndASlotTwice() {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("a", CanonicalHash.Slot.CHAIN);
		CanonicalHash.Template template = CanonicalHash.template(doc);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> template.fill(new byte[2][]))
			.withMessageContaining("CHAIN");
		doc.put("b", CanonicalHash.Slot.CHAIN);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> CanonicalHash.template(doc));
		// Outside a template a slot is no JSON value.
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> CanonicalHash.of((Object) doc));
	}

	@SuppressWarnings("unchecked")
	private static void withSlots(Map<String, Object> doc) {
		((Map<String, Object>) doc.get("event")).put("id", CanonicalHash.Slot.EVENT_ID);
		((Map<String, Object>) doc.get("aigov")).put("chain", CanonicalHash.Slot.CHAIN);
	}

	@SuppressWarnings("unchecked")
	private static void fill(Map<String, Object> doc, Map<String, Object> chain, String id) {
		((Map<String, Object>) doc.get("event")).put("id", id);
		((Map<String, Object>) doc.get("aigov")).put("chain", chain);
	}

	@Test
	void hashingStoredBytesAgreesWithHashingTheParsedTree() {
		AuditDocuments documents = new AuditDocuments(
				ContentProtection.open(ContentMode.REDACTED, this.dir.resolve("k")), 1.8);
		Map<String, Object> doc = documents.toDocument(AuditRecords.inference("r-1", "crm", "redact", "privacy.email"));
		Map<String, Object> chain = new LinkedHashMap<>();
		chain.put("stream", "inference-j1");
		chain.put("sequence", 42L);
		chain.put("prev_hash", "ab".repeat(32));
		chain.put("hash", "cd".repeat(32));
		@SuppressWarnings("unchecked")
		Map<String, Object> aigov = (Map<String, Object>) doc.get("aigov");
		aigov.put("chain", chain);
		aigov.put("odd",
				Map.of("escaped", "tab\there \"q\" \\ \u0001 中文 😀 \u2028", "numbers",
						List.of(0.1, 1e-7, 1e21, -0.0, 9007199254740993L, 123456789012345678L, 0.30000000000000004, 1e7,
								-3.14159, 0),
						"é", true, "e", false, "E", java.util.Collections.singletonMap("n", null)));
		byte[] stored = json.writeValueAsBytes(doc);
		String expected = AuditDocuments.chainHash((ObjectNode) json.readTree(stored));

		// Elasticsearch hands the source back inside a larger response.
		byte[] response = ("{\"_id\":\"x\",\"_source\": " + new String(stored, java.nio.charset.StandardCharsets.UTF_8)
				+ " }")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		int start = "{\"_id\":\"x\",\"_source\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		CanonicalHash.Chained chained = CanonicalHash.ofSource(response, start, start + stored.length);
		assertThat(chained.computed()).isEqualTo(expected);
		assertThat(chained.stream()).isEqualTo("inference-j1");
		assertThat(chained.sequence()).isEqualTo(42L);
		assertThat(chained.hash()).isEqualTo("cd".repeat(32));
		assertThat(chained.prevHash()).isEqualTo("ab".repeat(32));

		// Whitespace and member order do not matter; content does.
		String spaced = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(stored));
		byte[] pretty = spaced.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(CanonicalHash.ofSource(pretty, 0, pretty.length).computed()).isEqualTo(expected);
		byte[] changed = new String(stored, java.nio.charset.StandardCharsets.UTF_8).replace("\"redact\"", "\"allow\"")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(CanonicalHash.ofSource(changed, 0, changed.length).computed()).isNotEqualTo(expected);
		byte[] broken = "{\"a\":[1,}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> CanonicalHash.ofSource(broken, 0, broken.length));
	}

	@Test
	void randomNumbersFormatLikeEcmaScript() {
		java.util.Random random = new java.util.Random(42);
		List<Object> numbers = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			double scale = Math.pow(10, random.nextInt(16) - 5);
			numbers.add(random.nextDouble() * scale * (random.nextBoolean() ? 1 : -1));
			numbers.add(Math.round(random.nextDouble() * 1e6) / 1000.0);
		}
		assertThat(new String(CanonicalHash.bytes(numbers)))
			.isEqualTo(new String(JsonCanonicalizer.canonicalizeTree(numbers)));
	}

}
