package dev.aigov.sbom;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.registry.Actor;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Role;
import dev.aigov.signing.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MlBomService} in a Spring context with the real lineage store (TDB2), registry
 * and signing keys: a résumé recorded through the registry and the approval workflow
 * becomes a signed, schema-valid ML-BOM that goes stale when the résumé changes.
 */
class MlBomServiceIntegrationTests {

	private static final Actor OWNER = new Actor("alice", Set.of(Role.MODEL_OWNER));

	private static final Actor OFFICER = new Actor("carol", Set.of(Role.COMPLIANCE_OFFICER));

	@TempDir
	Path data;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withUserConfiguration(Modules.class)
			.withPropertyValues("aigov.graph.location=" + this.data.resolve("tdb2"),
					"aigov.signing.keystore=" + this.data.resolve("keys/signing.p12"),
					"aigov.sbom.public-url=https://aigov.example.org");
	}

	@Test
	void recordedResumeGivesASignedSchemaValidBomThatGoesStaleWhenTheResumeChanges() {
		contextRunner().run((context) -> {
			RegistryService registry = context.getBean(RegistryService.class);
			ApprovalWorkflow workflow = context.getBean(ApprovalWorkflow.class);
			MlBomService boms = context.getBean(MlBomService.class);
			record(registry);
			workflow.submit("risk-2", OWNER);
			workflow.approve("risk-2", "Evaluated; disparities documented.", OFFICER);
			workflow.deploy("risk-2", "production", "risk", OWNER);

			SignedBom bom = boms.forVersion("risk-2").orElseThrow();

			assertThat(context.getBean(BomValidator.class).validate(bom.json()).errors()).isEmpty();
			assertThat(bom.signature().present()).isTrue();
			assertThat(bom.signature().valid()).as(bom.signature().reason()).isTrue();
			assertThat(bom.signature().keyId()).isEqualTo(context.getBean(SigningKeys.class).activeKeyId());
			assertThat(bom.signature().freshness()).isEqualTo(BomSignatureState.Freshness.CURRENT);
			assertThat(bom.json()).contains("\"aigov:approval:approval-", "\"deploy\"", "\"fairnessAssessments\"",
					"https://aigov.example.org/api/registry/model-versions/risk-2/resume");
			assertThat(boms.forVersion("risk-2").orElseThrow().json()).isEqualTo(bom.json());
			assertThat(boms.verify(bom.json()).trustworthyAndCurrent()).isTrue();

			Map<String, Object> dataset = new LinkedHashMap<>(
					registry.get(new EntityRef(Kind.DATASET_VERSION, "loans-2024")).fields());
			dataset.put("description", "Loan applications 2024, with a corrected label column.");
			registry.update(new EntityRef(Kind.DATASET_VERSION, "loans-2024"), dataset, OWNER, null);

			BomSignatureState later = boms.verify(bom.json());
			assertThat(later.valid()).isTrue();
			assertThat(later.stale()).isTrue();
			assertThat(later.reason()).contains("Stale");
			SignedBom regenerated = boms.forVersion("risk-2").orElseThrow();
			assertThat(regenerated.serialNumber()).isNotEqualTo(bom.serialNumber());
			assertThat(regenerated.signature().freshness()).isEqualTo(BomSignatureState.Freshness.CURRENT);
		});
	}

	@Test
	void bomAsOfAnEarlierInstantIsJudgedAgainstTheResumeNow() {
		contextRunner().run((context) -> {
			RegistryService registry = context.getBean(RegistryService.class);
			MlBomService boms = context.getBean(MlBomService.class);
			record(registry);
			Instant before = Instant.now();
			Thread.sleep(5);
			EntityRef run = new EntityRef(Kind.TRAINING_RUN, "run-7");
			Map<String, Object> fields = new LinkedHashMap<>(registry.get(run).fields());
			fields.put("energyKwh", 3.75);
			registry.update(run, fields, OWNER, null);

			SignedBom earlier = boms.forVersion("risk-2", before).orElseThrow();

			assertThat(earlier.signature().valid()).isTrue();
			assertThat(earlier.signature().stale()).isTrue();
			assertThat(earlier.json()).doesNotContain("3.75");
			assertThat(boms.forVersion("risk-2").orElseThrow().json()).contains("\"value\": 3.75");
		});
	}

	@Test
	void unknownVersionHasNoBom() {
		contextRunner().run((context) -> {
			MlBomService boms = context.getBean(MlBomService.class);

			assertThat(boms.forVersion("no-such-version")).isEmpty();
			assertThat(boms.currentRevision("https://aigov.dev/id/model-version/no-such-version")).isEmpty();
			assertThat(boms.verify("{}").present()).isFalse();
		});
	}

	private static void record(RegistryService registry) {
		registry.create(Kind.AI_SYSTEM,
				Map.of("id", "credit-scoring", "name", "Credit scoring", "purpose",
						"Rank consumer loan applications for manual review.", "riskLevel", "high", "decidesAboutPeople",
						true, "owner", "alice"),
				OWNER);
		registry.create(Kind.MODEL,
				Map.of("id", "risk", "name", "Credit risk", "system", "credit-scoring", "owner", "alice"), OWNER);
		registry.create(Kind.DATASET,
				Map.of("id", "loans", "name", "Loan applications", "publisher", "Retail bank", "owner", "bob"), OWNER);
		registry.create(Kind.DATASET_VERSION,
				Map.ofEntries(Map.entry("id", "loans-2024"), Map.entry("dataset", "loans"),
						Map.entry("version", "2024"), Map.entry("source", "https://data.example.org/loans/2024"),
						Map.entry("licenseExpression", "LicenseRef-Internal"), Map.entry("sensitivity", "restricted"),
						Map.entry("containsPersonalData", true), Map.entry("legalBasis", "contract"),
						Map.entry("consentRecorded", true), Map.entry("collection", "Applications submitted online."),
						Map.entry("cleaning", "Duplicates and test applications removed."),
						Map.entry("labelling", "Default within 12 months from the loan ledger.")),
				OWNER);
		registry.create(Kind.BASE_MODEL, Map.of("id", "xgb", "name", "XGBoost", "provider", "DMLC", "version", "2.1",
				"licenseExpression", "Apache-2.0", "source", "https://github.com/dmlc/xgboost"), OWNER);
		registry.create(Kind.TRAINING_RUN,
				Map.of("id", "run-7", "runKind", "training", "datasets", List.of("loans-2024"), "baseModels",
						List.of("xgb"), "energyKwh", 1.5, "startedAt", "2025-01-10T08:00:00Z", "endedAt",
						"2025-01-10T09:00:00Z", "operator", "alice"),
				OWNER);
		registry.create(Kind.MODEL_VERSION,
				Map.ofEntries(Map.entry("id", "risk-2"), Map.entry("model", "risk"), Map.entry("version", "2.0"),
						Map.entry("task", "binary classification"), Map.entry("architecture", "gradient-boosted trees"),
						Map.entry("intendedUse", "Prioritise applications for manual review."),
						Map.entry("limitations", "Trained on one year of applications."),
						Map.entry("explanationMethod", "SHAP"), Map.entry("servingProvider", "BentoML 1.3"),
						Map.entry("licenseExpression", "LicenseRef-Internal"), Map.entry("baseModels", List.of("xgb")),
						Map.entry("trainingRun", "run-7")),
				OWNER);
		registry.create(Kind.EVALUATION,
				Map.of("id", "fairness-1", "modelVersion", "risk-2", "dataset", "loans-2024", "evaluationKind",
						"fairness", "method", "Group metrics on the 2024 hold-out.", "protectedAttributes",
						List.of("sex"), "metrics",
						List.of(Map.of("name", "selection_rate", "value", 0.31, "slice", "female"),
								Map.of("name", "selection_rate", "value", 0.42, "slice", "male"),
								Map.of("name", "disparate_impact", "value", 0.738, "slice", "female vs male")),
						"performedAt", "2025-01-11T10:00:00Z"),
				OWNER);
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan({ "dev.aigov.lineage", "dev.aigov.registry", "dev.aigov.signing", "dev.aigov.sbom" })
	static class Modules {

	}

}
