package dev.aigov.registry.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.registry.Actor;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.FairnessEvaluations;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Role;
import dev.aigov.registry.SelfAssessment;
import dev.aigov.registry.SelfAssessmentChecklist;
import dev.aigov.registry.SelfAssessments;
import dev.aigov.registry.fairness.PredictionsCsvSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads three demo résumés into an empty registry, through the same services the API
 * uses, so every record has revisions, authors and checks like real data:
 * <ul>
 * <li>a recidivism-risk classifier evaluated on ProPublica's COMPAS data, its fairness
 * computed by the appliance (and visibly unequal), submitted and waiting for a
 * decision;</li>
 * <li>a customer-service chatbot fine-tuned from an open base model under Apache-2.0,
 * approved and deployed behind a proxy route;</li>
 * <li>a contract-review model fine-tuned on confidential data, still a draft.</li>
 * </ul>
 * Switched off with {@code aigov.demo.enabled=false}. The people named are fictitious and
 * have no accounts.
 */
@Component
@ConditionalOnProperty(name = "aigov.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

	static final String COMPAS_VERSION = "compas-risk-1";

	private static final Logger logger = LoggerFactory.getLogger(DemoData.class);

	private static final Actor OWNER = new Actor("demo.mei-ling", Set.of(Role.MODEL_OWNER));

	private static final Actor OFFICER = new Actor("demo.chih-hao", Set.of(Role.COMPLIANCE_OFFICER));

	private final RegistryService registry;

	private final ApprovalWorkflow workflow;

	private final FairnessEvaluations fairness;

	private final SelfAssessments assessments;

	DemoData(RegistryService registry, ApprovalWorkflow workflow, FairnessEvaluations fairness,
			SelfAssessments assessments) {
		this.registry = registry;
		this.workflow = workflow;
		this.fairness = fairness;
		this.assessments = assessments;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.registry.exists(new EntityRef(Kind.MODEL_VERSION, COMPAS_VERSION))) {
			return;
		}
		long started = System.nanoTime();
		recidivismRisk();
		customerServiceChatbot();
		contractReview();
		selfAssessments();
		logger.info("Loaded the demo résumés in {} ms (aigov.demo.enabled=false to skip)",
				(System.nanoTime() - started) / 1_000_000);
	}

	private void recidivismRisk() {
		create(Kind.AI_SYSTEM, "pretrial-risk", "name", "Pre-trial release risk assessment", "purpose",
				"Estimate the risk of re-offending within two years to support pre-trial release decisions.",
				"riskLevel", "high", "decidesAboutPeople", true, "owner", OWNER.username());
		create(Kind.MODEL, "compas-risk", "name", "Recidivism risk classifier", "system", "pretrial-risk", "owner",
				OWNER.username());
		create(Kind.DATASET, "compas", "name", "COMPAS two-year recidivism", "publisher", "ProPublica");
		create(Kind.DATASET_VERSION, "compas-2013-2014", "dataset", "compas", "version", "2013-2014", "source",
				"https://github.com/propublica/compas-analysis", "licenseExpression",
				"LicenseRef-propublica-compas-analysis", "sensitivity", "confidential", "containsPersonalData", true,
				"legalBasis", "public-task", "anonymisationMethod", "pseudonymised identifiers", "collection",
				"Public records of Broward County, Florida, 2013-2014, obtained by ProPublica.", "cleaning",
				"ProPublica's filter: screening within 30 days of arrest, known outcome, no ordinary traffic offences.",
				"labelling", "Two-year recidivism observed from later public records.");
		create(Kind.TRAINING_RUN, "compas-risk-1-training", "runKind", "training", "datasets",
				List.of("compas-2013-2014"), "codeReference", "git@example.org:risk/compas.git#4f2a9c1", "parameters",
				"{\"max_depth\": 6, \"n_estimators\": 300}", "energyKwh", 0.8);
		create(Kind.MODEL_VERSION, COMPAS_VERSION, "model", "compas-risk", "version", "1.0.0", "task",
				"binary classification", "architecture", "gradient-boosted trees", "intendedUse",
				"Flag defendants for closer human review; never the sole basis of a decision.", "limitations",
				"Trained on one county's records; false positive rates differ between racial groups.",
				"explanationMethod", "SHAP values per decision", "servingProvider", "on-premises", "licenseExpression",
				"LicenseRef-internal", "trainingRun", "compas-risk-1-training", "energyPerInferenceWh", 0.002);
		create(Kind.EVALUATION, "compas-risk-1-accuracy", "modelVersion", COMPAS_VERSION, "dataset", "compas-2013-2014",
				"evaluationKind", "accuracy", "metrics",
				List.of(Map.of("name", "accuracy", "value", 0.6537), Map.of("name", "auc", "value", 0.7021)));
		try (InputStream predictions = DemoData.class.getResourceAsStream("compas-predictions.csv")) {
			this.fairness.evaluate(COMPAS_VERSION, "compas-risk-1-fairness", "compas-2013-2014", predictions,
					PredictionsCsvSpec.forPredictions(List.of("race"), "two_year_recid", "high_risk", "1")
						.withPrivilegedGroup("Caucasian"),
					OWNER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.workflow.submit(COMPAS_VERSION, OWNER);
	}

	private void customerServiceChatbot() {
		create(Kind.AI_SYSTEM, "customer-service", "name", "Customer-service assistant", "purpose",
				"Answer customers' questions about orders and returns in Traditional Chinese and English.", "riskLevel",
				"limited", "decidesAboutPeople", false, "owner", OWNER.username());
		create(Kind.MODEL, "support-bot", "name", "Support chatbot", "system", "customer-service", "owner",
				OWNER.username());
		create(Kind.BASE_MODEL, "mistral-7b-v0.3", "name", "Mistral 7B v0.3", "provider", "Mistral AI", "version",
				"0.3", "licenseExpression", "Apache-2.0", "source", "https://huggingface.co/mistralai/Mistral-7B-v0.3");
		create(Kind.BASE_MODEL, "mistral-7b-instruct-v0.3", "name", "Mistral 7B Instruct v0.3", "provider",
				"Mistral AI", "version", "0.3", "licenseExpression", "Apache-2.0", "source",
				"https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3", "derivedFrom", List.of("mistral-7b-v0.3"));
		create(Kind.DATASET, "support-tickets", "name", "Resolved support tickets");
		create(Kind.DATASET_VERSION, "support-tickets-2026q2", "dataset", "support-tickets", "version", "2026-Q2",
				"source", "https://helpdesk.example.org/export/2026-q2", "licenseExpression", "LicenseRef-internal",
				"sensitivity", "internal", "containsPersonalData", true, "legalBasis", "contract",
				"anonymisationMethod", "names, phone numbers and national IDs replaced by placeholders",
				"retentionUntil", "2028-06-30", "collection", "Tickets closed as resolved in 2026 Q2.", "cleaning",
				"Duplicates and non-Chinese/English tickets removed; PII redacted by the appliance's detectors.",
				"labelling", "Agent answers rated 4-5 stars kept as targets.");
		create(Kind.TRAINING_RUN, "support-bot-2-finetune", "runKind", "fine-tuning", "datasets",
				List.of("support-tickets-2026q2"), "baseModels", List.of("mistral-7b-instruct-v0.3"), "codeReference",
				"git@example.org:support/bot.git#9e01b7d", "compute", "1x H100, 3 h", "energyKwh", 2.1);
		create(Kind.MODEL_VERSION, "support-bot-2", "model", "support-bot", "version", "2.0.0", "task",
				"text generation", "architecture", "decoder-only transformer, LoRA r=16", "intendedUse",
				"Draft answers to customer questions; an agent reviews answers about refunds.", "limitations",
				"May state outdated policies; not for legal or medical questions.", "explanationMethod",
				"Retrieved policy passages shown with each answer", "servingProvider", "on-premises",
				"licenseExpression", "Apache-2.0", "outputLicenseTerms", "Outputs owned by the organisation.",
				"baseModels", List.of("mistral-7b-instruct-v0.3"), "trainingRun", "support-bot-2-finetune",
				"energyPerInferenceWh", 0.3);
		create(Kind.EVALUATION, "support-bot-2-groundedness", "modelVersion", "support-bot-2", "evaluationKind",
				"groundedness", "method", "500 held-out tickets judged against the policy passages", "metrics",
				List.of(Map.of("name", "groundedness", "value", 0.94),
						Map.of("name", "answer_accuracy", "value", 0.88)));
		this.workflow.submit("support-bot-2", OWNER);
		this.workflow.approve("support-bot-2",
				"Groundedness 0.94 on held-out tickets; PII redacted before training; human review of refunds.",
				OFFICER);
		this.workflow.deploy("support-bot-2", "production", "support-chat", OWNER);
	}

	private void contractReview() {
		create(Kind.AI_SYSTEM, "contract-review", "name", "Contract clause review", "purpose",
				"Highlight unusual clauses in supplier contracts for the legal team.", "riskLevel", "limited",
				"decidesAboutPeople", false, "owner", OWNER.username());
		create(Kind.MODEL, "clause-finder", "name", "Clause finder", "system", "contract-review", "owner",
				OWNER.username());
		create(Kind.BASE_MODEL, "qwen2.5-7b-instruct", "name", "Qwen2.5 7B Instruct", "provider", "Alibaba Cloud",
				"version", "2.5", "licenseExpression", "Apache-2.0", "source",
				"https://huggingface.co/Qwen/Qwen2.5-7B-Instruct");
		create(Kind.DATASET, "supplier-contracts", "name", "Signed supplier contracts");
		create(Kind.DATASET_VERSION, "supplier-contracts-2025", "dataset", "supplier-contracts", "version", "2025",
				"source", "https://dms.example.org/contracts/2025", "licenseExpression", "LicenseRef-confidential",
				"sensitivity", "restricted", "containsPersonalData", false);
		create(Kind.TRAINING_RUN, "clause-finder-1-finetune", "runKind", "fine-tuning", "datasets",
				List.of("supplier-contracts-2025"), "baseModels", List.of("qwen2.5-7b-instruct"));
		create(Kind.MODEL_VERSION, "clause-finder-1", "model", "clause-finder", "version", "0.9.0", "task",
				"token classification", "intendedUse", "Suggest clauses for a lawyer to read first.", "servingProvider",
				"on-premises", "baseModels", List.of("qwen2.5-7b-instruct"), "trainingRun", "clause-finder-1-finetune");
	}

	/**
	 * The guide's checklist for each demo system; the chatbot's was saved twice, first by
	 * its owner, then completed by the compliance officer.
	 */
	private void selfAssessments() {
		this.assessments.save("customer-service",
				cells("strategy.organisation", "assessing", "客服部與資訊部共同評估導入範圍", "strategy.technology", "assessing", null,
						"strategy.data", "not-assessed", null, "readiness.external-api.budget", "plan-in-place",
						"已編列 2026 年度 API 費用", "readiness.external-api.technology", "assessing", null),
				OWNER, 0);
		this.assessments.save("customer-service",
				cells("strategy.organisation", "plan-in-place", "已成立 AI 治理小組", "strategy.technology", "assessing", null,
						"strategy.data", "assessing", "盤點客服工單中的個人資料", "strategy.management", "assessing", null,
						"strategy.policy", "plan-in-place", "提示與回應皆經代理記錄並遮蔽個資", "readiness.external-api.budget",
						"plan-in-place", "已編列 2026 年度 API 費用", "readiness.external-api.technology", "plan-in-place",
						null, "readiness.external-api.process-inventory", "assessing", null,
						"readiness.external-api.regulatory-norms", "assessing", "對照個人資料保護法與歐盟 AI 法"),
				OFFICER, 1);
		this.assessments.save("pretrial-risk",
				cells("strategy.organisation", "plan-in-place", null, "strategy.data", "plan-in-place",
						"COMPAS 資料集已完成公平性評估", "strategy.policy", "assessing", "高風險系統：待法遵審查",
						"readiness.internal-training.data", "plan-in-place", null,
						"readiness.internal-training.regulatory-norms", "assessing", null),
				OFFICER, 0);
		this.assessments.save("contract-review",
				cells("strategy.technology", "plan-in-place", "地端部署開源模型", "strategy.talent", "assessing", null,
						"readiness.open-source-fine-tuning.technology", "plan-in-place", null,
						"readiness.open-source-fine-tuning.data", "assessing", "合約資料僅限法務部使用"),
				OWNER, 0);
	}

	private static Map<SelfAssessmentChecklist.Cell, SelfAssessment.Entry> cells(String... idStatusNote) {
		Map<SelfAssessmentChecklist.Cell, SelfAssessment.Entry> cells = new LinkedHashMap<>();
		for (int i = 0; i < idStatusNote.length; i += 3) {
			cells.put(SelfAssessmentChecklist.Cell.of(idStatusNote[i]), new SelfAssessment.Entry(
					SelfAssessmentChecklist.Status.of(idStatusNote[i + 1]), idStatusNote[i + 2]));
		}
		return cells;
	}

	private void create(Kind kind, String id, Object... fields) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("id", id);
		for (int i = 0; i < fields.length; i += 2) {
			values.put((String) fields[i], fields[i + 1]);
		}
		this.registry.create(kind, values, OWNER);
	}

}
