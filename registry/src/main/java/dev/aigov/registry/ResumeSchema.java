package dev.aigov.registry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each kind of résumé entity holds and how it maps onto PROV-O, DCAT 3, ML Schema
 * and DPV. One table drives validation, storage and reading, so the three can never
 * disagree. Fields managed by the appliance itself (lifecycle state, approvals) are not
 * writable through {@link RegistryService#create} or {@link RegistryService#update}.
 */
public final class ResumeSchema {

	public static final String AIGOV = "https://aigov.dev/ns#";

	public static final String PROV = "http://www.w3.org/ns/prov#";

	public static final String DCAT = "http://www.w3.org/ns/dcat#";

	public static final String DCTERMS = "http://purl.org/dc/terms/";

	public static final String MLS = "http://www.w3.org/ns/mls#";

	public static final String DPV = "https://w3id.org/dpv#";

	private static final Map<Kind, List<String>> TYPES = new EnumMap<>(Kind.class);

	private static final Map<Kind, Map<String, FieldSpec>> FIELDS = new EnumMap<>(Kind.class);

	/** Fields only the lifecycle may set. */
	public static final Set<String> MANAGED_FIELDS = Set.of("lifecycleState", "submittedBy");

	static final Map<String, String> RISK = Map.of("minimal", AIGOV + "MinimalRisk", "limited", AIGOV + "LimitedRisk",
			"high", AIGOV + "HighRisk", "unacceptable", AIGOV + "UnacceptableRisk");

	static final Map<String, String> SENSITIVITY = Map.of("public", AIGOV + "Public", "internal", AIGOV + "Internal",
			"confidential", AIGOV + "Confidential", "restricted", AIGOV + "Restricted");

	static final Map<String, String> LEGAL_BASIS = Map.of("consent", DPV + "Consent", "contract", DPV + "Contract",
			"legal-obligation", DPV + "LegalObligation", "vital-interest", DPV + "VitalInterest", "public-task",
			DPV + "OfficialAuthorityOfController", "legitimate-interest", DPV + "LegitimateInterest");

	static final Map<String, String> LIFECYCLE = Map.of("draft", AIGOV + "Draft", "submitted", AIGOV + "Submitted",
			"approved", AIGOV + "Approved", "rejected", AIGOV + "Rejected", "deployed", AIGOV + "Deployed", "retired",
			AIGOV + "Retired");

	static final Map<String, String> EVALUATION_KIND = enumOf(AIGOV + "evaluation-kind/", "accuracy", "fairness",
			"robustness", "groundedness", "hallucination", "security", "privacy", "other");

	static final Map<String, String> SEVERITY = enumOf(AIGOV + "severity/", "low", "medium", "high", "critical");

	static final Map<String, String> INCIDENT_STATUS = enumOf(AIGOV + "incident-status/", "open", "mitigated",
			"closed");

	static final Map<String, String> DECISION = enumOf(AIGOV + "decision/", "approved", "rejected");

	static final Map<String, String> ASSESSMENT_STATUS = enumOf(AIGOV + "assessment-status/",
			SelfAssessmentChecklist.Status.keys().toArray(String[]::new));

	static {
		kind(Kind.AI_SYSTEM, List.of(AIGOV + "AISystem", PROV + "Entity"), string("name", DCTERMS + "title", true),
				text("description", DCTERMS + "description", false), text("purpose", AIGOV + "purpose", true),
				enumeration("riskLevel", AIGOV + "riskLevel", true, RISK),
				field("decidesAboutPeople", AIGOV + "decidesAboutPeople", FieldType.BOOLEAN, false),
				field("owner", AIGOV + "owner", FieldType.AGENT, true, PROV + "wasAttributedTo"));
		kind(Kind.MODEL, List.of(AIGOV + "Model", PROV + "Entity"), string("name", DCTERMS + "title", true),
				text("description", DCTERMS + "description", false),
				ref("system", AIGOV + "servesSystem", Kind.AI_SYSTEM, true, null),
				field("owner", AIGOV + "owner", FieldType.AGENT, true, PROV + "wasAttributedTo"));
		kind(Kind.MODEL_VERSION, List.of(AIGOV + "ModelVersion", MLS + "Model", PROV + "Entity"),
				ref("model", AIGOV + "versionOf", Kind.MODEL, true, PROV + "specializationOf"),
				string("version", DCAT + "version", true), text("description", DCTERMS + "description", false),
				string("task", AIGOV + "task", false), string("architecture", AIGOV + "architecture", false),
				text("intendedUse", AIGOV + "intendedUse", false), text("limitations", AIGOV + "limitations", false),
				text("explanationMethod", AIGOV + "explanationMethod", false),
				string("servingProvider", AIGOV + "servingProvider", false),
				field("licenseExpression", AIGOV + "licenseExpression", FieldType.SPDX, false),
				text("outputLicenseTerms", AIGOV + "outputLicenseTerms", false),
				refs("baseModels", AIGOV + "baseModel", Kind.BASE_MODEL, false, PROV + "wasDerivedFrom"),
				refs("derivedFrom", AIGOV + "previousVersion", Kind.MODEL_VERSION, false, PROV + "wasRevisionOf"),
				ref("trainingRun", AIGOV + "trainingRun", Kind.TRAINING_RUN, false, PROV + "wasGeneratedBy"),
				field("energyPerInferenceWh", AIGOV + "energyPerInferenceWh", FieldType.DECIMAL, false),
				enumeration("lifecycleState", AIGOV + "lifecycleState", false, LIFECYCLE),
				field("submittedBy", AIGOV + "submittedBy", FieldType.AGENT, false));
		kind(Kind.DATASET, List.of(DCAT + "Dataset", PROV + "Entity"), string("name", DCTERMS + "title", true),
				text("description", DCTERMS + "description", false), string("publisher", DCTERMS + "publisher", false),
				field("owner", AIGOV + "owner", FieldType.AGENT, false, PROV + "wasAttributedTo"));
		kind(Kind.DATASET_VERSION,
				List.of(AIGOV + "DatasetVersion", DCAT + "Dataset", MLS + "Dataset", PROV + "Entity"),
				ref("dataset", DCTERMS + "isVersionOf", Kind.DATASET, true, PROV + "specializationOf"),
				string("version", DCAT + "version", true), text("description", DCTERMS + "description", false),
				string("source", DCTERMS + "source", false),
				field("licenseExpression", AIGOV + "licenseExpression", FieldType.SPDX, true),
				enumeration("sensitivity", AIGOV + "sensitivity", true, SENSITIVITY),
				field("containsPersonalData", AIGOV + "containsPersonalData", FieldType.BOOLEAN, true),
				enumeration("legalBasis", DPV + "hasLegalBasis", false, LEGAL_BASIS),
				field("consentRecorded", AIGOV + "consentRecorded", FieldType.BOOLEAN, false),
				field("retentionUntil", AIGOV + "retentionUntil", FieldType.DATE, false),
				string("anonymisationMethod", AIGOV + "anonymisationMethod", false),
				text("collection", AIGOV + "collectionProcess", false),
				text("cleaning", AIGOV + "cleaningProcess", false),
				text("labelling", AIGOV + "labellingProcess", false), refs("derivedFrom", AIGOV + "derivedFromDataset",
						Kind.DATASET_VERSION, false, PROV + "wasDerivedFrom"));
		kind(Kind.BASE_MODEL, List.of(AIGOV + "BaseModel", MLS + "Model", PROV + "Entity"),
				string("name", DCTERMS + "title", true), string("provider", AIGOV + "provider", true),
				string("version", DCAT + "version", false),
				field("licenseExpression", AIGOV + "licenseExpression", FieldType.SPDX, true),
				field("source", DCTERMS + "source", FieldType.URL, false),
				refs("derivedFrom", AIGOV + "ancestor", Kind.BASE_MODEL, false, PROV + "wasDerivedFrom"));
		kind(Kind.TRAINING_RUN, List.of(AIGOV + "TrainingRun", MLS + "Run", PROV + "Activity"),
				string("name", DCTERMS + "title", false),
				enumeration("runKind", AIGOV + "runKind", false,
						enumOf(AIGOV + "run-kind/", "training", "fine-tuning", "distillation")),
				refs("datasets", AIGOV + "trainedOn", Kind.DATASET_VERSION, true, PROV + "used"),
				refs("baseModels", AIGOV + "startedFrom", Kind.BASE_MODEL, false, PROV + "used"),
				string("codeReference", AIGOV + "codeReference", false),
				text("parameters", AIGOV + "parameters", false), string("compute", AIGOV + "compute", false),
				field("energyKwh", AIGOV + "energyKwh", FieldType.DECIMAL, false),
				field("startedAt", PROV + "startedAtTime", FieldType.DATE_TIME, false),
				field("endedAt", PROV + "endedAtTime", FieldType.DATE_TIME, false),
				field("operator", AIGOV + "operator", FieldType.AGENT, false, PROV + "wasAssociatedWith"));
		kind(Kind.EVALUATION, List.of(AIGOV + "Evaluation", MLS + "ModelEvaluation", PROV + "Activity"),
				ref("modelVersion", AIGOV + "evaluates", Kind.MODEL_VERSION, true, PROV + "used"),
				ref("dataset", AIGOV + "evaluatedOn", Kind.DATASET_VERSION, false, PROV + "used"),
				enumeration("evaluationKind", AIGOV + "evaluationKind", true, EVALUATION_KIND),
				text("method", AIGOV + "method", false),
				field("protectedAttributes", AIGOV + "protectedAttribute", FieldType.STRINGS, false),
				field("metrics", AIGOV + "metric", FieldType.METRICS, true),
				field("performedAt", PROV + "endedAtTime", FieldType.DATE_TIME, false));
		kind(Kind.APPROVAL, List.of(AIGOV + "Approval", PROV + "Activity"),
				ref("modelVersion", AIGOV + "decides", Kind.MODEL_VERSION, true, PROV + "used"),
				enumeration("decision", AIGOV + "decision", true, DECISION),
				text("justification", AIGOV + "justification", true),
				field("decidedBy", AIGOV + "decidedBy", FieldType.AGENT, true, PROV + "wasAssociatedWith"),
				field("submittedBy", AIGOV + "submittedBy", FieldType.AGENT, false), ref("policyEvaluation",
						AIGOV + "checkedByEvaluation", Kind.POLICY_EVALUATION, false, PROV + "wasInformedBy"),
				field("decidedAt", PROV + "endedAtTime", FieldType.DATE_TIME, true));
		kind(Kind.DEPLOYMENT, List.of(AIGOV + "Deployment", PROV + "Activity"),
				ref("modelVersion", AIGOV + "deploys", Kind.MODEL_VERSION, true, PROV + "used"),
				string("environment", AIGOV + "environment", true), string("proxyRoute", AIGOV + "proxyRoute", false),
				field("deployedBy", AIGOV + "deployedBy", FieldType.AGENT, false, PROV + "wasAssociatedWith"),
				field("startedAt", PROV + "startedAtTime", FieldType.DATE_TIME, false),
				field("endedAt", PROV + "endedAtTime", FieldType.DATE_TIME, false));
		kind(Kind.INCIDENT, List.of(AIGOV + "Incident", PROV + "Entity"),
				ref("modelVersion", AIGOV + "concerns", Kind.MODEL_VERSION, true, null),
				string("title", DCTERMS + "title", true), text("description", DCTERMS + "description", false),
				enumeration("severity", AIGOV + "severity", true, SEVERITY),
				enumeration("status", AIGOV + "status", true, INCIDENT_STATUS),
				field("reportedAt", AIGOV + "reportedAt", FieldType.DATE_TIME, false),
				text("handling", AIGOV + "handling", false));
		kind(Kind.SBOM, List.of(AIGOV + "ExternalSbom", PROV + "Entity"),
				ref("modelVersion", AIGOV + "sbomOf", Kind.MODEL_VERSION, true, null),
				string("name", DCTERMS + "title", false), string("specVersion", AIGOV + "cyclonedxVersion", true),
				string("serialNumber", AIGOV + "bomSerialNumber", false),
				string("contentSha256", AIGOV + "contentSha256", true),
				field("components", AIGOV + "componentCount", FieldType.DECIMAL, false),
				string("signatureState", AIGOV + "signatureState", false),
				field("importedBy", AIGOV + "importedBy", FieldType.AGENT, false, PROV + "wasAttributedTo"),
				field("importedAt", AIGOV + "importedAt", FieldType.DATE_TIME, false));
		// Not among the résumé's own entities (ResumeReader does not follow
		// evaluatedVersion):
		// an evaluation is about the résumé, so it stays out of facts, ML-BOM and
		// completeness.
		kind(Kind.POLICY_EVALUATION, List.of(AIGOV + "PolicyEvaluation", PROV + "Activity"),
				ref("modelVersion", AIGOV + "evaluatedVersion", Kind.MODEL_VERSION, true, PROV + "used"),
				field("packs", AIGOV + "policyPack", FieldType.STRINGS, true),
				enumeration("status", AIGOV + "evaluationStatus", true,
						enumOf(AIGOV + "evaluation-status/", "ok", "error")),
				text("error", AIGOV + "evaluationError", false),
				enumeration("trigger", AIGOV + "evaluationTrigger", true,
						enumOf(AIGOV + "evaluation-trigger/", "on-demand", "automatic", "approval")),
				field("triggeredBy", AIGOV + "triggeredBy", FieldType.AGENT, true, PROV + "wasAssociatedWith"),
				field("evaluatedAt", PROV + "endedAtTime", FieldType.DATE_TIME, true),
				string("resumeSha256", AIGOV + "resumeSha256", true),
				string("factsSha256", AIGOV + "factsSha256", true),
				field("facts", AIGOV + "facts", FieldType.JSON, true),
				field("findings", AIGOV + "findings", FieldType.JSON, true),
				field("results", AIGOV + "ruleResult", FieldType.STRINGS, false));
		kind(Kind.SELF_ASSESSMENT, List.of(AIGOV + "SelfAssessment", PROV + "Entity"), selfAssessmentFields());
	}

	/**
	 * The system assessed, then each cell of the guide's table 1: a status and a note.
	 */
	private static FieldSpec[] selfAssessmentFields() {
		List<FieldSpec> fields = new ArrayList<>();
		fields.add(ref("system", AIGOV + "assessesSystem", Kind.AI_SYSTEM, true, null));
		for (SelfAssessmentChecklist.Cell cell : SelfAssessmentChecklist.CELLS) {
			fields.add(enumeration(cell.statusField(), AIGOV + cell.statusField(), true, ASSESSMENT_STATUS));
			fields.add(text(cell.noteField(), AIGOV + cell.noteField(), false));
		}
		return fields.toArray(FieldSpec[]::new);
	}

	private ResumeSchema() {
	}

	/** The RDF classes of an entity of this kind, most specific first. */
	public static List<String> types(Kind kind) {
		return TYPES.get(kind);
	}

	/** The fields of this kind, in a stable order. */
	public static Map<String, FieldSpec> fields(Kind kind) {
		return FIELDS.get(kind);
	}

	private static void kind(Kind kind, List<String> types, FieldSpec... fields) {
		TYPES.put(kind, List.copyOf(types));
		Map<String, FieldSpec> byName = new LinkedHashMap<>();
		for (FieldSpec field : fields) {
			byName.put(field.name(), field);
		}
		FIELDS.put(kind, java.util.Collections.unmodifiableMap(byName));
	}

	private static FieldSpec string(String name, String predicate, boolean required) {
		return new FieldSpec(name, predicate, FieldType.STRING, required, null, null, null);
	}

	private static FieldSpec text(String name, String predicate, boolean required) {
		return new FieldSpec(name, predicate, FieldType.TEXT, required, null, null, null);
	}

	private static FieldSpec field(String name, String predicate, FieldType type, boolean required) {
		return new FieldSpec(name, predicate, type, required, null, null, null);
	}

	private static FieldSpec field(String name, String predicate, FieldType type, boolean required,
			String superPredicate) {
		return new FieldSpec(name, predicate, type, required, null, null, superPredicate);
	}

	private static FieldSpec enumeration(String name, String predicate, boolean required, Map<String, String> values) {
		return new FieldSpec(name, predicate, FieldType.ENUM, required, null, values, null);
	}

	private static FieldSpec ref(String name, String predicate, Kind target, boolean required, String superPredicate) {
		return new FieldSpec(name, predicate, FieldType.REF, required, target, null, superPredicate);
	}

	private static FieldSpec refs(String name, String predicate, Kind target, boolean required, String superPredicate) {
		return new FieldSpec(name, predicate, FieldType.REFS, required, target, null, superPredicate);
	}

	private static Map<String, String> enumOf(String base, String... names) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : names) {
			values.put(name, base + name);
		}
		return values;
	}

	/** All kinds whose entities refer to the given kind, with the referring fields. */
	static List<Map.Entry<Kind, FieldSpec>> referencesTo(Kind target) {
		List<Map.Entry<Kind, FieldSpec>> result = new ArrayList<>();
		FIELDS.forEach((kind, fields) -> fields.values()
			.stream()
			.filter((field) -> target.equals(field.target()))
			.forEach((field) -> result.add(Map.entry(kind, field))));
		return result;
	}

}
