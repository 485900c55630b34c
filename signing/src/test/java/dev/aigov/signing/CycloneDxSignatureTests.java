package dev.aigov.signing;

import dev.aigov.signing.SignatureVerdict.KeySource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSF signatures of the CycloneDX specification's fixtures: ES256 with the key in
 * {@code certificatePath[0]}, an expired certificate whose dates must not matter.
 */
class CycloneDxSignatureTests {

	private static final JsfVerifier VERIFIER = JsfVerifier.withEmbeddedKeys();

	@Test
	void allFourSignaturesOfTheSpecVersion14FixtureVerify() {
		JsfVerification verification = VERIFIER
			.verify(Fixtures.read(Fixtures.conformance("cyclonedx", "valid-signatures-1.4.json")));
		assertThat(verification.valid()).as(verification.toString()).isTrue();
		assertThat(verification.signatures()).extracting(SignatureVerdict::path)
			.containsExactlyInAnyOrder("/signature", "/components/0/signature", "/services/0/signature",
					"/compositions/0/signature");
		assertThat(verification.signatures()).allMatch((verdict) -> verdict.keySource() == KeySource.CERTIFICATE_PATH)
			.allMatch((verdict) -> "ES256".equals(verdict.algorithm()));
	}

	@Test
	void theBomLevelSignatureOfTheSpecVersion16FixtureFailsWhileTheNestedOnesVerify() {
		JsfVerification verification = VERIFIER
			.verify(Fixtures.read(Fixtures.conformance("cyclonedx", "valid-signatures-1.6.json")));
		assertThat(verification.valid()).isFalse();
		assertThat(verification.invalidSignatures()).singleElement().satisfies((verdict) -> {
			assertThat(verdict.path()).isEqualTo("/signature");
			assertThat(verdict.reason()).contains("does not match the signed data");
		});
		assertThat(verification.signatures()).filteredOn(SignatureVerdict::valid)
			.extracting(SignatureVerdict::path)
			.containsExactlyInAnyOrder("/components/0/signature", "/services/0/signature", "/compositions/0/signature");
	}

	@Test
	void aChangedComponentBreaksItsOwnSignatureAndTheBomSignature() {
		String bom = Fixtures.read(Fixtures.conformance("cyclonedx", "valid-signatures-1.4.json"))
			.replace("\"name\": \"amce app\"", "\"name\": \"acme app\"");
		JsfVerification verification = VERIFIER.verify(bom);
		assertThat(verification.invalidSignatures()).extracting(SignatureVerdict::path)
			.containsExactlyInAnyOrder("/signature", "/components/0/signature");
	}

	@Test
	void unsignedCycloneDxFixturesHaveNoSignature() {
		JsfVerification verification = VERIFIER
			.verify(Fixtures.read(Fixtures.conformance("cyclonedx", "valid-machine-learning-1.6.json")));
		assertThat(verification.valid()).isFalse();
		assertThat(verification.signatures()).isEmpty();
		assertThat(verification.problem()).startsWith("no JSF signature found");
	}

}
