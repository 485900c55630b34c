package dev.aigov.sbom;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;

import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.JsfSigner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link BomImporter}: external CycloneDX JSON 1.4 to 1.6 is accepted when valid and
 * refused with every schema error listed when not.
 */
class BomImporterTests {

	private final BomImporter importer = new BomImporter(new BomValidator());

	@Test
	void mlBomOfTheSpecificationIsSummarized() {
		ImportedBom imported = this.importer
			.read(Fixtures.bytes(Fixtures.cyclonedx("valid-machine-learning-1.6.json")));

		assertThat(imported.specVersion()).isEqualTo("1.6");
		assertThat(imported.serialNumber()).isEqualTo("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
		assertThat(imported.components()).isEqualTo(1);
		assertThat(imported.modelComponents()).isEqualTo(1);
		assertThat(imported.signature().present()).isFalse();
	}

	@Test
	void signedSpecVersion14BomIsAcceptedWithItsSignatureState() {
		ImportedBom imported = this.importer.read(Fixtures.bytes(Fixtures.cyclonedx("valid-signatures-1.4.json")));

		assertThat(imported.specVersion()).isEqualTo("1.4");
		assertThat(imported.signature().present()).isTrue();
		assertThat(imported.signature().valid()).isTrue();
	}

	@Test
	void ourOwnSignedMlBomIsAccepted() throws Exception {
		JsfSigner signer = JsfSigner.of(JsfAlgorithm.ED25519, KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
				null);
		String signed = SignedBoms.sign(new MlBomGenerator().generate(Resumes.realistic()), signer);

		ImportedBom imported = this.importer.read(signed.getBytes(StandardCharsets.UTF_8));

		assertThat(imported.subjectName()).isEqualTo("COMPAS-style recidivism risk");
		assertThat(imported.subjectVersion()).isEqualTo("2.0.0");
		assertThat(imported.dataComponents()).isEqualTo(3);
		assertThat(imported.signature().valid()).isTrue();
		assertThat(imported.signature().signedRevision()).isEqualTo(ResumeRevision.of(Resumes.realistic()));
	}

	@Test
	void invalidBomIsRefusedWithItsSchemaErrorsListed() {
		String invalid = Fixtures.read(Fixtures.cyclonedx("valid-machine-learning-1.6.json"))
			.replace("\"machine-learning-model\"", "\"model\"")
			.replace("\"version\": 1,", "\"version\": 0,");

		assertThatExceptionOfType(InvalidBomException.class)
			.isThrownBy(() -> this.importer.read(invalid.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith("Not a valid CycloneDX JSON BOM 1.6: ");
				assertThat(ex.errors()).extracting(BomValidationError::path).contains("/components/0/type", "/version");
			});
	}

	@Test
	void unsupportedVersionIsRefused() {
		assertThatExceptionOfType(InvalidBomException.class)
			.isThrownBy(() -> this.importer
				.read("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.2\"}".getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement()
				.satisfies((error) -> assertThat(error.message()).contains("1.2 is not supported")));
	}

	@Test
	void oversizedDocumentIsRefusedBeforeParsing() {
		assertThatExceptionOfType(InvalidBomException.class)
			.isThrownBy(() -> this.importer.read(new byte[BomImporter.MAX_BYTES + 1]))
			.withMessageContaining("larger than 32 MiB");
	}

}
