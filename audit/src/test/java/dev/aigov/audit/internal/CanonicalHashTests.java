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
