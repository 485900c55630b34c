package dev.aigov.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import org.springframework.stereotype.Service;

/**
 * Registers a model version from a Hugging Face-style model card (YAML front matter and
 * Markdown), so teams do not retype what they have: the licence, base models, datasets
 * and {@code model-index} metrics from the front matter, and the intended use and
 * limitations from the body's sections. Base models and datasets the registry does not
 * know yet are registered with what the card says, and nothing it does not say: a base
 * model's licence is {@code NOASSERTION} until someone records it. Everything is one
 * atomic write.
 */
@Service
public class ModelCardImporter {

	static final int MAX_CARD = 1024 * 1024;

	private static final Pattern FRONT_MATTER = Pattern
		.compile("\\A\\uFEFF?---\\r?\\n(.*?)\\r?\\n---\\s*(?:\\r?\\n|\\z)(.*)\\z", Pattern.DOTALL);

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,4}\\s+(.+?)\\s*#*\\s*$");

	private static final Map<String, String> SPDX = Map.ofEntries(Map.entry("apache-2.0", "Apache-2.0"),
			Map.entry("mit", "MIT"), Map.entry("bsd-3-clause", "BSD-3-Clause"),
			Map.entry("bsd-2-clause", "BSD-2-Clause"), Map.entry("cc-by-4.0", "CC-BY-4.0"),
			Map.entry("cc-by-sa-4.0", "CC-BY-SA-4.0"), Map.entry("cc-by-nc-4.0", "CC-BY-NC-4.0"),
			Map.entry("cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0"), Map.entry("cc0-1.0", "CC0-1.0"),
			Map.entry("gpl-3.0", "GPL-3.0-only"), Map.entry("agpl-3.0", "AGPL-3.0-only"),
			Map.entry("lgpl-3.0", "LGPL-3.0-only"), Map.entry("mpl-2.0", "MPL-2.0"),
			Map.entry("openrail", "LicenseRef-openrail"),
			Map.entry("bigscience-openrail-m", "LicenseRef-bigscience-openrail-m"),
			Map.entry("creativeml-openrail-m", "LicenseRef-creativeml-openrail-m"),
			Map.entry("llama2", "LicenseRef-llama2"), Map.entry("llama3", "LicenseRef-llama3"),
			Map.entry("llama3.1", "LicenseRef-llama3.1"), Map.entry("llama3.2", "LicenseRef-llama3.2"),
			Map.entry("gemma", "LicenseRef-gemma"), Map.entry("unknown", "NOASSERTION"));

	private final RegistryService registry;

	public ModelCardImporter(RegistryService registry) {
		this.registry = registry;
	}

	/**
	 * Registers a draft model version from a model card.
	 * @param card the model card (README.md with YAML front matter)
	 * @param modelId the registry model the version belongs to
	 * @param versionId the new version's id
	 * @param version its version label, e.g. {@code 1.0.0}
	 * @param actor who imports
	 * @return everything recorded, the model version first
	 */
	public List<ResumeEntity> importCard(String card, String modelId, String versionId, String version, Actor actor) {
		if (card == null || card.isBlank()) {
			throw new InvalidResumeException("body", "The model card is empty.");
		}
		if (card.length() > MAX_CARD) {
			throw new InvalidResumeException("body", "A model card may be at most 1 MiB.");
		}
		Matcher matcher = FRONT_MATTER.matcher(card);
		if (!matcher.matches()) {
			throw new InvalidResumeException("body", 1L,
					"The card has no YAML front matter: it must start with a line '---' and close it with another.");
		}
		Map<?, ?> meta = yaml(matcher.group(1));
		String body = matcher.group(2);

		List<RegistryService.PendingChange> changes = new ArrayList<>();
		Map<String, Object> versionFields = new LinkedHashMap<>();
		versionFields.put("model", modelId);
		versionFields.put("version", version);
		versionFields.put("lifecycleState", "draft");
		String licence = licence(meta.get("license"), "license");
		if (licence != null) {
			versionFields.put("licenseExpression", licence);
		}
		if (meta.get("pipeline_tag") instanceof String task) {
			versionFields.put("task", task);
		}
		putSection(versionFields, "intendedUse", body, "intended use", "uses", "direct use", "用途");
		putSection(versionFields, "limitations", body, "limitations", "bias, risks, and limitations", "risks", "限制");
		putSection(versionFields, "description", body, "model description", "model details", "模型說明");

		List<String> baseModels = new ArrayList<>();
		for (String hub : strings(meta.get("base_model"), "base_model")) {
			String id = slug(hub);
			baseModels.add(id);
			EntityRef ref = new EntityRef(Kind.BASE_MODEL, id);
			if (!this.registry.exists(ref) && changes.stream().noneMatch((c) -> c.ref().equals(ref))) {
				Map<String, Object> base = new LinkedHashMap<>();
				base.put("name", hub);
				base.put("provider", hub.contains("/") ? hub.substring(0, hub.indexOf('/')) : "unknown");
				base.put("licenseExpression", "NOASSERTION");
				base.put("source", "https://huggingface.co/" + hub);
				changes.add(new RegistryService.PendingChange(ref, base, 0));
			}
		}
		if (!baseModels.isEmpty()) {
			versionFields.put("baseModels", baseModels);
		}
		for (String hub : strings(meta.get("datasets"), "datasets")) {
			EntityRef ref = new EntityRef(Kind.DATASET, slug(hub));
			if (!this.registry.exists(ref) && changes.stream().noneMatch((c) -> c.ref().equals(ref))) {
				Map<String, Object> dataset = new LinkedHashMap<>();
				dataset.put("name", hub);
				dataset.put("description", "Declared in the model card of " + versionId
						+ "; record its versions with licence and sensitivity before approval. https://huggingface.co/datasets/"
						+ hub);
				if (hub.contains("/")) {
					dataset.put("publisher", hub.substring(0, hub.indexOf('/')));
				}
				changes.add(new RegistryService.PendingChange(ref, dataset, 0));
			}
		}
		EntityRef versionRef = new EntityRef(Kind.MODEL_VERSION, versionId);
		if (this.registry.exists(versionRef)) {
			throw new ResumeConflictException("A model-version with id '" + versionId + "' already exists.");
		}
		changes.add(0, new RegistryService.PendingChange(versionRef, versionFields, 0));
		List<Map<String, Object>> metrics = metrics(meta.get("model-index"));
		if (!metrics.isEmpty()) {
			Map<String, Object> evaluation = new LinkedHashMap<>();
			evaluation.put("modelVersion", versionId);
			evaluation.put("evaluationKind", "accuracy");
			evaluation.put("method",
					"Reported by the model card's model-index (self-reported, not verified by the appliance).");
			evaluation.put("metrics", metrics);
			changes.add(new RegistryService.PendingChange(new EntityRef(Kind.EVALUATION, versionId + "-card-metrics"),
					evaluation, 0));
		}
		return this.registry.record(changes, actor);
	}

	private static Map<?, ?> yaml(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(10);
		options.setAllowDuplicateKeys(false);
		options.setCodePointLimit(MAX_CARD);
		try {
			Object parsed = new Yaml(new SafeConstructor(options)).load(text);
			if (!(parsed instanceof Map<?, ?> map)) {
				throw new InvalidResumeException("body", 2L, "The front matter must be a YAML mapping (key: value).");
			}
			return map;
		}
		catch (MarkedYAMLException ex) {
			long line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 2L : 2L;
			throw new InvalidResumeException("body", line,
					"The front matter is not valid YAML at line " + line + ": " + ex.getProblem());
		}
		catch (YAMLException ex) {
			throw new InvalidResumeException("body", 2L, "The front matter is not valid YAML: " + ex.getMessage());
		}
	}

	static String licence(Object value, String field) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text) || text.isBlank()) {
			throw new InvalidResumeException(field, "'" + field + "' must be a licence id such as apache-2.0.");
		}
		String known = SPDX.get(text.strip().toLowerCase(Locale.ROOT));
		if (known != null) {
			return known;
		}
		return (text.equals("other")) ? "NOASSERTION" : "LicenseRef-" + text.strip().replaceAll("[^A-Za-z0-9.-]", "-");
	}

	private static List<String> strings(Object value, String field) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String text) {
			return List.of(text.strip());
		}
		if (value instanceof List<?> list) {
			List<String> strings = new ArrayList<>();
			for (Object item : list) {
				if (!(item instanceof String text) || text.isBlank()) {
					throw new InvalidResumeException(field, "'" + field + "' must list names such as org/name.");
				}
				strings.add(text.strip());
			}
			return strings;
		}
		throw new InvalidResumeException(field, "'" + field + "' must be a name or a list of names.");
	}

	private static List<Map<String, Object>> metrics(Object modelIndex) {
		List<Map<String, Object>> metrics = new ArrayList<>();
		if (!(modelIndex instanceof List<?> entries)) {
			return metrics;
		}
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (Object entry : entries) {
			if (!(entry instanceof Map<?, ?> model) || !(model.get("results") instanceof List<?> results)) {
				continue;
			}
			for (Object result : results) {
				if (!(result instanceof Map<?, ?> r) || !(r.get("metrics") instanceof List<?> list)) {
					continue;
				}
				String slice = (r.get("dataset") instanceof Map<?, ?> dataset && dataset.get("name") != null)
						? String.valueOf(dataset.get("name")) : null;
				for (Object item : list) {
					if (item instanceof Map<?, ?> metric && metric.get("value") instanceof Number value
							&& (metric.get("type") != null || metric.get("name") != null)) {
						String name = String
							.valueOf((metric.get("type") != null) ? metric.get("type") : metric.get("name"));
						if (seen.add(name + "\u0000" + slice)) {
							Map<String, Object> m = new LinkedHashMap<>();
							m.put("name", name);
							m.put("value", new java.math.BigDecimal(value.toString()));
							if (slice != null) {
								m.put("slice", slice);
							}
							metrics.add(m);
						}
					}
				}
			}
		}
		return metrics;
	}

	/** The text under the first heading that matches one of the names, if any. */
	private static void putSection(Map<String, Object> fields, String field, String body, String... names) {
		Matcher heading = HEADING.matcher(body);
		List<int[]> spans = new ArrayList<>();
		List<String> titles = new ArrayList<>();
		while (heading.find()) {
			spans.add(new int[] { heading.start(), heading.end() });
			titles.add(heading.group(1).toLowerCase(Locale.ROOT));
		}
		for (int i = 0; i < titles.size(); i++) {
			for (String name : names) {
				if (titles.get(i).equals(name)) {
					int end = (i + 1 < spans.size()) ? spans.get(i + 1)[0] : body.length();
					String text = body.substring(spans.get(i)[1], end).strip();
					if (!text.isEmpty()) {
						fields.put(field, (text.length() > 20_000) ? text.substring(0, 20_000) : text);
						return;
					}
				}
			}
		}
	}

	/** A registry id for a hub name such as {@code mistralai/Mistral-7B-v0.3}. */
	static String slug(String hub) {
		String slug = hub.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
		if (slug.isEmpty()) {
			throw new InvalidResumeException("base_model", "'" + hub + "' is not a usable name.");
		}
		return (slug.length() > 80) ? slug.substring(0, 80) : slug;
	}

}
