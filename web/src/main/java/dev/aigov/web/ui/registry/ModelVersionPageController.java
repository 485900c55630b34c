package dev.aigov.web.ui.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.policy.PolicyPacks;
import dev.aigov.policy.RuleDefinition;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.CompletenessService;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeQueries;
import dev.aigov.registry.ResumeReader;
import dev.aigov.registry.ResumeSchema;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.sbom.MlBomService;
import dev.aigov.web.ui.ChartData;
import dev.aigov.web.ui.CurrentUser;
import dev.aigov.web.ui.UiFormats;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A model version's résumé on one page: summary, the approval workflow with what the
 * reader may do and why not, the lifecycle timeline with revisions ("as of" and diff),
 * the lineage graph, evaluations with per-group fairness charts, SHACL completeness, and
 * the signed ML-BOM. Everything is read as of the chosen instant.
 */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
class ModelVersionPageController {

	/** The per-group rates charted for a fairness evaluation, with their colours. */
	static final Map<String, String> GROUP_RATES = linked("selection_rate", "#2e6fba", "true_positive_rate", "#1e8449",
			"false_positive_rate", "#c0392b", "false_negative_rate", "#d68910");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RegistryService registry;

	private final ResumeReader reader;

	private final ResumeQueries queries;

	private final ApprovalWorkflow workflow;

	private final CompletenessService completeness;

	private final MlBomService boms;

	private final GovernancePolicy governance;

	private final PolicyPacks packs;

	private final MessageSource messages;

	private final UiFormats formats;

	ModelVersionPageController(RegistryService registry, ResumeReader reader, ResumeQueries queries,
			ApprovalWorkflow workflow, CompletenessService completeness, MlBomService boms, GovernancePolicy governance,
			PolicyPacks packs, MessageSource messages, UiFormats formats) {
		this.governance = governance;
		this.packs = packs;
		this.registry = registry;
		this.reader = reader;
		this.queries = queries;
		this.workflow = workflow;
		this.completeness = completeness;
		this.boms = boms;
		this.messages = messages;
		this.formats = formats;
	}

	@GetMapping("/model-versions/{id}")
	String resume(@PathVariable String id, @RequestParam(required = false) String asOf, Authentication authentication,
			Model model) {
		Instant at = instant(asOf);
		CurrentUser me = CurrentUser.of(authentication);
		Resume resume = this.reader.read(id, at);
		ResumeEntity version = resume.versionEntity();
		ResumeEntity modelEntity = first(resume, Kind.MODEL);
		model.addAttribute("id", id);
		model.addAttribute("asOf", at);
		model.addAttribute("resume", resume);
		model.addAttribute("version", version);
		model.addAttribute("modelEntity", modelEntity);
		model.addAttribute("system", first(resume, Kind.AI_SYSTEM));
		model.addAttribute("versionSpecs", List.copyOf(ResumeSchema.fields(Kind.MODEL_VERSION).values()));
		model.addAttribute("state", String.valueOf(version.fields().getOrDefault("lifecycleState", "draft")));
		model.addAttribute("timeline", timeline(version.ref()));
		model.addAttribute("approvals", sorted(resume.all(Kind.APPROVAL), "decidedAt"));
		model.addAttribute("deployments", sorted(resume.all(Kind.DEPLOYMENT), "startedAt"));
		model.addAttribute("incidents", resume.all(Kind.INCIDENT));
		model.addAttribute("evaluations", evaluations(resume));
		model.addAttribute("completeness", this.completeness.check(resume));
		model.addAttribute("datasetVersions", resume.all(Kind.DATASET_VERSION));
		if (at == null) {
			model.addAttribute("actions", WorkflowActions.of(this.workflow.refusals(id, me.actor())));
			// As the API's findings: the latest evaluation, evaluating the version if it
			// has none.
			GovernanceEvaluation evaluation = this.governance.latest(version.ref().id())
				.orElseGet(() -> this.governance.evaluate(version.ref().id()));
			model.addAttribute("governance", evaluation);
			model.addAttribute("ruleTexts", ruleTexts());
		}
		return "registry/model-version";
	}

	/**
	 * The lineage graph, loaded into the page after it is shown (it reads the résumé
	 * again, and the page should not wait for it).
	 */
	@GetMapping("/model-versions/{id}/lineage")
	String lineage(@PathVariable String id, @RequestParam(required = false) String asOf, Model model) {
		ResumeQueries.Lineage lineage = this.queries.lineage(id, instant(asOf));
		model.addAttribute("lineage", lineageJson(lineage, id));
		model.addAttribute("lineageNodes", lineage.nodes());
		return "registry/parts :: lineage";
	}

	/**
	 * The ML-BOM's signature state, loaded after the page is shown: the BOM is generated,
	 * validated and signed for it.
	 */
	@GetMapping("/model-versions/{id}/sbom")
	String sbom(@PathVariable String id, @RequestParam(required = false) String asOf, Model model) {
		model.addAttribute("bom", this.boms.forVersion(id, instant(asOf)).orElse(null));
		return "registry/parts :: sbom";
	}

	@GetMapping("/model-versions/{id}/diff")
	String diff(@PathVariable String id, @RequestParam(required = false) Integer from, @RequestParam int to,
			Model model) {
		EntityRef ref = new EntityRef(Kind.MODEL_VERSION, id);
		model.addAttribute("diff", this.registry.diff(ref, (from != null) ? from : to - 1, to));
		return "registry/diff :: diff";
	}

	/** The active rules by id, for the text and source shown with a finding. */
	private Map<String, RuleDefinition> ruleTexts() {
		Map<String, RuleDefinition> rules = new LinkedHashMap<>();
		this.packs.active().forEach((pack) -> pack.rules().forEach((rule) -> rules.put(rule.id(), rule)));
		return rules;
	}

	/**
	 * The version's revisions, newest first, each with the lifecycle state it recorded.
	 */
	private List<TimelineEntry> timeline(EntityRef ref) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (RevisionInfo info : this.registry.revisions(ref)) {
			ResumeEntity at = this.registry.revision(ref, info.number());
			entries.add(new TimelineEntry(info, String.valueOf(at.fields().getOrDefault("lifecycleState", "draft"))));
		}
		java.util.Collections.reverse(entries);
		return entries;
	}

	private List<EvaluationView> evaluations(Resume resume) {
		Locale locale = LocaleContextHolder.getLocale();
		List<EvaluationView> views = new ArrayList<>();
		for (ResumeEntity evaluation : sorted(resume.all(Kind.EVALUATION), "performedAt")) {
			List<Map<String, Object>> metrics = metrics(evaluation);
			Set<String> groups = new LinkedHashSet<>();
			Map<String, Map<String, Double>> byRate = new LinkedHashMap<>();
			List<Map<String, Object>> overall = new ArrayList<>();
			for (Map<String, Object> metric : metrics) {
				String name = String.valueOf(metric.get("name"));
				Object slice = metric.get("slice");
				double value = (metric.get("value") instanceof BigDecimal decimal) ? decimal.doubleValue()
						: Double.parseDouble(String.valueOf(metric.get("value")));
				if (GROUP_RATES.containsKey(name) && slice != null) {
					groups.add(slice.toString());
					byRate.computeIfAbsent(name, (key) -> new LinkedHashMap<>()).put(slice.toString(), value);
				}
				else if (slice == null || !name.equals("count") && !name.equals("precision")) {
					overall.add(metric);
				}
			}
			String chart = null;
			if (!groups.isEmpty()) {
				List<ChartData.Series> series = new ArrayList<>();
				byRate.forEach((rate, values) -> series
					.add(new ChartData.Series(this.messages.getMessage("metric." + rate, null, rate, locale),
							groups.stream().map(values::get).toList(), GROUP_RATES.get(rate))));
				chart = new ChartData("bar", List.copyOf(groups), series, false, 1.0).toJson();
			}
			views.add(new EvaluationView(evaluation, List.copyOf(groups), byRate, overall, metrics, chart));
		}
		return views;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> metrics(ResumeEntity evaluation) {
		Object metrics = evaluation.fields().get("metrics");
		return (metrics instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
	}

	/** The lineage graph for the page's script: nodes with the address each opens. */
	private String lineageJson(ResumeQueries.Lineage lineage, String id) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, Object>> elements = new ArrayList<>();
		for (ResumeQueries.Lineage.Node node : lineage.nodes()) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("id", node.ref());
			data.put("label", node.label());
			data.put("kind", node.kind());
			data.put("kindLabel", this.messages.getMessage("kind." + node.kind(), null, node.kind(), locale));
			data.put("href", EntityPages.href(node.kind(), node.id()));
			data.put("root", node.kind().equals("model-version") && node.id().equals(id));
			elements.add(Map.of("data", data));
		}
		for (ResumeQueries.Lineage.Edge edge : lineage.edges()) {
			elements.add(Map.of("data", Map.of("id", edge.from() + "->" + edge.relation() + "->" + edge.to(), "source",
					edge.from(), "target", edge.to(), "label", edge.relation())));
		}
		return json.writeValueAsString(elements);
	}

	private static ResumeEntity first(Resume resume, Kind kind) {
		List<ResumeEntity> all = resume.all(kind);
		return all.isEmpty() ? null : all.get(0);
	}

	private static List<ResumeEntity> sorted(List<ResumeEntity> entities, String timeField) {
		List<ResumeEntity> copy = new ArrayList<>(entities);
		copy.sort(Comparator.comparing((ResumeEntity entity) -> String.valueOf(entity.fields().get(timeField)))
			.thenComparing((entity) -> entity.revision().at()));
		return copy;
	}

	/**
	 * The instant of an "as of" choice: an ISO instant, or a local date-time (from a
	 * {@code datetime-local} input) in the appliance's zone.
	 */
	Instant instant(String asOf) {
		if (asOf == null || asOf.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(asOf);
		}
		catch (DateTimeParseException notAnInstant) {
			try {
				return LocalDateTime.parse(asOf).atZone(this.formats.zone()).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("'" + asOf + "' is not a date and time.");
			}
		}
	}

	private static Map<String, String> linked(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	/**
	 * One revision of the version.
	 *
	 * @param revision which, when, by whom
	 * @param state the lifecycle state it recorded
	 */
	public record TimelineEntry(RevisionInfo revision, String state) {
	}

	/**
	 * An evaluation as the page shows it.
	 *
	 * @param entity the evaluation
	 * @param groups the groups its per-group rates cover, in order
	 * @param rates rate name to group to value
	 * @param overall the metrics that are not per-group rates
	 * @param metrics every metric
	 * @param chart the per-group chart as JSON, or {@code null}
	 */
	public record EvaluationView(ResumeEntity entity, List<String> groups, Map<String, Map<String, Double>> rates,
			List<Map<String, Object>> overall, List<Map<String, Object>> metrics, String chart) {
	}

}
