package dev.aigov.sbom;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.JsfSignOptions;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.VerificationKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SignedBoms}: JSF signatures on generated ML-BOMs, what verification reports, and
 * staleness against a newer résumé.
 */
class SignedBomsTests {

	private static final KeyPair KEYS = ed25519();

	private static final JsfSigner SIGNER = JsfSigner.of(JsfAlgorithm.ED25519, KEYS, "test-key");

	private final Resume resume = Resumes.realistic();

	private final String bom = new MlBomGenerator().generate(this.resume);

	private final String signed = SignedBoms.sign(this.bom, SIGNER);

	@Test
	void signedBomVerifiesWithTheEmbeddedKeyAndStaysSchemaValid() {
		assertThat(JsfVerifier.withEmbeddedKeys().verify(this.signed).valid()).isTrue();
		assertThat(new BomValidator().validate(this.signed).errors()).isEmpty();
		assertThat(this.signed).startsWith(this.bom.substring(0, this.bom.length() - 2))
			.contains("\n  \"signature\": {\n    \"algorithm\": \"Ed25519\",");
	}

	@Test
	void stateNamesKeyAlgorithmAndSignedRevision() {
		BomSignatureState state = SignedBoms.withEmbeddedKeys().verify(this.signed);

		assertThat(state.present()).isTrue();
		assertThat(state.valid()).isTrue();
		assertThat(state.algorithm()).isEqualTo("Ed25519");
		assertThat(state.keyId()).isEqualTo("test-key");
		assertThat(state.keyThumbprint()).isEqualTo(SIGNER.publicKeyThumbprint());
		assertThat(state.signedRevision()).isEqualTo(ResumeRevision.of(this.resume));
		assertThat(state.freshness()).isEqualTo(BomSignatureState.Freshness.NOT_JUDGED);
		assertThat(state.reason()).startsWith("Signature valid: signature verified with the embedded publicKey");
	}

	@Test
	void signingIsDeterministic() {
		assertThat(SignedBoms.sign(new MlBomGenerator().generate(Resumes.realistic()), SIGNER)).isEqualTo(this.signed);
	}

	@Test
	void changingOneByteBreaksTheSignature() {
		String tampered = this.signed.replace("\"value\": \"0.4234\"", "\"value\": \"0.4233\"");
		assertThat(tampered).isNotEqualTo(this.signed);

		BomSignatureState state = SignedBoms.withEmbeddedKeys().verify(tampered);

		assertThat(JsfVerifier.withEmbeddedKeys().verify(tampered).valid()).isFalse();
		assertThat(state.present()).isTrue();
		assertThat(state.valid()).isFalse();
		assertThat(state.reason()).startsWith("Signature invalid at /signature: the signature does not match");
		assertThat(state.trustworthyAndCurrent()).isFalse();
	}

	@Test
	void layoutChangesDoNotBreakTheSignature() {
		String compact = this.signed.replace("\n", "").replaceAll(" {2,}", "").replace("\": ", "\":");

		assertThat(SignedBoms.withEmbeddedKeys().verify(compact).valid()).isTrue();
	}

	@Test
	void bomOfTheCurrentRevisionIsCurrent() {
		BomSignatureState state = SignedBoms.withEmbeddedKeys().verify(this.signed, ResumeRevision.of(this.resume));

		assertThat(state.freshness()).isEqualTo(BomSignatureState.Freshness.CURRENT);
		assertThat(state.stale()).isFalse();
		assertThat(state.trustworthyAndCurrent()).isTrue();
	}

	@Test
	void bomOfAnOutdatedRevisionIsStale() {
		Resume newer = Resumes.revise(this.resume, new EntityRef(Kind.EVALUATION, "fairness-2025"),
				Instant.parse("2025-04-02T00:00:00Z"), Map.of("method", "Recomputed."));

		BomSignatureState state = SignedBoms.withEmbeddedKeys().verify(this.signed, ResumeRevision.of(newer));

		assertThat(state.valid()).isTrue();
		assertThat(state.stale()).isTrue();
		assertThat(state.trustworthyAndCurrent()).isFalse();
		assertThat(state.reason()).contains(
				"Stale: it reflects résumé revision " + ResumeRevision.of(this.resume).digest(),
				"the résumé is now at " + ResumeRevision.of(newer).digest() + " of 2025-04-02T00:00:00Z");
	}

	@Test
	void revisionOfAnotherModelVersionIsNotJudged() {
		BomSignatureState state = SignedBoms.withEmbeddedKeys()
			.verify(this.signed, ResumeRevision.of(Resumes.minimal()));

		assertThat(state.freshness()).isEqualTo(BomSignatureState.Freshness.NOT_JUDGED);
		assertThat(state.reason()).contains("describes https://aigov.dev/id/model-version/compas-risk-2, not");
	}

	@Test
	void unsignedBomIsNotPresentAndNotValid() {
		BomSignatureState state = SignedBoms.withEmbeddedKeys().verify(this.bom, ResumeRevision.of(this.resume));

		assertThat(state.present()).isFalse();
		assertThat(state.valid()).isFalse();
		assertThat(state.signedRevision()).isNull();
		assertThat(state.freshness()).isEqualTo(BomSignatureState.Freshness.NOT_JUDGED);
		assertThat(state.reason()).startsWith("Not signed: no JSF signature found");
	}

	@Test
	void revisionLeftOutOfTheSignatureIsNotReportedAsSigned() {
		String metadataUnsigned = SIGNER.sign(this.bom, JsfSignOptions.defaults().withExcludes("metadata"));

		BomSignatureState state = SignedBoms.withEmbeddedKeys()
			.verify(metadataUnsigned, ResumeRevision.of(this.resume));

		assertThat(state.valid()).isTrue();
		assertThat(state.signedRevision()).isNull();
		assertThat(state.freshness()).isEqualTo(BomSignatureState.Freshness.NOT_JUDGED);
		assertThat(SignedBoms.revisionOf(metadataUnsigned)).contains(ResumeRevision.of(this.resume));
	}

	@Test
	void signatureByAnUntrustedKeyIsInvalidForAVerifierWithKeys() {
		KeyPair other = ed25519();
		SignedBoms trusting = new SignedBoms(
				JsfVerifier.withKeys(VerificationKeys.of("appliance-key", other.getPublic())));

		BomSignatureState state = trusting.verify(this.signed);

		assertThat(state.present()).isTrue();
		assertThat(state.valid()).isFalse();
		assertThat(state.reason()).contains("not among the verification keys");
	}

	@Test
	void specificationFixturesReportTheirSignatures() {
		BomSignatureState spec14 = SignedBoms.withEmbeddedKeys()
			.verify(Fixtures.read(Fixtures.cyclonedx("valid-signatures-1.4.json")));
		BomSignatureState spec16 = SignedBoms.withEmbeddedKeys()
			.verify(Fixtures.read(Fixtures.cyclonedx("valid-signatures-1.6.json")));

		assertThat(spec14.present()).isTrue();
		assertThat(spec14.valid()).isTrue();
		assertThat(spec14.algorithm()).isEqualTo("ES256");
		assertThat(spec14.signedRevision()).isNull();
		assertThat(spec16.present()).isTrue();
		assertThat(spec16.valid()).isFalse();
	}

	@Test
	void garbageIsReportedNotThrown() {
		BomSignatureState state = SignedBoms.withEmbeddedKeys().verify("{ not json");

		assertThat(state.present()).isFalse();
		assertThat(state.valid()).isFalse();
		assertThat(SignedBoms.revisionOf("{ not json")).isEmpty();
	}

	@Test
	void signingTwiceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SignedBoms.sign(this.signed, SIGNER))
			.withMessageContaining("already has a \"signature\"");
	}

	private static KeyPair ed25519() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
