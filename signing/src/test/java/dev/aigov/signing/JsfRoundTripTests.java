package dev.aigov.signing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.aigov.signing.SignatureVerdict.KeySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsfRoundTripTests {

	private static final Map<JsfAlgorithm, KeyPair> KEYS = new EnumMap<>(JsfAlgorithm.class);

	private static final String DOCUMENT = """
			{
			  "bomFormat": "CycloneDX",
			  "specVersion": "1.6",
			  "version": 1,
			  "metadata": {"timestamp": "2026-01-01T00:00:00Z", "score": 0.10, "count": 1E3},
			  "components": [
			    {"type": "machine-learning-model", "name": "résumé-classifier \\u2028 😂", "version": "1.0"},
			    {"type": "data", "name": "compas", "note": "mutable"}
			  ]
			}
			""";

	static KeyPair keys(JsfAlgorithm algorithm) {
		return KEYS.computeIfAbsent(algorithm, (alg) -> {
			try {
				return switch (alg) {
					case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
					case ES256, ES384 -> {
						KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
						generator.initialize(
								new ECGenParameterSpec((alg == JsfAlgorithm.ES256) ? "secp256r1" : "secp384r1"));
						yield generator.generateKeyPair();
					}
					case RS256 -> {
						KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
						generator.initialize(2048);
						yield generator.generateKeyPair();
					}
				};
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	static JsfSigner signer(JsfAlgorithm algorithm) {
		return JsfSigner.of(algorithm, keys(algorithm), "test-" + algorithm.jsfName());
	}

	@ParameterizedTest
	@EnumSource(JsfAlgorithm.class)
	void signedDocumentsVerifyWithTheEmbeddedKeyAndWithTheSignersKey(JsfAlgorithm algorithm) {
		JsfSigner signer = signer(algorithm);
		String signed = signer.sign(DOCUMENT);
		JsfVerification embedded = JsfVerifier.withEmbeddedKeys().verify(signed);
		assertThat(embedded.valid()).as(embedded.toString()).isTrue();
		assertThat(embedded.signatures()).singleElement().satisfies((verdict) -> {
			assertThat(verdict.path()).isEqualTo("/signature");
			assertThat(verdict.algorithm()).isEqualTo(algorithm.jsfName());
			assertThat(verdict.keyId()).isEqualTo("test-" + algorithm.jsfName());
			assertThat(verdict.keySource()).isEqualTo(KeySource.EMBEDDED_PUBLIC_KEY);
			assertThat(verdict.keyThumbprint()).isEqualTo(signer.publicKeyThumbprint());
		});
		JsfVerification trusted = JsfVerifier
			.withKeys(VerificationKeys.of(signer.keyId().orElseThrow(), keys(algorithm).getPublic()))
			.verify(signed);
		assertThat(trusted.valid()).as(trusted.toString()).isTrue();
		assertThat(trusted.signatures().get(0).keySource()).isEqualTo(KeySource.VERIFICATION_KEY);
		// any other layout of the same JSON verifies too, the canonical one included
		assertThat(JsfVerifier.withEmbeddedKeys().verify(JsonCanonicalizer.canonicalize(signed)).valid()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(JsfAlgorithm.class)
	void signaturesWithOnlyAKeyIdVerifyWithAJwks(JsfAlgorithm algorithm) {
		JsfSigner signer = signer(algorithm);
		String signed = signer.sign(DOCUMENT, JsfSignOptions.defaults().withoutPublicKey());
		assertThat(signed).doesNotContain("publicKey");
		String jwks = "{\"keys\":[" + signer.publicKeyJwk() + "]}";
		assertThat(JsfVerifier.withKeys(VerificationKeys.fromJwks(jwks)).verify(signed).valid()).isTrue();
		assertThat(JsfVerifier.withEmbeddedKeys().verify(signed).valid()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(JsfAlgorithm.class)
	void excludedPropertiesMayChangeOthersMayNot(JsfAlgorithm algorithm) {
		String document = "{\"signed\":\"a\",\"unsigned\":\"b\"}";
		String signed = signer(algorithm).sign(document, JsfSignOptions.defaults().withExcludes("unsigned"));
		JsfVerifier verifier = JsfVerifier.withEmbeddedKeys();
		assertThat(verifier.verify(signed).valid()).isTrue();
		assertThat(verifier.verify(signed).signatures().get(0).unsignedProperties()).containsExactly("unsigned");
		assertThat(verifier.verify(signed.replace("\"b\"", "\"changed\"")).valid()).isTrue();
		assertThat(verifier.verify(signed.replace("\"a\"", "\"changed\"")).valid()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(JsfAlgorithm.class)
	void nestedObjectsAreSignedOnTheirOwn(JsfAlgorithm algorithm) {
		JsfSigner signer = signer(algorithm);
		String signed = signer.sign(DOCUMENT, JsfSignOptions.defaults().withTarget("/components/0"));
		String both = signer.sign(signed);
		JsfVerification verification = JsfVerifier.withEmbeddedKeys().verify(both);
		assertThat(verification.valid()).isTrue();
		assertThat(verification.signatures()).extracting(SignatureVerdict::path)
			.containsExactly("/signature", "/components/0/signature");
		// the other component is covered by the document signature only
		JsfVerification tampered = JsfVerifier.withEmbeddedKeys().verify(both.replace("mutable", "changed"));
		assertThat(tampered.invalidSignatures()).extracting(SignatureVerdict::path).containsExactly("/signature");
	}

	@Test
	void multiSignaturesMixAlgorithmsAndEachSignerStandsAlone() {
		List<JsfSigner> signers = List.of(signer(JsfAlgorithm.ED25519), signer(JsfAlgorithm.ES256),
				signer(JsfAlgorithm.ES384), signer(JsfAlgorithm.RS256));
		String signed = JsfSigner.signMultiple(DOCUMENT, signers, JsfSignOptions.defaults().withExcludes("version"));
		JsfVerification verification = JsfVerifier.withEmbeddedKeys().verify(signed);
		assertThat(verification.valid()).as(verification.toString()).isTrue();
		assertThat(verification.signatures()).extracting(SignatureVerdict::path)
			.containsExactly("/signature/signers/0", "/signature/signers/1", "/signature/signers/2",
					"/signature/signers/3");
		assertThat(verification.signatures())
			.allMatch((verdict) -> verdict.unsignedProperties().equals(List.of("version")));
		// removing a signer leaves the others valid: they do not sign each other
		Map<String, Object> tree = tree(signed);
		List<?> array = (List<?>) ((Map<?, ?>) tree.get("signature")).get("signers");
		array.remove(0);
		assertThat(JsfVerifier.withEmbeddedKeys().verify(new String(JsonCanonicalizer.canonicalizeTree(tree))).valid())
			.isTrue();
	}

	@Test
	void chainSignersSignTheSignersBeforeThem() {
		List<JsfSigner> signers = List.of(signer(JsfAlgorithm.ES256), signer(JsfAlgorithm.RS256),
				signer(JsfAlgorithm.ED25519), signer(JsfAlgorithm.ES384));
		String signed = JsfSigner.signChain(DOCUMENT, signers, JsfSignOptions.defaults().withExcludes("version"));
		JsfVerification verification = JsfVerifier.withEmbeddedKeys().verify(signed);
		assertThat(verification.valid()).as(verification.toString()).isTrue();
		assertThat(verification.signatures()).hasSize(4);
		// dropping the first link breaks every later one, which signed it
		Map<String, Object> tree = tree(signed);
		((List<?>) ((Map<?, ?>) tree.get("signature")).get("chain")).remove(0);
		JsfVerification broken = JsfVerifier.withEmbeddedKeys()
			.verify(new String(JsonCanonicalizer.canonicalizeTree(tree)));
		assertThat(broken.signatures()).extracting(SignatureVerdict::valid).containsExactly(false, false, false);
	}

	@Test
	void theSignedDocumentIsTheInputWithTheSignatureAdded() {
		String signed = signer(JsfAlgorithm.ED25519).sign(DOCUMENT);
		String body = DOCUMENT.substring(0, DOCUMENT.lastIndexOf(']') + 1);
		assertThat(signed).startsWith(body + ",\n  \"signature\": {\n    \"algorithm\": \"Ed25519\",")
			.endsWith("\n  }\n}\n")
			.contains("\"score\": 0.10, \"count\": 1E3");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\n}", "{\"a\":[1,{\"b\":{}}]}", "{\r\n\t\"a\": 1\r\n}\r\n",
			"\ufeff{ \"a\" : { \"b\" : 2 } }", "{\n  \"a\": {\n    \"b\": [\n      1\n    ]\n  }\n}" })
	void signsDocumentsOfAnyLayout(String document) {
		JsfSigner signer = signer(JsfAlgorithm.ES256);
		String signed = signer.sign(document);
		assertThat(JsfVerifier.withEmbeddedKeys().verify(signed).valid()).as(signed).isTrue();
		assertThat(JsonCanonicalizer.canonicalizeToString(signed))
			.startsWith(JsonCanonicalizer.canonicalizeToString(document).replaceAll("}$", ""));
		if (document.contains("\"b\"")) {
			String nested = signer.sign(signed,
					JsfSignOptions.defaults().withTarget("/a" + (document.contains("[1,") ? "/1/b" : "")));
			JsfVerification verification = JsfVerifier.withEmbeddedKeys().verify(nested);
			assertThat(verification.signatures()).as(nested).hasSize(2);
			// the outer signature covered the nested object before it was signed
			assertThat(verification.invalidSignatures()).extracting(SignatureVerdict::path)
				.containsExactly("/signature");
		}
	}

	@Test
	void signingRefusesWhatItCannotSign() {
		JsfSigner signer = signer(JsfAlgorithm.ED25519);
		assertThatExceptionOfType(InvalidJsonException.class).isThrownBy(() -> signer.sign("{\"a\":1,\"a\":2}"));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("[1,2]"))
			.withMessageContaining("does not designate an object");
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign(signer.sign("{}")))
			.withMessageContaining("already has a \"signature\"");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signer.sign("{}", JsfSignOptions.defaults().withExcludes("missing")))
			.withMessageContaining("missing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signer.sign("{}", JsfSignOptions.defaults().withTarget("/nothing")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsfSigner.of(JsfAlgorithm.ES256, keys(JsfAlgorithm.ES384), null))
			.withMessageContaining("P-256");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsfSigner.of(JsfAlgorithm.ED25519,
					new KeyPair(keys(JsfAlgorithm.ED25519).getPublic(),
							Fixtures.jsfKeyPair("ed25519", "Ed25519").getPrivate()),
					null))
			.withMessageContaining("does not belong");
		JsfSigner withoutKeyId = JsfSigner.of(JsfAlgorithm.ED25519, keys(JsfAlgorithm.ED25519), null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> withoutKeyId.sign("{}", JsfSignOptions.defaults().withoutPublicKey()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> tree(String json) {
		return (Map<String, Object>) JsonCanonicalizer.parse(json);
	}

}
