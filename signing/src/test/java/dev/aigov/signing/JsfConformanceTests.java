package dev.aigov.signing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.aigov.signing.SignatureVerdict.KeySource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSF test vectors of cyberphone/openkeystore: all verify, and changing any signed
 * character makes them fail.
 */
class JsfConformanceTests {

	private static final JsfVerifier EMBEDDED = JsfVerifier.withEmbeddedKeys();

	private static final JsfVerifier WITH_PEM_KEYS = JsfVerifier.withKeys(Fixtures.jsfPemKeys());

	@Test
	void coversEveryKindOfVector() {
		List<String> names = Fixtures.jsfVectors().stream().map((file) -> file.getFileName().toString()).toList();
		assertThat(names).hasSize(8)
			.anyMatch((name) -> name.contains("@kid"))
			.anyMatch((name) -> name.contains("@excl"))
			.anyMatch((name) -> name.contains("@mult"))
			.anyMatch((name) -> name.contains("@chai"))
			.anyMatch((name) -> name.startsWith("r2048#rs256"))
			.anyMatch((name) -> name.startsWith("p384#es384"))
			.anyMatch((name) -> name.startsWith("ed25519#ed25519"));
	}

	@TestFactory
	Stream<DynamicTest> everyVectorVerifiesWithTheVectorKeys() {
		return Fixtures.jsfVectors().stream().map((file) -> DynamicTest.dynamicTest(name(file), () -> {
			JsfVerification verification = WITH_PEM_KEYS.verify(Fixtures.read(file));
			assertThat(verification.valid()).as(verification.toString()).isTrue();
			assertThat(verification.signatures())
				.allMatch((verdict) -> verdict.keySource() == KeySource.VERIFICATION_KEY);
			int expected = (name(file).contains("@mult") || name(file).contains("@chai")) ? 2 : 1;
			assertThat(verification.signatures()).hasSize(expected);
		}));
	}

	@TestFactory
	Stream<DynamicTest> vectorsWithAnEmbeddedKeyVerifyWithoutKeys() {
		return Fixtures.jsfVectors()
			.stream()
			.filter((file) -> !name(file).contains("@kid"))
			.map((file) -> DynamicTest.dynamicTest(name(file), () -> {
				JsfVerification verification = EMBEDDED.verify(Fixtures.read(file));
				assertThat(verification.valid()).as(verification.toString()).isTrue();
				assertThat(verification.signatures())
					.allMatch((verdict) -> verdict.keySource() == KeySource.EMBEDDED_PUBLIC_KEY);
			}));
	}

	@Test
	void multiAndChainSignaturesAreReportedPerSigner() {
		JsfVerification multi = EMBEDDED.verify(Fixtures.read(vector("@mult")));
		assertThat(multi.signatures()).extracting(SignatureVerdict::path)
			.containsExactly("/signature/signers/0", "/signature/signers/1");
		assertThat(multi.signatures()).extracting(SignatureVerdict::algorithm).containsExactly("ES256", "Ed25519");
		JsfVerification chain = EMBEDDED.verify(Fixtures.read(vector("@chai")));
		assertThat(chain.signatures()).extracting(SignatureVerdict::path)
			.containsExactly("/signature/chain/0", "/signature/chain/1");
	}

	@Test
	void excludedPropertiesAreReportedAsUnsigned() {
		String json = Fixtures.read(vector("@excl"));
		JsfVerification verification = EMBEDDED.verify(json);
		assertThat(verification.signatures().get(0).unsignedProperties()).containsExactly("myUnsignedData");
		// the excluded value may change
		assertThat(EMBEDDED.verify(json.replace("something else", "anything")).valid()).isTrue();
	}

	@Test
	void theKeyIdVectorNeedsItsKey() {
		JsfVerification verification = EMBEDDED.verify(Fixtures.read(vector("@kid")));
		assertThat(verification.valid()).isFalse();
		assertThat(verification.signatures().get(0).reason()).contains("no key for keyId \"example.com:p256\"");
	}

	@Test
	void ed25519SigningReproducesTheVectorExactly() {
		// Ed25519 is deterministic: re-signing the vector's data must give the vector's
		// value.
		String vector = Fixtures.read(vector("ed25519#ed25519@jwk"));
		Map<?, ?> parsed = (Map<?, ?>) JsonCanonicalizer.parse(vector);
		String expected = (String) ((Map<?, ?>) parsed.get("signature")).get("value");
		String unsigned = "{\"now\":\"2019-02-10T11:23:06Z\",\"name\":\"Joe\",\"id\":2200063}";
		JsfSigner signer = JsfSigner.of(JsfAlgorithm.ED25519, Fixtures.jsfKeyPair("ed25519", "Ed25519"), null);
		Map<?, ?> signed = (Map<?, ?>) JsonCanonicalizer.parse(signer.sign(unsigned));
		assertThat(((Map<?, ?>) signed.get("signature")).get("value")).isEqualTo(expected);
	}

	@TestFactory
	Stream<DynamicTest> changingAnySignedCharacterMakesVerificationFail() {
		return Fixtures.jsfVectors().stream().map((file) -> DynamicTest.dynamicTest(name(file), () -> {
			String json = Fixtures.read(file);
			int unsignedStart = json.indexOf("\"something else\"");
			int unsignedEnd = (unsignedStart < 0) ? -1 : unsignedStart + "\"something else\"".length();
			List<String> survivors = new ArrayList<>();
			int mutations = 0;
			for (int i = 0; i < json.length(); i++) {
				char c = json.charAt(i);
				if (!Character.isLetterOrDigit(c) || (i >= unsignedStart && i < unsignedEnd)) {
					continue;
				}
				char replacement = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10)
						: (c == 'z' ? 'a' : (c == 'Z' ? 'A' : (char) (c + 1)));
				String tampered = json.substring(0, i) + replacement + json.substring(i + 1);
				mutations++;
				if (WITH_PEM_KEYS.verify(tampered).valid() || EMBEDDED.verify(tampered).valid()) {
					survivors.add(i + ": " + c + "->" + replacement);
				}
			}
			assertThat(mutations).isGreaterThan(100);
			assertThat(survivors).isEmpty();
		}));
	}

	private static Path vector(String marker) {
		return Fixtures.jsfVectors().stream().filter((file) -> name(file).contains(marker)).findFirst().orElseThrow();
	}

	private static String name(Path file) {
		return file.getFileName().toString();
	}

}
