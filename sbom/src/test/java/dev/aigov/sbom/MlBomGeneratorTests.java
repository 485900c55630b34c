package dev.aigov.sbom;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link MlBomGenerator}: schema-valid CycloneDX 1.6, every part of the résumé where the
 * mapping puts it, and the same bytes for the same revisions.
 */
class MlBomGeneratorTests {

	private static final String ID = "https://aigov.dev/id/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MlBomGenerator generator = new MlBomGenerator();

	private final BomValidator validator = new BomValidator();

	@Test
	void realisticResumeGivesASchemaValidCycloneDx16MlBom() {
		String json = this.generator.generate(Resumes.realistic());

		BomValidation validation = this.validator.validate(json);

		assertThat(validation.errors()).isEmpty();
		assertThat(validation.specVersion()).isEqualTo("1.6");
	}

	@Test
	void minimalResumeGivesASchemaValidBom() {
		JsonNode bom = generate(Resumes.minimal());

		assertThat(this.validator.validate(this.generator.generate(Resumes.minimal())).errors()).isEmpty();
		assertThat(bom.at("/metadata/component/name").asString()).isEqualTo("bare-1");
		assertThat(bom.at("/metadata/lifecycles/0/phase").asString()).isEqualTo("post-build");
		assertThat(bom.has("components")).isFalse();
		assertThat(bom.has("formulation")).isFalse();
	}

	@Test
	void modelIsTheMetadataComponentWithLicenceReferencesAndFacts() {
		JsonNode model = generate(Resumes.realistic()).at("/metadata/component");

		assertThat(model.at("/type").asString()).isEqualTo("machine-learning-model");
		assertThat(model.at("/bom-ref").asString()).isEqualTo(ID + "model-version/compas-risk-2");
		assertThat(model.at("/name").asString()).isEqualTo("COMPAS-style recidivism risk");
		assertThat(model.at("/version").asString()).isEqualTo("2.0.0");
		assertThat(model.at("/licenses/0/license/id").asString()).isEqualTo("Apache-2.0");
		assertThat(model.at("/externalReferences/0/type").asString()).isEqualTo("documentation");
		assertThat(model.at("/externalReferences/0/url").asString()).isEqualTo(ID + "model-version/compas-risk-2");
		assertThat(model.at("/externalReferences/1/type").asString()).isEqualTo("other");
		assertThat(model.at("/externalReferences/1/url").asString())
			.isEqualTo("/api/registry/model-versions/compas-risk-2/resume");
		assertThat(properties(model)).contains(Map.entry("aigov:lifecycle-state", "deployed"),
				Map.entry("aigov:risk-level", "high"), Map.entry("aigov:revision", "3"),
				Map.entry("aigov:approval:approval-1:decision", "approved"),
				Map.entry("aigov:approval:approval-1:decided-by", "carol"),
				Map.entry("aigov:incident:inc-7:severity", "high"));
	}

	@Test
	void publicUrlMakesTheResumeApiLinkAbsolute() {
		MlBomGenerator generator = new MlBomGenerator(URI.create("https://aigov.example.org/"));

		JsonNode bom = read(generator.generate(Resumes.realistic()));

		assertThat(bom.at("/metadata/component/externalReferences/1/url").asString())
			.isEqualTo("https://aigov.example.org/api/registry/model-versions/compas-risk-2/resume");
		assertThatIllegalArgumentException().isThrownBy(() -> new MlBomGenerator(URI.create("ftp://x/")))
			.withMessageContaining("aigov.sbom.public-url");
	}

	@Test
	void baseModelsAreNestedAncestorsFollowedByTheEarlierVersion() {
		JsonNode ancestors = generate(Resumes.realistic()).at("/metadata/component/pedigree/ancestors");

		assertThat(ancestors).hasSize(2);
		JsonNode distilbert = ancestors.get(0);
		assertThat(distilbert.at("/bom-ref").asString()).isEqualTo(ID + "base-model/distilbert-base-uncased");
		assertThat(distilbert.at("/supplier/name").asString()).isEqualTo("Hugging Face");
		assertThat(distilbert.at("/externalReferences/0/type").asString()).isEqualTo("distribution");
		assertThat(distilbert.at("/pedigree/ancestors/0/bom-ref").asString())
			.isEqualTo(ID + "base-model/bert-base-uncased");
		assertThat(properties(distilbert)).contains(Map.entry("aigov:relation", "base-model"));
		assertThat(ancestors.get(1).at("/bom-ref").asString()).isEqualTo(ID + "model-version/compas-risk-1");
		assertThat(properties(ancestors.get(1))).contains(Map.entry("aigov:relation", "previous-version"));
	}

	@Test
	void modelCardHoldsParametersMetricsWithSlicesAndConsiderations() {
		JsonNode card = generate(Resumes.realistic()).at("/metadata/component/modelCard");

		assertThat(card.at("/modelParameters/task").asString()).isEqualTo("binary classification");
		assertThat(card.at("/modelParameters/modelArchitecture").asString()).isEqualTo("DistilBERT with a linear head");
		assertThat(card.at("/modelParameters/datasets").findValuesAsString("ref")).containsExactly(
				ID + "dataset-version/compas-2016-clean", ID + "dataset-version/compas-2016-raw",
				ID + "dataset-version/compas-2016-holdout");
		JsonNode metrics = card.at("/quantitativeAnalysis/performanceMetrics");
		assertThat(metrics).hasSize(13);
		assertThat(metrics.get(0).toString()).isEqualTo("{\"type\":\"accuracy\",\"value\":\"0.6812\"}");
		assertThat(metrics.get(3).toString())
			.isEqualTo("{\"type\":\"selection_rate\",\"value\":\"0.5883\",\"slice\":\"African-American\"}");
		JsonNode considerations = card.at("/considerations");
		assertThat(considerations.at("/users/0").asString()).startsWith("AI system 'Pre-trial screening assistant'");
		assertThat(considerations.at("/useCases/0").asString()).startsWith("Decision support");
		assertThat(considerations.at("/technicalLimitations/0").asString()).startsWith("Not validated");
		assertThat(considerations.at("/fairnessAssessments")).hasSize(1);
		assertThat(considerations.at("/fairnessAssessments/0/groupAtRisk").asString())
			.isEqualTo("African-American (race)");
		assertThat(considerations.at("/fairnessAssessments/0/harms").asString()).contains("false_positive_rate 0.4234",
				"versus 'Caucasian': disparate_impact 1.6910");
		assertThat(considerations.at("/ethicalConsiderations").findValuesAsString("name"))
			.anyMatch((name) -> name.startsWith("Risk level 'high'"))
			.anyMatch((name) -> name.startsWith("Personal data in dataset 'COMPAS two-year recidivism'"))
			.anyMatch((name) -> name.startsWith("Incident: Elevated false positives"));
		JsonNode energy = considerations.at("/environmentalConsiderations/energyConsumptions/0");
		assertThat(energy.at("/activity").asString()).isEqualTo("fine-tuning");
		assertThat(energy.at("/activityEnergyCost/value").decimalValue()).isEqualByComparingTo("12.5");
		assertThat(energy.at("/activityEnergyCost/unit").asString()).isEqualTo("kWh");
	}

	@Test
	void datasetsAreDataComponentsWithClassificationSensitiveDataAndGovernance() {
		JsonNode bom = generate(Resumes.realistic());
		JsonNode components = bom.at("/components");

		assertThat(components.findValuesAsString("bom-ref")).containsExactly(ID + "dataset-version/compas-2016-clean",
				ID + "dataset-version/compas-2016-raw", ID + "dataset-version/compas-2016-holdout",
				ID + "model-version/compas-risk-2#serving-stack");
		JsonNode raw = components.get(1);
		assertThat(raw.at("/type").asString()).isEqualTo("data");
		assertThat(raw.at("/name").asString()).isEqualTo("COMPAS two-year recidivism");
		assertThat(raw.at("/version").asString()).isEqualTo("2016-04");
		assertThat(raw.at("/licenses/0/license/id").asString()).isEqualTo("CC-BY-NC-SA-4.0");
		assertThat(raw.at("/data/0/type").asString()).isEqualTo("dataset");
		assertThat(raw.at("/data/0/contents/url").asString())
			.isEqualTo("https://github.com/propublica/compas-analysis");
		assertThat(raw.at("/data/0/classification").asString()).isEqualTo("confidential");
		assertThat(raw.at("/data/0/sensitiveData/0").asString()).isEqualTo("personal data");
		assertThat(raw.at("/data/0/governance/owners/0/contact/name").asString()).isEqualTo("bob");
		assertThat(raw.at("/data/0/governance/custodians/0/organization/name").asString()).isEqualTo("ProPublica");
		assertThat(raw.at("/data/0/governance/stewards/0/contact/name").asString()).isEqualTo("bob");
		assertThat(properties(raw)).contains(Map.entry("aigov:legal-basis", "public-task"),
				Map.entry("aigov:consent-recorded", "false"), Map.entry("aigov:revision", "2"));
		JsonNode clean = components.get(0);
		assertThat(clean.at("/licenses/0/expression").asString())
			.isEqualTo("CC-BY-NC-SA-4.0 AND LicenseRef-ProPublica-Terms");
		assertThat(properties(clean)).contains(Map.entry("aigov:derived-from", ID + "dataset-version/compas-2016-raw"),
				Map.entry("aigov:source", "internal data lake: /curated/compas/2016-04"));
		JsonNode holdout = components.get(2);
		assertThat(holdout.at("/data/0/sensitiveData/0").asString()).isEqualTo("protected attribute: race");
		assertThat(components.get(3).at("/type").asString()).isEqualTo("platform");
		assertThat(components.get(3).at("/name").asString()).isEqualTo("vLLM 0.6");
	}

	@Test
	void dependenciesLinkTheModelToItsTrainingDataBaseModelAndServingStack() {
		JsonNode dependencies = generate(Resumes.realistic()).at("/dependencies");

		assertThat(dependencies.get(0).at("/ref").asString()).isEqualTo(ID + "model-version/compas-risk-2");
		assertThat(strings(dependencies.get(0).at("/dependsOn"))).containsExactly(
				ID + "dataset-version/compas-2016-clean", ID + "dataset-version/compas-2016-raw",
				ID + "base-model/distilbert-base-uncased", ID + "model-version/compas-risk-2#serving-stack");
		assertThat(dependencies.findValuesAsString("ref")).contains(ID + "dataset-version/compas-2016-holdout");
	}

	@Test
	void formulationHoldsTrainingEvaluationAndDeploymentWorkflows() {
		JsonNode workflows = generate(Resumes.realistic()).at("/formulation/0/workflows");

		assertThat(workflows).hasSize(4);
		JsonNode training = workflows.get(0);
		assertThat(training.at("/bom-ref").asString()).isEqualTo(ID + "training-run/run-42");
		assertThat(training.at("/taskTypes/0").asString()).isEqualTo("build");
		assertThat(training.at("/inputs").findValuesAsString("ref")).containsExactly(
				ID + "dataset-version/compas-2016-clean", ID + "dataset-version/compas-2016-raw",
				ID + "base-model/distilbert-base-uncased");
		assertThat(training.at("/outputs/0/resource/ref").asString()).isEqualTo(ID + "model-version/compas-risk-2");
		assertThat(training.at("/resourceReferences/0/externalReference/type").asString()).isEqualTo("vcs");
		assertThat(training.at("/timeStart").asString()).isEqualTo("2025-02-20T09:00:00Z");
		assertThat(properties(training)).contains(Map.entry("aigov:run-kind", "fine-tuning"),
				Map.entry("aigov:operator", "dave"));
		assertThat(workflows.get(1).at("/taskTypes/0").asString()).isEqualTo("test");
		assertThat(workflows.get(2).at("/bom-ref").asString()).isEqualTo(ID + "evaluation/fairness-2025");
		assertThat(workflows.get(3).at("/taskTypes/0").asString()).isEqualTo("deploy");
		assertThat(properties(workflows.get(3))).contains(Map.entry("aigov:environment", "production"));
	}

	@Test
	void metadataRecordsTheResumeRevision() {
		Resume resume = Resumes.realistic();
		ResumeRevision revision = ResumeRevision.of(resume);

		JsonNode metadata = generate(resume).at("/metadata");

		assertThat(metadata.at("/timestamp").asString()).isEqualTo("2025-03-10T12:00:00Z");
		assertThat(metadata.at("/lifecycles/0/phase").asString()).isEqualTo("operations");
		assertThat(properties(metadata)).containsExactly(Map.entry("aigov:resume", ID + "model-version/compas-risk-2"),
				Map.entry("aigov:resume-digest", revision.digest()),
				Map.entry("aigov:resume-revised-at", "2025-03-10T12:00:00Z"), Map.entry("aigov:resume-entities", "16"));
		assertThat(SignedBoms.revisionOf(this.generator.generate(resume))).contains(revision);
	}

	@Test
	void sameRevisionsGiveTheSameBytesWhateverTheReadOrder() {
		Resume resume = Resumes.realistic();

		String first = this.generator.generate(resume);

		assertThat(this.generator.generate(Resumes.realistic())).isEqualTo(first);
		assertThat(this.generator.generate(Resumes.reversed(resume))).isEqualTo(first);
	}

	@Test
	void newRevisionOfOneEntityGivesANewSerialNumberAndTimestamp() {
		Resume resume = Resumes.realistic();
		Resume revised = Resumes.revise(resume, new EntityRef(Kind.DATASET_VERSION, "compas-2016-holdout"),
				Instant.parse("2025-04-01T00:00:00Z"), Map.of("description", "Hold-out split, 20%."));

		JsonNode before = generate(resume);
		JsonNode after = generate(revised);

		assertThat(after.at("/serialNumber").asString()).isNotEqualTo(before.at("/serialNumber").asString());
		assertThat(after.at("/metadata/timestamp").asString()).isEqualTo("2025-04-01T00:00:00Z");
		assertThat(after.at("/components/2/description").asString()).isEqualTo("Hold-out split, 20%.");
	}

	@Test
	void serialNumberIsANameBasedUuidVersion5() {
		String serial = generate(Resumes.realistic()).at("/serialNumber").asString();

		UUID uuid = UUID.fromString(serial.substring("urn:uuid:".length()));

		assertThat(uuid.version()).isEqualTo(5);
		assertThat(uuid.variant()).isEqualTo(2);
		assertThat(serial).isEqualTo(MlBomGenerator.serialNumber(ResumeRevision.of(Resumes.realistic())));
	}

	@Test
	void baseModelReachedTwiceIsListedTwiceButCarriesItsBomRefOnce() {
		Resume resume = Resumes.revise(Resumes.realistic(), new EntityRef(Kind.MODEL_VERSION, "compas-risk-2"),
				Instant.parse("2025-04-01T00:00:00Z"),
				Map.of("baseModels", List.of("distilbert-base-uncased", "bert-base-uncased")));

		String json = this.generator.generate(resume);

		assertThat(this.validator.validate(json).errors()).isEmpty();
		JsonNode ancestors = read(json).at("/metadata/component/pedigree/ancestors");
		assertThat(ancestors.get(0).at("/pedigree/ancestors/0/bom-ref").asString())
			.isEqualTo(ID + "base-model/bert-base-uncased");
		assertThat(ancestors.get(1).has("bom-ref")).isFalse();
		assertThat(properties(ancestors.get(1)))
			.contains(Map.entry("aigov:same-as", ID + "base-model/bert-base-uncased"));
	}

	@Test
	void outputIsIndentedWithTwoSpacesAndLineFeeds() {
		String json = this.generator.generate(Resumes.minimal());

		assertThat(json).startsWith("{\n  \"$schema\": \"http://cyclonedx.org/schema/bom-1.6.schema.json\",\n")
			.doesNotContain("\r")
			.endsWith("\n}");
	}

	@Test
	void resumeWithoutItsVersionIsRefused() {
		Resume empty = new Resume(new EntityRef(Kind.MODEL_VERSION, "gone"), null, Map.of());

		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.generate(empty))
			.withMessageContaining("model-version/gone");
	}

	private JsonNode generate(Resume resume) {
		return read(this.generator.generate(resume));
	}

	private static JsonNode read(String json) {
		return JSON.readTree(json);
	}

	private static List<Map.Entry<String, String>> properties(JsonNode node) {
		List<Map.Entry<String, String>> properties = new ArrayList<>();
		for (JsonNode property : node.path("properties")) {
			properties.add(Map.entry(property.path("name").asString(), property.path("value").asString()));
		}
		return properties;
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.asString()));
		return strings;
	}

}
