package dev.aigov.sbom.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.aigov.sbom.internal.BomJson.array;
import static dev.aigov.sbom.internal.BomJson.object;
import static dev.aigov.sbom.internal.BomJson.putNumber;
import static dev.aigov.sbom.internal.BomJson.putText;
import static dev.aigov.sbom.internal.BomJson.putTree;

/**
 * Maps one résumé onto a CycloneDX 1.6 ML-BOM tree. Every list is put in an order derived
 * from the résumé's content alone (ids, recorded times), never from the order the résumé
 * was read in, so that the same revisions always give the same tree. The mapping is
 * described in {@code sbom/README.md}.
 */
public final class MlBomMapping {

	/** Namespace of the property names this mapping writes. */
	public static final String PROPERTY_PREFIX = "aigov:";

	/** The property holding the model version's IRI in {@code metadata.properties}. */
	public static final String RESUME = "aigov:resume";

	/**
	 * The property holding {@code ResumeRevision.digest} in {@code metadata.properties}.
	 */
	public static final String RESUME_DIGEST = "aigov:resume-digest";

	/** The property holding the latest revision time in {@code metadata.properties}. */
	public static final String RESUME_REVISED_AT = "aigov:resume-revised-at";

	/**
	 * The property holding the number of résumé entities in {@code metadata.properties}.
	 */
	public static final String RESUME_ENTITIES = "aigov:resume-entities";

	private static final Set<String> LEARNING_APPROACHES = Set.of("supervised", "unsupervised",
			"reinforcement-learning", "semi-supervised", "self-supervised");

	/** Résumé fields that would carry artifact digests, by CycloneDX hash algorithm. */
	private static final Map<String, String> HASH_FIELDS = orderedMap("sha256", "SHA-256", "sha384", "SHA-384",
			"sha512", "SHA-512");

	private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

	private static final Map<String, String> LIFECYCLE_PHASES = Map.of("draft", "post-build", "submitted", "post-build",
			"approved", "post-build", "rejected", "post-build", "deployed", "operations", "retired", "decommission");

	private final Resume resume;

	private final ResumeEntity version;

	private final String versionIri;

	private final String resumeApiUrl;

	private final String apiBaseUrl;

	/**
	 * @param resume the résumé
	 * @param apiBaseUrl the appliance's public URL without a trailing slash, or
	 * {@code ""} for references relative to the appliance
	 */
	public MlBomMapping(Resume resume, String apiBaseUrl) {
		this.resume = resume;
		this.version = resume.versionEntity();
		if (this.version == null) {
			throw new IllegalArgumentException(
					"The résumé of " + resume.version() + " lacks the model version itself.");
		}
		this.versionIri = resume.version().iri();
		this.resumeApiUrl = apiBaseUrl + "/api/registry/model-versions/" + resume.version().id() + "/resume";
		this.apiBaseUrl = apiBaseUrl;
	}

	/**
	 * The BOM.
	 * @param serialNumber its {@code urn:uuid:} serial number
	 * @param timestamp its {@code metadata.timestamp}
	 * @param revisionProperties name and value of each property that identifies the
	 * résumé revision, for {@code metadata.properties}
	 */
	public ObjectNode bom(String serialNumber, String timestamp, Map<String, String> revisionProperties) {
		ObjectNode bom = object();
		bom.put("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
		bom.put("bomFormat", "CycloneDX");
		bom.put("specVersion", "1.6");
		bom.put("serialNumber", serialNumber);
		bom.put("version", 1);
		bom.set("metadata", metadata(timestamp, revisionProperties));
		putTree(bom, "components", components());
		putTree(bom, "dependencies", dependencies());
		putTree(bom, "formulation", formulation());
		return bom;
	}

	// metadata and the model

	private ObjectNode metadata(String timestamp, Map<String, String> revisionProperties) {
		ObjectNode metadata = object();
		metadata.put("timestamp", timestamp);
		String state = text(this.version, "lifecycleState");
		String phase = (state != null) ? LIFECYCLE_PHASES.getOrDefault(state, "post-build") : "post-build";
		metadata.putArray("lifecycles").addObject().put("phase", phase);
		ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
		tool.put("type", "application");
		tool.put("group", "dev.aigov");
		tool.put("name", "aigov-appliance");
		tool.put("description", "AI governance appliance: ML-BOM generated from the model version's production résumé");
		metadata.set("component", modelComponent());
		Properties properties = new Properties();
		revisionProperties.forEach(properties::add);
		putTree(metadata, "properties", properties.array);
		return metadata;
	}

	private ObjectNode modelComponent() {
		ResumeEntity model = model();
		ResumeEntity system = system(model);
		ObjectNode component = object();
		component.put("type", "machine-learning-model");
		component.put("bom-ref", this.versionIri);
		component.put("name", firstText(model, "name", (model != null) ? model.ref().id() : this.version.ref().id()));
		component.put("version", firstText(this.version, "version", this.version.ref().id()));
		putText(component, "description", firstText(this.version, "description", text(model, "description")));
		putTree(component, "hashes", hashes(this.version));
		putTree(component, "licenses", licenses(text(this.version, "licenseExpression")));
		ArrayNode references = component.putArray("externalReferences");
		reference(references, "documentation", this.versionIri,
				"The model version's AI production résumé on the appliance's lineage graph");
		reference(references, "other", this.resumeApiUrl, "The résumé as served by the appliance's registry API");
		for (ResumeEntity sbom : sorted(Kind.SBOM, "importedAt")) {
			ObjectNode reference = references.addObject();
			reference(reference, "bom", this.apiBaseUrl + "/api/sboms/" + sbom.ref().id(),
					"External SBOM attached in the résumé: "
							+ firstText(sbom, "name", "CycloneDX " + text(sbom, "specVersion")));
			ObjectNode hash = reference.putArray("hashes").addObject();
			hash.put("alg", "SHA-256");
			hash.put("content", text(sbom, "contentSha256"));
		}
		ObjectNode pedigree = object();
		putTree(pedigree, "ancestors", ancestors());
		putTree(component, "pedigree", pedigree);
		component.set("modelCard", modelCard(system));
		Properties properties = new Properties();
		properties.add("aigov:revision", revisionOf(this.version));
		properties.add("aigov:lifecycle-state", text(this.version, "lifecycleState"));
		properties.add("aigov:submitted-by", text(this.version, "submittedBy"));
		if (model != null) {
			properties.add("aigov:model", model.ref().iri());
			properties.add("aigov:model-revision", revisionOf(model));
			properties.add("aigov:model-owner", text(model, "owner"));
		}
		if (system != null) {
			properties.add("aigov:ai-system", system.ref().iri());
			properties.add("aigov:ai-system-revision", revisionOf(system));
			properties.add("aigov:ai-system-name", text(system, "name"));
			properties.add("aigov:ai-system-owner", text(system, "owner"));
			properties.add("aigov:risk-level", text(system, "riskLevel"));
			properties.add("aigov:decides-about-people", text(system, "decidesAboutPeople"));
		}
		properties.add("aigov:serving-provider", text(this.version, "servingProvider"));
		properties.add("aigov:explanation-method", text(this.version, "explanationMethod"));
		properties.add("aigov:output-license-terms", text(this.version, "outputLicenseTerms"));
		for (ResumeEntity approval : sorted(Kind.APPROVAL, "decidedAt")) {
			String prefix = "aigov:approval:" + approval.ref().id() + ":";
			properties.add(prefix + "iri", approval.ref().iri());
			properties.add(prefix + "decision", text(approval, "decision"));
			properties.add(prefix + "decided-by", text(approval, "decidedBy"));
			properties.add(prefix + "decided-at", text(approval, "decidedAt"));
			properties.add(prefix + "submitted-by", text(approval, "submittedBy"));
			properties.add(prefix + "justification", text(approval, "justification"));
		}
		for (ResumeEntity incident : sorted(Kind.INCIDENT, "reportedAt")) {
			String prefix = "aigov:incident:" + incident.ref().id() + ":";
			properties.add(prefix + "iri", incident.ref().iri());
			properties.add(prefix + "severity", text(incident, "severity"));
			properties.add(prefix + "status", text(incident, "status"));
		}
		putTree(component, "properties", properties.array);
		return component;
	}

	/** Base models (and what they derive from, nested), then earlier model versions. */
	private ArrayNode ancestors() {
		ArrayNode ancestors = array();
		Set<EntityRef> emitted = new HashSet<>();
		for (ResumeEntity base : baseModels()) {
			ancestors.add(baseModelComponent(base, "base-model", emitted, new HashSet<>()));
		}
		for (ResumeEntity previous : entities(Kind.MODEL_VERSION, this.version, "derivedFrom")) {
			ObjectNode component = ancestors.addObject();
			component.put("type", "machine-learning-model");
			component.put("bom-ref", previous.ref().iri());
			ResumeEntity model = entity(Kind.MODEL, text(previous, "model"));
			component.put("name", firstText(model, "name", previous.ref().id()));
			component.put("version", firstText(previous, "version", previous.ref().id()));
			putText(component, "description", text(previous, "description"));
			putTree(component, "licenses", licenses(text(previous, "licenseExpression")));
			Properties properties = new Properties();
			properties.add("aigov:relation", "previous-version");
			properties.add("aigov:revision", revisionOf(previous));
			component.set("properties", properties.array);
		}
		return ancestors;
	}

	private ObjectNode baseModelComponent(ResumeEntity base, String relation, Set<EntityRef> emitted,
			Set<EntityRef> path) {
		ObjectNode component = object();
		component.put("type", "machine-learning-model");
		boolean first = emitted.add(base.ref());
		if (first) {
			component.put("bom-ref", base.ref().iri());
		}
		String provider = text(base, "provider");
		if (provider != null) {
			component.putObject("supplier").put("name", provider);
			component.put("publisher", provider);
		}
		component.put("name", firstText(base, "name", base.ref().id()));
		putText(component, "version", text(base, "version"));
		putTree(component, "hashes", hashes(base));
		putTree(component, "licenses", licenses(text(base, "licenseExpression")));
		String source = text(base, "source");
		if (isHttpUrl(source)) {
			reference(component.putArray("externalReferences"), "distribution", source,
					"Where the base model was obtained");
		}
		path.add(base.ref());
		ArrayNode ancestors = array();
		for (ResumeEntity parent : entities(Kind.BASE_MODEL, base, "derivedFrom")) {
			if (!path.contains(parent.ref())) {
				ancestors.add(baseModelComponent(parent, null, emitted, path));
			}
		}
		path.remove(base.ref());
		if (!ancestors.isEmpty()) {
			component.putObject("pedigree").set("ancestors", ancestors);
		}
		Properties properties = new Properties();
		properties.add("aigov:relation", relation);
		if (!first) {
			// Listed again under another descendant; bom-refs must be unique.
			properties.add("aigov:same-as", base.ref().iri());
		}
		properties.add("aigov:revision", revisionOf(base));
		if (!isHttpUrl(source)) {
			properties.add("aigov:source", source);
		}
		component.set("properties", properties.array);
		return component;
	}

	// the model card

	private ObjectNode modelCard(ResumeEntity system) {
		ObjectNode card = object();
		card.put("bom-ref", this.versionIri + "#model-card");
		ObjectNode parameters = object();
		String approach = text(this.version, "learningApproach");
		if (approach != null && LEARNING_APPROACHES.contains(approach)) {
			parameters.putObject("approach").put("type", approach);
		}
		putText(parameters, "task", text(this.version, "task"));
		putText(parameters, "modelArchitecture", text(this.version, "architecture"));
		ArrayNode datasets = array();
		for (ResumeEntity dataset : modelDatasets()) {
			datasets.addObject().put("ref", dataset.ref().iri());
		}
		putTree(parameters, "datasets", datasets);
		putTree(parameters, "inputs", formats("inputFormats"));
		putTree(parameters, "outputs", formats("outputFormats"));
		putTree(card, "modelParameters", parameters);
		ArrayNode metrics = array();
		for (ResumeEntity evaluation : evaluations()) {
			for (Map<?, ?> metric : metrics(evaluation)) {
				ObjectNode node = metrics.addObject();
				putText(node, "type", string(metric.get("name")));
				putText(node, "value", plain(metric.get("value")));
				putText(node, "slice", string(metric.get("slice")));
			}
		}
		if (!metrics.isEmpty()) {
			card.putObject("quantitativeAnalysis").set("performanceMetrics", metrics);
		}
		putTree(card, "considerations", considerations(system));
		return card;
	}

	private ArrayNode formats(String field) {
		ArrayNode formats = array();
		for (String format : texts(this.version, field)) {
			formats.addObject().put("format", format);
		}
		return formats;
	}

	private ObjectNode considerations(ResumeEntity system) {
		ObjectNode considerations = object();
		if (system != null) {
			String owner = text(system, "owner");
			considerations.putArray("users")
				.add("AI system '" + firstText(system, "name", system.ref().id()) + "' (" + system.ref().iri() + ")"
						+ ((owner != null) ? ", owned by " + owner : ""));
		}
		ArrayNode useCases = array();
		addText(useCases, text(this.version, "intendedUse"));
		if (system != null && text(system, "purpose") != null) {
			useCases.add("Purpose of the AI system: " + text(system, "purpose"));
		}
		putTree(considerations, "useCases", useCases);
		ArrayNode limitations = array();
		addText(limitations, text(this.version, "limitations"));
		putTree(considerations, "technicalLimitations", limitations);
		putTree(considerations, "ethicalConsiderations", ethicalConsiderations(system));
		putTree(considerations, "fairnessAssessments", fairnessAssessments());
		ObjectNode environmental = environmentalConsiderations();
		putTree(considerations, "environmentalConsiderations", environmental);
		return considerations;
	}

	private ArrayNode ethicalConsiderations(ResumeEntity system) {
		ArrayNode risks = array();
		if (system != null && text(system, "riskLevel") != null) {
			risks.addObject()
				.put("name", "Risk level '" + text(system, "riskLevel") + "' of the AI system '"
						+ firstText(system, "name", system.ref().id()) + "'");
		}
		if (system != null && Boolean.parseBoolean(text(system, "decidesAboutPeople"))) {
			ObjectNode risk = risks.addObject().put("name", "The AI system makes or supports decisions about people");
			putText(risk, "mitigationStrategy", (text(this.version, "explanationMethod") != null)
					? "Explanations: " + text(this.version, "explanationMethod") : null);
		}
		for (ResumeEntity dataset : dataComponentEntities()) {
			if (Boolean.parseBoolean(text(dataset, "containsPersonalData"))) {
				List<String> measures = new ArrayList<>();
				addIfPresent(measures, "legal basis: ", text(dataset, "legalBasis"));
				if (text(dataset, "consentRecorded") != null) {
					measures.add(Boolean.parseBoolean(text(dataset, "consentRecorded")) ? "consent recorded"
							: "consent not recorded");
				}
				addIfPresent(measures, "anonymisation: ", text(dataset, "anonymisationMethod"));
				addIfPresent(measures, "retained until ", text(dataset, "retentionUntil"));
				ObjectNode risk = risks.addObject()
					.put("name",
							"Personal data in dataset " + datasetLabel(dataset) + " (" + dataset.ref().iri() + ")");
				if (!measures.isEmpty()) {
					risk.put("mitigationStrategy", capitalize(String.join("; ", measures)) + ".");
				}
			}
		}
		for (ResumeEntity incident : sorted(Kind.INCIDENT, "reportedAt")) {
			ObjectNode risk = risks.addObject()
				.put("name",
						"Incident: " + firstText(incident, "title", incident.ref().id()) + " (severity "
								+ text(incident, "severity") + ", " + text(incident, "status") + "; "
								+ incident.ref().iri() + ")");
			putText(risk, "mitigationStrategy", text(incident, "handling"));
		}
		return risks;
	}

	/**
	 * One assessment per group at risk in each fairness evaluation: the groups compared
	 * with a reference group ({@code "<group> vs <reference>"} slices), or every group
	 * when there is no reference group.
	 */
	private ArrayNode fairnessAssessments() {
		ArrayNode assessments = array();
		for (ResumeEntity evaluation : evaluations()) {
			if (!"fairness".equals(text(evaluation, "evaluationKind"))) {
				continue;
			}
			Map<String, List<String>> byGroup = new LinkedHashMap<>();
			Map<String, List<String>> versus = new LinkedHashMap<>();
			Map<String, String> reference = new LinkedHashMap<>();
			for (Map<?, ?> metric : metrics(evaluation)) {
				String slice = string(metric.get("slice"));
				if (slice == null) {
					continue;
				}
				String measured = string(metric.get("name")) + " " + plain(metric.get("value"));
				int vs = slice.indexOf(" vs ");
				if (vs > 0) {
					String group = slice.substring(0, vs);
					versus.computeIfAbsent(group, (key) -> new ArrayList<>()).add(measured);
					reference.put(group, slice.substring(vs + 4));
				}
				else {
					byGroup.computeIfAbsent(slice, (key) -> new ArrayList<>()).add(measured);
				}
			}
			Collection<String> atRisk = versus.isEmpty() ? byGroup.keySet() : versus.keySet();
			List<String> attributes = texts(evaluation, "protectedAttributes");
			for (String group : atRisk) {
				StringBuilder harms = new StringBuilder("Measured by the appliance in evaluation ")
					.append(evaluation.ref().iri());
				if (byGroup.containsKey(group)) {
					harms.append(": ").append(String.join(", ", byGroup.get(group)));
				}
				if (versus.containsKey(group)) {
					harms.append(byGroup.containsKey(group) ? "; versus '" : ": versus '")
						.append(reference.get(group))
						.append("': ")
						.append(String.join(", ", versus.get(group)));
				}
				ObjectNode assessment = assessments.addObject();
				assessment.put("groupAtRisk",
						attributes.isEmpty() ? group : group + " (" + String.join(", ", attributes) + ")");
				assessment.put("harms", harms.append('.').toString());
			}
		}
		return assessments;
	}

	private ObjectNode environmentalConsiderations() {
		ObjectNode environmental = object();
		ResumeEntity run = trainingRun();
		BigDecimal energy = (run != null) ? decimal(run.fields().get("energyKwh")) : null;
		if (energy != null) {
			ObjectNode consumption = environmental.putArray("energyConsumptions").addObject();
			consumption.put("activity", "fine-tuning".equals(text(run, "runKind")) ? "fine-tuning" : "training");
			// The résumé does not record who supplied the energy or from what source.
			consumption.putArray("energyProviders");
			consumption.putObject("activityEnergyCost").put("value", energy).put("unit", "kWh");
			Properties properties = new Properties();
			properties.add("aigov:training-run", run.ref().iri());
			properties.add("aigov:compute", text(run, "compute"));
			consumption.set("properties", properties.array);
		}
		Properties properties = new Properties();
		properties.add("aigov:energy-per-inference-wh", plain(this.version.fields().get("energyPerInferenceWh")));
		putTree(environmental, "properties", properties.array);
		return environmental;
	}

	// datasets and the serving stack

	private ArrayNode components() {
		ArrayNode components = array();
		for (ResumeEntity dataset : dataComponentEntities()) {
			components.add(dataComponent(dataset));
		}
		String serving = text(this.version, "servingProvider");
		if (serving != null) {
			ObjectNode component = components.addObject();
			component.put("type", "platform");
			component.put("bom-ref", this.versionIri + "#serving-stack");
			component.put("name", serving);
			component.put("scope", "required");
			component.put("description", "The serving stack the model version runs on, as named in its résumé");
		}
		return components;
	}

	private ObjectNode dataComponent(ResumeEntity version) {
		ResumeEntity dataset = entity(Kind.DATASET, text(version, "dataset"));
		ObjectNode component = object();
		component.put("type", "data");
		component.put("bom-ref", version.ref().iri());
		putText(component, "publisher", text(dataset, "publisher"));
		component.put("name", datasetName(version, dataset));
		component.put("version", firstText(version, "version", version.ref().id()));
		putText(component, "description", firstText(version, "description", text(dataset, "description")));
		putTree(component, "hashes", hashes(version));
		putTree(component, "licenses", licenses(text(version, "licenseExpression")));
		String source = text(version, "source");
		if (isHttpUrl(source)) {
			reference(component.putArray("externalReferences"), "distribution", source,
					"Where the dataset version was obtained");
		}
		ObjectNode data = component.putArray("data").addObject();
		data.put("type", "dataset");
		data.put("name", datasetName(version, dataset));
		if (isHttpUrl(source)) {
			data.putObject("contents").put("url", source);
		}
		putText(data, "classification", text(version, "sensitivity"));
		putTree(data, "sensitiveData", sensitiveData(version));
		putTree(data, "governance", governance(version, dataset));
		Properties properties = new Properties();
		properties.add("aigov:revision", revisionOf(version));
		if (dataset != null) {
			properties.add("aigov:dataset", dataset.ref().iri());
			properties.add("aigov:dataset-revision", revisionOf(dataset));
		}
		if (!isHttpUrl(source)) {
			properties.add("aigov:source", source);
		}
		properties.add("aigov:sensitivity", text(version, "sensitivity"));
		properties.add("aigov:contains-personal-data", text(version, "containsPersonalData"));
		properties.add("aigov:legal-basis", text(version, "legalBasis"));
		properties.add("aigov:consent-recorded", text(version, "consentRecorded"));
		properties.add("aigov:retention-until", text(version, "retentionUntil"));
		properties.add("aigov:anonymisation-method", text(version, "anonymisationMethod"));
		properties.add("aigov:collection-process", text(version, "collection"));
		properties.add("aigov:cleaning-process", text(version, "cleaning"));
		properties.add("aigov:labelling-process", text(version, "labelling"));
		for (ResumeEntity upstream : entities(Kind.DATASET_VERSION, version, "derivedFrom")) {
			properties.add("aigov:derived-from", upstream.ref().iri());
		}
		putTree(component, "properties", properties.array);
		return component;
	}

	private ArrayNode sensitiveData(ResumeEntity dataset) {
		Set<String> sensitive = new LinkedHashSet<>();
		if (Boolean.parseBoolean(text(dataset, "containsPersonalData"))) {
			sensitive.add("personal data");
		}
		for (ResumeEntity evaluation : evaluations()) {
			if (dataset.ref().id().equals(text(evaluation, "dataset"))) {
				for (String attribute : texts(evaluation, "protectedAttributes")) {
					sensitive.add("protected attribute: " + attribute);
				}
			}
		}
		ArrayNode array = array();
		sensitive.forEach(array::add);
		return array;
	}

	/**
	 * Owners: the dataset's owner. Custodians: its publisher. Stewards: whoever recorded
	 * the dataset and this version in the résumé, since they answer for its metadata.
	 */
	private ObjectNode governance(ResumeEntity version, ResumeEntity dataset) {
		ObjectNode governance = object();
		String owner = text(dataset, "owner");
		if (owner != null) {
			governance.putArray("owners").addObject().putObject("contact").put("name", owner);
		}
		String publisher = text(dataset, "publisher");
		if (publisher != null) {
			governance.putArray("custodians").addObject().putObject("organization").put("name", publisher);
		}
		Set<String> stewards = new LinkedHashSet<>();
		for (ResumeEntity recorded : (dataset != null) ? List.of(dataset, version) : List.of(version)) {
			if (recorded.revision().author() != null && !recorded.revision().author().isBlank()) {
				stewards.add(recorded.revision().author());
			}
		}
		if (!stewards.isEmpty()) {
			ArrayNode parties = governance.putArray("stewards");
			stewards.stream().sorted().forEach((name) -> parties.addObject().putObject("contact").put("name", name));
		}
		return governance;
	}

	private ArrayNode dependencies() {
		ArrayNode dependencies = array();
		ObjectNode model = dependencies.addObject().put("ref", this.versionIri);
		ArrayNode dependsOn = array();
		ResumeEntity run = trainingRun();
		if (run != null) {
			for (ResumeEntity dataset : entities(Kind.DATASET_VERSION, run, "datasets")) {
				dependsOn.add(dataset.ref().iri());
			}
		}
		for (ResumeEntity base : baseModels()) {
			dependsOn.add(base.ref().iri());
		}
		if (text(this.version, "servingProvider") != null) {
			dependsOn.add(this.versionIri + "#serving-stack");
			dependencies.addObject().put("ref", this.versionIri + "#serving-stack").putArray("dependsOn");
		}
		putTree(model, "dependsOn", dependsOn);
		for (ResumeEntity dataset : dataComponentEntities()) {
			ObjectNode node = dependencies.addObject().put("ref", dataset.ref().iri());
			ArrayNode upstream = node.putArray("dependsOn");
			for (ResumeEntity parent : entities(Kind.DATASET_VERSION, dataset, "derivedFrom")) {
				upstream.add(parent.ref().iri());
			}
		}
		return dependencies;
	}

	// formulation: how the model was made, tested and deployed

	private ArrayNode formulation() {
		ArrayNode workflows = array();
		ResumeEntity run = trainingRun();
		if (run != null) {
			workflows.add(trainingWorkflow(run));
		}
		for (ResumeEntity evaluation : evaluations()) {
			workflows.add(evaluationWorkflow(evaluation));
		}
		for (ResumeEntity deployment : sorted(Kind.DEPLOYMENT, "startedAt")) {
			workflows.add(deploymentWorkflow(deployment));
		}
		ArrayNode formulation = array();
		if (!workflows.isEmpty()) {
			ObjectNode formula = formulation.addObject();
			formula.put("bom-ref", this.versionIri + "#formulation");
			formula.set("workflows", workflows);
		}
		return formulation;
	}

	private ObjectNode trainingWorkflow(ResumeEntity run) {
		ObjectNode workflow = workflow(run, firstText(run, "name", "Training run " + run.ref().id()), "build");
		String kind = text(run, "runKind");
		workflow.put("description",
				"The " + ((kind != null) ? kind : "training") + " run that produced model version " + this.versionIri);
		String code = text(run, "codeReference");
		if (isHttpUrl(code)) {
			reference(workflow.putArray("resourceReferences").addObject().putObject("externalReference"), "vcs", code,
					"The training code");
		}
		ArrayNode inputs = array();
		for (ResumeEntity dataset : entities(Kind.DATASET_VERSION, run, "datasets")) {
			inputs.addObject().putObject("resource").put("ref", dataset.ref().iri());
		}
		for (ResumeEntity base : entities(Kind.BASE_MODEL, run, "baseModels")) {
			inputs.addObject().putObject("resource").put("ref", base.ref().iri());
		}
		putTree(workflow, "inputs", inputs);
		workflow.putArray("outputs")
			.addObject()
			.put("type", "artifact")
			.putObject("resource")
			.put("ref", this.versionIri);
		putText(workflow, "timeStart", text(run, "startedAt"));
		putText(workflow, "timeEnd", text(run, "endedAt"));
		Properties properties = new Properties();
		properties.add("aigov:revision", revisionOf(run));
		properties.add("aigov:run-kind", kind);
		properties.add("aigov:operator", text(run, "operator"));
		properties.add("aigov:compute", text(run, "compute"));
		properties.add("aigov:energy-kwh", plain(run.fields().get("energyKwh")));
		if (!isHttpUrl(code)) {
			properties.add("aigov:code-reference", code);
		}
		properties.add("aigov:parameters", text(run, "parameters"));
		putTree(workflow, "properties", properties.array);
		return workflow;
	}

	private ObjectNode evaluationWorkflow(ResumeEntity evaluation) {
		String kind = text(evaluation, "evaluationKind");
		ObjectNode workflow = workflow(evaluation,
				"Evaluation " + evaluation.ref().id() + ((kind != null) ? " (" + kind + ")" : ""), "test");
		putText(workflow, "description", text(evaluation, "method"));
		ArrayNode inputs = workflow.putArray("inputs");
		inputs.addObject().putObject("resource").put("ref", this.versionIri);
		ResumeEntity dataset = entity(Kind.DATASET_VERSION, text(evaluation, "dataset"));
		if (dataset != null) {
			inputs.addObject().putObject("resource").put("ref", dataset.ref().iri());
		}
		putText(workflow, "timeEnd", text(evaluation, "performedAt"));
		Properties properties = new Properties();
		properties.add("aigov:revision", revisionOf(evaluation));
		properties.add("aigov:evaluation-kind", kind);
		for (String attribute : texts(evaluation, "protectedAttributes")) {
			properties.add("aigov:protected-attribute", attribute);
		}
		properties.add("aigov:metrics", String.valueOf(metrics(evaluation).size()));
		putTree(workflow, "properties", properties.array);
		return workflow;
	}

	private ObjectNode deploymentWorkflow(ResumeEntity deployment) {
		String environment = text(deployment, "environment");
		ObjectNode workflow = workflow(deployment,
				"Deployment " + deployment.ref().id() + ((environment != null) ? " to " + environment : ""), "deploy");
		workflow.putArray("inputs").addObject().putObject("resource").put("ref", this.versionIri);
		putText(workflow, "timeStart", text(deployment, "startedAt"));
		putText(workflow, "timeEnd", text(deployment, "endedAt"));
		Properties properties = new Properties();
		properties.add("aigov:revision", revisionOf(deployment));
		properties.add("aigov:environment", environment);
		properties.add("aigov:proxy-route", text(deployment, "proxyRoute"));
		properties.add("aigov:deployed-by", text(deployment, "deployedBy"));
		putTree(workflow, "properties", properties.array);
		return workflow;
	}

	private static ObjectNode workflow(ResumeEntity activity, String name, String taskType) {
		ObjectNode workflow = object();
		workflow.put("bom-ref", activity.ref().iri());
		workflow.put("uid", activity.ref().iri());
		workflow.put("name", name);
		workflow.putArray("taskTypes").add(taskType);
		return workflow;
	}

	// what belongs to this model version

	private ResumeEntity model() {
		return entity(Kind.MODEL, text(this.version, "model"));
	}

	private ResumeEntity system(ResumeEntity model) {
		return (model != null) ? entity(Kind.AI_SYSTEM, text(model, "system")) : null;
	}

	private ResumeEntity trainingRun() {
		return entity(Kind.TRAINING_RUN, text(this.version, "trainingRun"));
	}

	/** The version's base models, then those its training run started from. */
	private List<ResumeEntity> baseModels() {
		Map<EntityRef, ResumeEntity> bases = new LinkedHashMap<>();
		entities(Kind.BASE_MODEL, this.version, "baseModels").forEach((base) -> bases.put(base.ref(), base));
		ResumeEntity run = trainingRun();
		if (run != null) {
			entities(Kind.BASE_MODEL, run, "baseModels").forEach((base) -> bases.putIfAbsent(base.ref(), base));
		}
		return List.copyOf(bases.values());
	}

	/** Evaluations of this version, in the order they were performed. */
	private List<ResumeEntity> evaluations() {
		return sorted(Kind.EVALUATION, "performedAt");
	}

	/** The datasets the version was trained on, then those it was evaluated on. */
	private List<ResumeEntity> modelDatasets() {
		Map<EntityRef, ResumeEntity> datasets = new LinkedHashMap<>();
		ResumeEntity run = trainingRun();
		if (run != null) {
			entities(Kind.DATASET_VERSION, run, "datasets").forEach((dataset) -> datasets.put(dataset.ref(), dataset));
		}
		for (ResumeEntity evaluation : evaluations()) {
			ResumeEntity dataset = entity(Kind.DATASET_VERSION, text(evaluation, "dataset"));
			if (dataset != null) {
				datasets.putIfAbsent(dataset.ref(), dataset);
			}
		}
		return List.copyOf(datasets.values());
	}

	/** The model's datasets and, transitively, the dataset versions they derive from. */
	private List<ResumeEntity> dataComponentEntities() {
		Map<EntityRef, ResumeEntity> found = new LinkedHashMap<>();
		Deque<ResumeEntity> pending = new ArrayDeque<>(modelDatasets());
		while (!pending.isEmpty()) {
			ResumeEntity dataset = pending.poll();
			if (found.putIfAbsent(dataset.ref(), dataset) == null) {
				pending.addAll(entities(Kind.DATASET_VERSION, dataset, "derivedFrom"));
			}
		}
		return List.copyOf(found.values());
	}

	/** The entities of a kind, ordered by a recorded time (absent last), then by id. */
	private List<ResumeEntity> sorted(Kind kind, String timeField) {
		return this.resume.all(kind)
			.stream()
			.sorted(Comparator
				.comparing((ResumeEntity entity) -> text(entity, timeField),
						Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing((entity) -> entity.ref().id()))
			.toList();
	}

	private ResumeEntity entity(Kind kind, String id) {
		if (id == null) {
			return null;
		}
		try {
			return this.resume.entities().get(new EntityRef(kind, id));
		}
		catch (RuntimeException invalidId) {
			return null;
		}
	}

	/**
	 * The entities a reference field names that are part of the résumé, in field order.
	 */
	private List<ResumeEntity> entities(Kind kind, ResumeEntity owner, String field) {
		Map<EntityRef, ResumeEntity> found = new LinkedHashMap<>();
		for (String id : texts(owner, field)) {
			ResumeEntity entity = entity(kind, id);
			if (entity != null) {
				found.putIfAbsent(entity.ref(), entity);
			}
		}
		return List.copyOf(found.values());
	}

	private static List<Map<?, ?>> metrics(ResumeEntity evaluation) {
		Object value = evaluation.fields().get("metrics");
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map((metric) -> (Map<?, ?>) metric).toList();
	}

	// values

	/**
	 * Artifact digests. The résumé records none yet; once the registry stores them as
	 * {@code sha256}, {@code sha384} or {@code sha512} (hex), they appear here.
	 */
	private static ArrayNode hashes(ResumeEntity entity) {
		ArrayNode hashes = array();
		HASH_FIELDS.forEach((field, algorithm) -> {
			String content = text(entity, field);
			if (content != null && HEX.matcher(content).matches()) {
				hashes.addObject().put("alg", algorithm).put("content", content.toLowerCase(Locale.ROOT));
			}
		});
		return hashes;
	}

	/**
	 * One SPDX id known to CycloneDX as {@code license.id}, anything else as expression.
	 */
	private static ArrayNode licenses(String expression) {
		ArrayNode licenses = array();
		if (expression == null) {
			return licenses;
		}
		String trimmed = expression.strip();
		if (CycloneDx.isSpdxLicenseId(trimmed)) {
			licenses.addObject().putObject("license").put("id", trimmed);
		}
		else {
			licenses.addObject().put("expression", trimmed);
		}
		return licenses;
	}

	private static void reference(ArrayNode references, String type, String url, String comment) {
		reference(references.addObject(), type, url, comment);
	}

	private static void reference(ObjectNode reference, String type, String url, String comment) {
		reference.put("url", url);
		reference.put("comment", comment);
		reference.put("type", type);
	}

	private String datasetLabel(ResumeEntity version) {
		ResumeEntity dataset = entity(Kind.DATASET, text(version, "dataset"));
		return "'" + datasetName(version, dataset) + "' version " + firstText(version, "version", version.ref().id());
	}

	private static String datasetName(ResumeEntity version, ResumeEntity dataset) {
		return firstText(dataset, "name", (dataset != null) ? dataset.ref().id() : version.ref().id());
	}

	private static String revisionOf(ResumeEntity entity) {
		return String.valueOf(entity.revision().number());
	}

	private static boolean isHttpUrl(String text) {
		if (text == null) {
			return false;
		}
		try {
			URI uri = new URI(text);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** A field as non-blank text, or {@code null}. */
	private static String text(ResumeEntity entity, String field) {
		if (entity == null) {
			return null;
		}
		Object value = entity.fields().get(field);
		if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
			return plain(value);
		}
		return string(value);
	}

	private static String firstText(ResumeEntity entity, String field, String fallback) {
		String value = text(entity, field);
		return (value != null) ? value : fallback;
	}

	/** A field that holds one string or a list of them, as a list. */
	private static List<String> texts(ResumeEntity entity, String field) {
		if (entity == null) {
			return List.of();
		}
		Object value = entity.fields().get(field);
		if (value instanceof Collection<?> values) {
			return values.stream().map(MlBomMapping::string).filter((text) -> text != null).toList();
		}
		String text = string(value);
		return (text != null) ? List.of(text) : List.of();
	}

	private static String string(Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		return text.isBlank() ? null : text;
	}

	private static BigDecimal decimal(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			return (Double.isFinite(number)) ? BigDecimal.valueOf(number) : null;
		}
		if (value instanceof Number number) {
			return new BigDecimal(number.toString());
		}
		if (value instanceof String text) {
			try {
				return new BigDecimal(text.strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** A number as plain decimal text (never in exponent form); other values as text. */
	private static String plain(Object value) {
		BigDecimal decimal = (value instanceof Number) ? decimal(value) : null;
		return (decimal != null) ? decimal.toPlainString() : string(value);
	}

	private static void addText(ArrayNode array, String text) {
		if (text != null) {
			array.add(text);
		}
	}

	private static void addIfPresent(List<String> list, String label, String value) {
		if (value != null) {
			list.add(label + value);
		}
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static Map<String, String> orderedMap(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	/** CycloneDX {@code properties}: name-value pairs, skipping absent values. */
	private static final class Properties {

		private final ArrayNode array = array();

		void add(String name, String value) {
			if (value != null && !value.isBlank()) {
				this.array.addObject().put("name", name).put("value", value);
			}
		}

	}

}
