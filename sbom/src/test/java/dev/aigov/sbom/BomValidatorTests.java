package dev.aigov.sbom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BomValidator} against the CycloneDX specification's fixtures, each as a dynamic
 * test, and against invalid variants of them that must fail with the offending path.
 */
class BomValidatorTests {

	private static final String ML_BOM = Fixtures.read(Fixtures.cyclonedx("valid-machine-learning-1.6.json"));

	private static final String ENVIRONMENTAL = Fixtures
		.read(Fixtures.cyclonedx("valid-machine-learning-considerations-env-1.6.json"));

	private final BomValidator validator = new BomValidator();

	@TestFactory
	Stream<DynamicTest> everyValidFixtureOfTheSpecificationValidates() {
		List<Path> fixtures = Fixtures.validCycloneDx();
		assertThat(fixtures).hasSizeGreaterThanOrEqualTo(6);
		return fixtures.stream().map((fixture) -> DynamicTest.dynamicTest(fixture.getFileName().toString(), () -> {
			BomValidation validation = this.validator.validate(Fixtures.bytes(fixture));
			assertThat(validation.errors()).isEmpty();
			assertThat(validation.specVersion()).isIn("1.4", "1.6");
		}));
	}

	@TestFactory
	Stream<DynamicTest> invalidVariantsFailWithThePathOfEachError() {
		return Stream.of(invalid("unknown component type", ML_BOM,
				(bom) -> bom.replace("\"machine-learning-model\"", "\"model\""), "/components/0/type", "enumeration"),
				invalid("serial number not a UUID URN", ML_BOM,
						(bom) -> bom.replace("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", "3e671687"),
						"/serialNumber", "pattern"),
				invalid("unknown learning approach", ML_BOM, (bom) -> bom.replace("\"supervised\"", "\"guided\""),
						"/components/0/modelCard/modelParameters/approach/type", "enumeration"),
				invalid("performance metric value as a number", ML_BOM,
						(bom) -> bom.replace("\"The value of the performance metric\"", "0.5"),
						"/components/0/modelCard/quantitativeAnalysis/performanceMetrics/0/value", "string"),
				invalid("member the schema does not define", ML_BOM,
						(bom) -> bom.replace("\"version\": 1,", "\"version\": 1, \"modelcard\": {},"), "",
						"'modelcard'"),
				invalid("energy in Wh instead of kWh", ENVIRONMENTAL,
						(bom) -> bom.replace("\"unit\": \"kWh\"", "\"unit\": \"Wh\""),
						"/components/0/modelCard/considerations/environmentalConsiderations/energyConsumptions/0/activityEnergyCost/unit",
						"enumeration"),
				invalid("BOM version zero", ML_BOM, (bom) -> bom.replace("\"version\": 1,", "\"version\": 0,"),
						"/version", "minimum"),
				invalid("missing bomFormat", ML_BOM, (bom) -> bom.replace("\"bomFormat\": \"CycloneDX\",", ""), "",
						"bomFormat"),
				invalid("bom-ref used twice", ML_BOM,
						(bom) -> bom.replace("\"type\": \"dataset\",",
								"\"type\": \"dataset\", \"bom-ref\": \"component-a\","),
						"/components/0/modelCard/modelParameters/datasets/0/bom-ref", "not unique"),
				invalid("ML model in a 1.4 BOM", ML_BOM,
						(bom) -> bom.replace("\"specVersion\": \"1.6\"", "\"specVersion\": \"1.4\""),
						"/components/0/type", "enumeration"));
	}

	private DynamicTest invalid(String name, String valid, UnaryOperator<String> change, String path, String message) {
		return DynamicTest.dynamicTest(name, () -> {
			String json = change.apply(valid);
			assertThat(json).isNotEqualTo(valid);
			BomValidation validation = this.validator.validate(json);
			assertThat(validation.valid()).isFalse();
			assertThat(validation.errors()).as(validation.errors().toString()).anySatisfy((error) -> {
				assertThat(error.path()).isEqualTo(path);
				assertThat(error.message()).contains(message);
			});
		});
	}

	@Test
	void textThatIsNotJsonIsReportedWithLineAndColumn() {
		BomValidation validation = this.validator.validate("{\n  \"bomFormat\": \"CycloneDX\",\n  oops\n}");

		assertThat(validation.specVersion()).isNull();
		assertThat(validation.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).startsWith("not valid JSON at line 3, column"));
	}

	@Test
	void duplicateMemberNamesAreRefused() {
		BomValidation validation = this.validator
			.validate("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"specVersion\": \"1.4\"}");

		assertThat(validation.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("Duplicate field 'specVersion'"));
	}

	@Test
	void unsupportedOrMissingSpecVersionIsNamed() {
		assertThat(this.validator.validate("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.3\"}").errors())
			.singleElement()
			.satisfies((error) -> {
				assertThat(error.path()).isEqualTo("/specVersion");
				assertThat(error.message()).contains("1.3 is not supported", "1.4, 1.5, 1.6");
			});
		assertThat(this.validator.validate("{\"bomFormat\": \"CycloneDX\"}").errors()).singleElement()
			.satisfies((error) -> assertThat(error.path()).isEqualTo("/specVersion"));
		assertThat(this.validator.validate("[1, 2]").errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("JSON object"));
	}

	@Test
	void enumerationsOfEverySpdxIdAreShortened() {
		String json = ML_BOM.replace("\"publisher\": \"Acme Inc\",",
				"\"publisher\": \"Acme Inc\", \"licenses\": [{\"license\": {\"id\": \"Not-A-Licence\"}}],");

		BomValidation validation = this.validator.validate(json);

		assertThat(validation.errors()).anySatisfy((error) -> {
			assertThat(error.path()).isEqualTo("/components/0/licenses/0/license/id");
			assertThat(error.message()).hasSizeLessThan(400).contains("more characters");
		});
	}

	@Test
	void validatesConcurrently() throws Exception {
		String json = new MlBomGenerator().generate(Resumes.realistic());
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Future<BomValidation>> results = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				results.add(threads.submit(() -> new BomValidator().validate(json)));
			}
			for (Future<BomValidation> result : results) {
				assertThat(result.get().errors()).isEmpty();
			}
		}
	}

	@Test
	void errorsReadAsPathAndMessage() {
		BomValidationError error = new BomValidationError("/version", "must have a minimum value of 1");

		assertThat(error).hasToString("/version: must have a minimum value of 1");
		assertThat(new BomValidationError("", "not JSON")).hasToString("(document): not JSON");
	}

}
