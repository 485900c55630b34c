package dev.aigov.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonCanonicalizerTests {

	@TestFactory
	Stream<DynamicTest> reproducesTheRfc8785ReferenceOutputByteForByte() throws IOException {
		Path input = Fixtures.conformance("jcs", "input");
		try (Stream<Path> files = Files.list(input)) {
			List<Path> sorted = files.sorted().toList();
			assertThat(sorted).hasSizeGreaterThanOrEqualTo(6);
			return sorted.stream().map((file) -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
				byte[] expected = Files
					.readAllBytes(Fixtures.conformance("jcs", "output", file.getFileName().toString()));
				assertThat(JsonCanonicalizer.canonicalize(Files.readAllBytes(file))).isEqualTo(expected);
				assertThat(JsonCanonicalizer.canonicalize(Files.readString(file))).isEqualTo(expected);
				// canonical output is a fixed point
				assertThat(JsonCanonicalizer.canonicalize(expected)).isEqualTo(expected);
			}));
		}
	}

	@Test
	void formatsNumbersAsEcmaScriptDoes() throws IOException {
		List<String> failures = new ArrayList<>();
		int count = 0;
		try (InputStream in = getClass().getResourceAsStream("es6-numbers.txt")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split(",");
				double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
				String actual = JsonCanonicalizer.canonicalizeToString("[" + repr(value) + "]");
				count++;
				if (!actual.equals("[" + parts[1] + "]")) {
					failures.add(parts[0] + ": expected " + parts[1] + " but was " + actual);
				}
			}
		}
		assertThat(count).isGreaterThan(10_000);
		assertThat(failures).isEmpty();
	}

	private static String repr(double value) {
		// Java's own text round-trips exactly, which is all the parser needs.
		return Double.toString(value).replace("Infinity", "1e999");
	}

	@Test
	void formatsTheSampleNumbersOfTheJcsTestData() {
		assertThat(JsonCanonicalizer.canonicalizeToString(
				"[9007199254740994, 9007199254740996, 1e21, 0.000001, 9.999999999999997e-7, -0, 0, 5e-324, 1e-7, 123e18]"))
			.isEqualTo(
					"[9007199254740994,9007199254740996,1e+21,0.000001,9.999999999999997e-7,0,0,5e-324,1e-7,123000000000000000000]");
	}

	@Test
	void sortsByUtf16CodeUnitsNotCodePoints() {
		// U+FB33 (one unit, 0xFB33) sorts after U+1F602 (surrogates 0xD83D 0xDE02) in
		// UTF-16
		assertThat(JsonCanonicalizer.canonicalizeToString("{\"\\ufb33\":1,\"\\ud83d\\ude02\":2}"))
			.isEqualTo("{\"\ud83d\ude02\":2,\"\ufb33\":1}");
	}

	@Test
	void escapesOnlyWhatRfc8785Escapes() {
		assertThat(JsonCanonicalizer.canonicalizeToString("\"\\u0000\\u001f\\u007f\\u2028/\\/<\\b\\t\""))
			.isEqualTo("\"\\u0000\\u001f\u007f\u2028//<\\b\\t\"");
	}

	@Test
	void canonicalizesATreeOfJdkTypes() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("z", 1L);
		inner.put("a", List.of(true, 2.50, "x"));
		Map<String, Object> outer = new LinkedHashMap<>();
		outer.put("b", inner);
		outer.put("a", null);
		assertThat(new String(JsonCanonicalizer.canonicalizeTree(outer), StandardCharsets.UTF_8))
			.isEqualTo("{\"a\":null,\"b\":{\"a\":[true,2.5,\"x\"],\"z\":1}}");
	}

	@Test
	void parsesIntoJdkTypesInDocumentOrder() {
		Object tree = JsonCanonicalizer.parse("{\"b\":[1,2.5,\"s\",null,true],\"a\":{}}");
		assertThat(tree).isInstanceOf(Map.class);
		Map<?, ?> object = (Map<?, ?>) tree;
		assertThat(new ArrayList<Object>(object.keySet())).containsExactly("b", "a");
		assertThat(new ArrayList<Object>((List<?>) object.get("b"))).containsExactly(1.0, 2.5, "s", null, true);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":1,\"a\":2}", "[NaN]", "[Infinity]", "[1e400]", "[-1e400]", "[01]", "[1,]",
			"{\"a\":1} {}", "{'a':1}", "[\"\\ud800\"]", "{\"\\udc00x\":1}", "// c\n[]", "", "[\"a\tb\"]", "[.5]",
			"[1.]", "[+1]", "{\"a\" 1}", "[true false]" })
	void rejectsWhatIsNotStrictJson(String json) {
		assertThatExceptionOfType(InvalidJsonException.class).isThrownBy(() -> JsonCanonicalizer.canonicalize(json))
			.withMessageStartingWith("invalid JSON");
	}

	@Test
	void saysWhereADuplicateKeyIs() {
		assertThatExceptionOfType(InvalidJsonException.class)
			.isThrownBy(() -> JsonCanonicalizer.canonicalize("{\n  \"a\": 1,\n  \"a\": 2\n}"))
			.withMessageContaining("line 3")
			.withMessageContaining("\"a\"");
	}

	@Test
	void rejectsMalformedUtf8() {
		byte[] overlong = { '[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']' };
		byte[] encodedSurrogate = { '[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']' };
		assertThatExceptionOfType(InvalidJsonException.class).isThrownBy(() -> JsonCanonicalizer.canonicalize(overlong))
			.withMessageContaining("UTF-8");
		assertThatExceptionOfType(InvalidJsonException.class)
			.isThrownBy(() -> JsonCanonicalizer.canonicalize(encodedSurrogate));
	}

	@Test
	void ignoresAByteOrderMark() {
		byte[] withBom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}' };
		assertThat(JsonCanonicalizer.canonicalize(withBom)).isEqualTo(new byte[] { '{', '}' });
	}

	@Test
	void refusesTreesJsonCannotExpress() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonCanonicalizer.canonicalizeTree(List.of(Double.NaN)));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonCanonicalizer.canonicalizeTree(Map.of(1, "x")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsonCanonicalizer.canonicalizeTree(List.of(new Object())));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonCanonicalizer.canonicalizeTree("\ud800"));
	}

}
