package dev.aigov.reports.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.aigov.policy.Finding;
import dev.aigov.registry.CompletenessReport;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.FieldSpec;
import dev.aigov.registry.FieldType;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeSchema;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.sbom.BomSignatureState;

/**
 * Builds the content of a model dossier from its inputs: the whole résumé, its lineage,
 * evaluations with per-group fairness tables, approvals, deployments, incidents, the
 * ML-BOM's verification, attached SBOMs, findings, completeness, a coverage table and the
 * Annex IV outline. The content depends on nothing but the inputs, and every list is
 * sorted, so the same inputs give the same canonical JSON.
 */
public final class DossierAssembler {

	/**
	 * The Annex IV outline: section, title in English and zh-TW, the evidence it uses.
	 */
	static final List<String[]> ANNEX_IV = List.of(
			new String[] { "1", "General description of the AI system", "AI 系統一般說明", "purpose,intended-use" },
			new String[] { "2", "Elements of the AI system and its development process", "AI 系統要素與開發過程",
					"pretrained-components,training-record,data-provenance,data-preparation,personal-data-basis,"
							+ "licences,fairness-evaluation,accuracy-evaluation,robustness-evaluation" },
			new String[] { "3", "Monitoring, functioning and control", "監測、運作與控制",
					"intended-use,explainability,human-oversight" },
			new String[] { "4", "Appropriateness of the performance metrics", "效能指標之適當性",
					"accuracy-evaluation,fairness-evaluation" },
			new String[] { "5", "Risk management system", "風險管理系統", "policy-evaluation,completeness" },
			new String[] { "6", "Changes through the lifecycle", "生命週期中的變更", "completeness" },
			new String[] { "7", "Standards and specifications applied", "適用之標準與規範", "ml-bom" },
			new String[] { "8", "Post-market monitoring", "上市後監測", "deployment-logging,energy" });

	private DossierAssembler() {
	}

	/** The dossier's content as a JSON tree. */
	public static Map<String, Object> assemble(DossierInputs in) {
		Resume resume = in.resume();
		ResumeEntity version = resume.versionEntity();
		Map<String, Object> content = new TreeMap<>();
		content.put("reportType", "model-dossier");
		content.put("formatVersion", 1);
		content.put("modelVersion", resume.version().id());
		content.put("asOf", in.asOf().toString());
		content.put("resumeRevision", Tree.object("digest", in.bom().revision().digest(), "revisedAt",
				in.bom().revision().revisedAt(), "entities", in.bom().revision().entities()));
		content.put("general", general(resume, version));
		content.put("resume", entities(resume));
		content.put("lineage", lineage(resume));
		content.put("evaluations", evaluations(resume));
		content.put("approvals", sortedFields(resume, Kind.APPROVAL));
		content.put("deployments", sortedFields(resume, Kind.DEPLOYMENT));
		content.put("incidents", sortedFields(resume, Kind.INCIDENT));
		content.put("versionHistory", history(in.versionHistory()));
		content.put("completeness", completeness(in.completeness()));
		content.put("mlBom", mlBom(in));
		content.put("externalSboms", sortedFields(resume, Kind.SBOM));
		content.put("findings", findings(in.findings()));
		Map<String, Boolean> evidence = Evidence.of(in);
		content.put("evidence", evidenceTable(evidence, in));
		content.put("coverage", coverage(evidence, in.findings()));
		content.put("annexIV", annexIv(evidence));
		return content;
	}

	private static Map<String, Object> general(Resume resume, ResumeEntity version) {
		ResumeEntity model = one(resume, Kind.MODEL);
		ResumeEntity system = one(resume, Kind.AI_SYSTEM);
		return Tree.object("aiSystem", (system != null) ? withId(system) : null, "model",
				(model != null) ? withId(model) : null, "version", withId(version));
	}

	private static ResumeEntity one(Resume resume, Kind kind) {
		return resume.all(kind).stream().min(Comparator.comparing((e) -> e.ref().id())).orElse(null);
	}

	private static Map<String, Object> withId(ResumeEntity entity) {
		Map<String, Object> fields = new TreeMap<>(Tree.object("id", entity.ref().id()));
		fields.putAll(Tree.map(Map.of("f", Tree.plain(entity.fields())), "f"));
		return fields;
	}

	private static List<Object> entities(Resume resume) {
		List<Object> entities = new ArrayList<>();
		for (ResumeEntity entity : sorted(resume.all())) {
			entities.add(Tree.object("ref", entity.ref().toString(), "kind", entity.ref().kind().segment(), "id",
					entity.ref().id(), "revision", entity.revision().number(), "revisedAt", entity.revision().at(),
					"revisedBy", entity.revision().author(), "fields", entity.fields()));
		}
		return entities;
	}

	private static List<ResumeEntity> sorted(java.util.Collection<ResumeEntity> entities) {
		return entities.stream()
			.sorted(Comparator.comparing((ResumeEntity e) -> e.ref().kind().ordinal())
				.thenComparing((e) -> e.ref().id()))
			.toList();
	}

	private static List<Object> sortedFields(Resume resume, Kind kind) {
		return sorted(resume.all(kind)).stream().map((e) -> (Object) withId(e)).toList();
	}

	/**
	 * Every reference between the résumé's entities, as in {@code ResumeQueries.lineage}.
	 */
	private static Map<String, Object> lineage(Resume resume) {
		List<Object> nodes = new ArrayList<>();
		List<String[]> edges = new ArrayList<>();
		for (ResumeEntity entity : sorted(resume.all())) {
			nodes.add(Tree.object("ref", entity.ref().toString(), "kind", entity.ref().kind().segment(), "label",
					label(entity)));
			for (FieldSpec spec : ResumeSchema.fields(entity.ref().kind()).values()) {
				Object value = entity.fields().get(spec.name());
				List<Object> targets = (spec.type() == FieldType.REF && value != null) ? List.of(value)
						: (spec.type() == FieldType.REFS && value instanceof List<?> list) ? new ArrayList<>(list)
								: List.of();
				for (Object target : targets) {
					EntityRef to = new EntityRef(spec.target(), target.toString());
					if (resume.entities().containsKey(to)) {
						edges.add(new String[] { entity.ref().toString(), spec.name(), to.toString() });
					}
				}
			}
		}
		edges.sort(Comparator.comparing((String[] e) -> e[0]).thenComparing((e) -> e[1]).thenComparing((e) -> e[2]));
		return Tree.object("nodes", nodes, "edges",
				edges.stream().map((e) -> (Object) Tree.object("from", e[0], "relation", e[1], "to", e[2])).toList());
	}

	static String label(ResumeEntity entity) {
		for (String field : List.of("name", "title", "version", "environment", "decision", "evaluationKind")) {
			String text = entity.text(field);
			if (text != null) {
				return text;
			}
		}
		return entity.ref().id();
	}

	/**
	 * Evaluations with their metrics, and for those with per-group metrics a table of
	 * groups by metric and the comparisons between groups.
	 */
	private static List<Object> evaluations(Resume resume) {
		List<Object> evaluations = new ArrayList<>();
		for (ResumeEntity evaluation : sorted(resume.all(Kind.EVALUATION))) {
			Map<String, Map<String, Object>> groups = new TreeMap<>();
			Set<String> groupMetrics = new LinkedHashSet<>();
			List<Object> overall = new ArrayList<>();
			List<Object> comparisons = new ArrayList<>();
			if (evaluation.fields().get("metrics") instanceof List<?> metrics) {
				for (Object item : metrics) {
					if (!(item instanceof Map<?, ?> metric)) {
						continue;
					}
					String name = String.valueOf(metric.get("name"));
					Object value = Tree.plain(metric.get("value"));
					Object slice = metric.get("slice");
					if (slice == null) {
						overall.add(Tree.object("name", name, "value", value));
					}
					else if (slice.toString().contains(" vs ")) {
						comparisons.add(Tree.object("name", name, "slice", slice, "value", value));
					}
					else {
						groupMetrics.add(name);
						groups.computeIfAbsent(slice.toString(), (k) -> new TreeMap<>()).put(name, value);
					}
				}
			}
			List<Object> groupRows = new ArrayList<>();
			groups.forEach((group, values) -> groupRows.add(Tree.object("group", group, "metrics", values)));
			Map<String, Object> entry = withId(evaluation);
			entry.remove("metrics");
			entry.put("overall", overall);
			if (!groupRows.isEmpty()) {
				entry.put("fairness", Tree.object("metrics", List.copyOf(groupMetrics), "groups", groupRows,
						"comparisons", comparisons));
			}
			evaluations.add(entry);
		}
		return evaluations;
	}

	private static List<Object> history(List<RevisionInfo> history) {
		return history.stream()
			.sorted(Comparator.comparingInt(RevisionInfo::number))
			.map((r) -> (Object) Tree.object("revision", r.number(), "at", r.at(), "author", r.author()))
			.toList();
	}

	private static Map<String, Object> completeness(CompletenessReport report) {
		List<Object> steps = new ArrayList<>();
		for (CompletenessReport.Step step : report.steps()) {
			List<Object> findings = step.findings()
				.stream()
				.map((f) -> (Object) Tree.object("severity", f.severity(), "focus", f.focus(), "path", f.path(),
						"message", f.message(), "messageZhTw", f.messageZhTw()))
				.sorted(Comparator.comparing(Object::toString))
				.toList();
			steps.add(Tree.object("number", step.number(), "name", step.name(), "nameZhTw", step.nameZhTw(), "complete",
					step.complete(), "findings", findings));
		}
		return Tree.object("complete", report.complete(), "steps", steps);
	}

	private static Map<String, Object> mlBom(DossierInputs in) {
		BomSignatureState state = in.bom().signature();
		return Tree.object("file", "ml-bom.cdx.json", "serialNumber", in.bom().serialNumber(), "sha256",
				dev.aigov.reports.ReportManifests
					.sha256(in.bom().json().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				"signature",
				Tree.object("present", state.present(), "valid", state.valid(), "algorithm", state.algorithm(), "keyId",
						state.keyId(), "keyThumbprint", state.keyThumbprint(), "freshness", state.freshness().name(),
						"reason", state.reason()));
	}

	private static Map<String, Object> findings(List<Finding> findings) {
		if (findings == null) {
			return Tree.object("available", false, "reason",
					"The policy engine is not connected to this appliance: no findings source is available. "
							+ "This is not a statement that there are no findings.",
					"reasonZhTw", "本設備尚未連接政策引擎，無法取得檢核結果；這不代表沒有發現事項。");
		}
		List<Object> items = findings.stream()
			.sorted(Comparator.comparing((Finding f) -> f.severity().ordinal())
				.reversed()
				.thenComparing(Finding::ruleId)
				.thenComparing((f) -> new TreeMap<>(f.facts()).toString()))
			.map((f) -> (Object) Tree.object("ruleId", f.ruleId(), "pack", f.pack(), "packVersion", f.packVersion(),
					"severity", f.severity().name(), "message", text(f.message()), "remediation", text(f.remediation()),
					"facts", f.facts(), "references", f.references().stream().sorted().toList()))
			.toList();
		return Tree.object("available", true, "scope",
				"The governance packs active when the report was generated, evaluated over the résumé as of "
						+ "this dossier's instant.",
				"scopeZhTw", "以產生報告時啟用的治理政策，評估本文件時間點之履歷。", "items", items);
	}

	private static Map<String, Object> text(Finding.Text text) {
		return (text != null) ? Tree.object("en", text.en(), "zhTw", text.zhTw()) : Map.of();
	}

	private static List<Object> evidenceTable(Map<String, Boolean> evidence, DossierInputs in) {
		List<Object> rows = new ArrayList<>();
		Coverage.EVIDENCE.values()
			.forEach((e) -> rows
				.add(Tree.object("id", e.id(), "en", e.en(), "zhTw", e.zhTw(), "present", evidence.get(e.id()))));
		return rows;
	}

	private static List<Object> coverage(Map<String, Boolean> evidence, List<Finding> findings) {
		List<Object> rows = new ArrayList<>();
		for (Coverage.Item item : Coverage.ITEMS) {
			long present = item.evidence().stream().filter(evidence::get).count();
			List<String> related = (findings == null) ? List.of()
					: findings.stream()
						.filter((f) -> f.references().stream().anyMatch((r) -> r.equals(item.id())))
						.map(Finding::ruleId)
						.distinct()
						.sorted()
						.toList();
			boolean failing = findings != null && findings.stream()
				.anyMatch((f) -> f.severity() == Finding.Severity.FAIL && f.references().contains(item.id()));
			String status = failing ? "at-risk"
					: (present == item.evidence().size()) ? "evidenced" : (present == 0) ? "missing" : "partial";
			rows.add(Tree.object("id", item.id(), "framework", item.framework(), "en", item.en(), "zhTw", item.zhTw(),
					"evidence", item.evidence(), "status", status, "findings", related));
		}
		return rows;
	}

	private static List<Object> annexIv(Map<String, Boolean> evidence) {
		List<Object> sections = new ArrayList<>();
		for (String[] section : ANNEX_IV) {
			List<String> ids = List.of(section[3].split(","));
			List<String> missing = ids.stream().filter((id) -> !evidence.get(id)).toList();
			sections.add(Tree.object("section", section[0], "en", section[1], "zhTw", section[2], "evidence", ids,
					"missing", missing));
		}
		return sections;
	}

	/** Which evidence the résumé holds. */
	static final class Evidence {

		private Evidence() {
		}

		static Map<String, Boolean> of(DossierInputs in) {
			Resume resume = in.resume();
			ResumeEntity version = resume.versionEntity();
			ResumeEntity system = one(resume, Kind.AI_SYSTEM);
			List<ResumeEntity> datasets = resume.all(Kind.DATASET_VERSION);
			List<ResumeEntity> bases = resume.all(Kind.BASE_MODEL);
			List<ResumeEntity> evaluations = resume.all(Kind.EVALUATION);
			Map<String, Boolean> e = new TreeMap<>();
			e.put("purpose", system != null && has(system, "purpose") && has(system, "riskLevel"));
			e.put("intended-use", has(version, "intendedUse") && has(version, "limitations"));
			e.put("data-provenance", !datasets.isEmpty()
					&& datasets.stream().allMatch((d) -> has(d, "source") && has(d, "licenseExpression")));
			e.put("data-preparation", !datasets.isEmpty() && datasets.stream()
				.allMatch((d) -> has(d, "collection") && has(d, "cleaning") && has(d, "labelling")));
			e.put("personal-data-basis",
					datasets.stream()
						.filter((d) -> Boolean.TRUE.equals(d.fields().get("containsPersonalData")))
						.allMatch((d) -> has(d, "legalBasis")));
			e.put("pretrained-components",
					bases.stream().allMatch((b) -> has(b, "provider") && has(b, "licenseExpression")));
			e.put("licences", has(version, "licenseExpression")
					&& datasets.stream().allMatch((d) -> has(d, "licenseExpression")));
			e.put("training-record", resume.all(Kind.TRAINING_RUN).stream().anyMatch((r) -> has(r, "codeReference")));
			e.put("accuracy-evaluation",
					evaluations.stream()
						.anyMatch((v) -> List.of("accuracy", "groundedness", "hallucination")
							.contains(v.text("evaluationKind"))));
			e.put("fairness-evaluation", evaluations.stream()
				.anyMatch((v) -> "fairness".equals(v.text("evaluationKind")) && hasGroupMetrics(v)));
			e.put("robustness-evaluation", evaluations.stream()
				.anyMatch((v) -> List.of("robustness", "security").contains(v.text("evaluationKind"))));
			e.put("explainability", has(version, "explanationMethod"));
			e.put("human-oversight",
					resume.all(Kind.APPROVAL)
						.stream()
						.anyMatch((a) -> "approved".equals(a.text("decision")) && has(a, "justification")
								&& !java.util.Objects.equals(a.text("decidedBy"), a.text("submittedBy"))));
			e.put("deployment-logging", resume.all(Kind.DEPLOYMENT).stream().anyMatch((d) -> has(d, "proxyRoute")));
			e.put("ml-bom", in.bom().signature().present() && in.bom().signature().valid()
					&& in.bom().signature().freshness() != BomSignatureState.Freshness.STALE);
			e.put("energy", has(version, "energyPerInferenceWh")
					|| resume.all(Kind.TRAINING_RUN).stream().anyMatch((r) -> has(r, "energyKwh")));
			e.put("completeness", in.completeness().complete());
			e.put("policy-evaluation", in.findings() != null);
			return e;
		}

		private static boolean has(ResumeEntity entity, String field) {
			Object value = entity.fields().get(field);
			return value != null && !(value instanceof String text && text.isBlank())
					&& !(value instanceof BigDecimal d && d.signum() < 0);
		}

		private static boolean hasGroupMetrics(ResumeEntity evaluation) {
			return evaluation.fields().get("metrics") instanceof List<?> metrics
					&& metrics.stream().anyMatch((m) -> m instanceof Map<?, ?> metric && metric.get("slice") != null);
		}

	}

}
