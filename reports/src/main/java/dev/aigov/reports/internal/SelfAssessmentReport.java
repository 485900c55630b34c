package dev.aigov.reports.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.registry.SelfAssessment;
import dev.aigov.registry.SelfAssessmentChecklist.Cell;
import dev.aigov.registry.SelfAssessmentChecklist.Status;
import dev.aigov.registry.SelfAssessments;

/**
 * The self-assessment report: for one AI system or all of them, the guide's table 1 as it
 * stands now, the number of cells per status, and every saved revision with who changed
 * which cell, when. The content depends only on the recorded revisions, so the same
 * résumé gives the same JSON.
 */
public final class SelfAssessmentReport {

	static final String GUIDE = "資策會《生成式 AI 導入指引》（2023）第四節 自我查核表，表1";

	static final String GUIDE_EN = "III, Generative AI adoption guide (2023), section 4, self-assessment checklist, table 1";

	private SelfAssessmentReport() {
	}

	/**
	 * The report's content as a JSON tree.
	 * @param scope the system's id, or {@code null} for all systems
	 * @param systems each system assessed, with its checklist now and its history
	 */
	public static Map<String, Object> assemble(String scope, List<Input> systems) {
		Map<String, Object> content = new TreeMap<>();
		content.put("reportType", "self-assessment");
		content.put("formatVersion", 1);
		content.put("scope", Tree.object("system", (scope != null) ? scope : "all"));
		content.put("source", Tree.object("en", GUIDE_EN, "zhTw", GUIDE));
		content.put("statuses", statuses());
		List<Object> rows = new ArrayList<>();
		Map<Status, Integer> total = zero();
		int assessed = 0;
		String latest = null;
		for (Input input : systems.stream().sorted(Comparator.comparing((Input i) -> i.system().ref().id())).toList()) {
			SelfAssessment now = input.current();
			now.counts().forEach((status, count) -> total.merge(status, count, Integer::sum));
			if (now.revision() != null) {
				assessed++;
				String at = now.revision().at().toString();
				latest = (latest == null || at.compareTo(latest) > 0) ? at : latest;
			}
			rows.add(system(input));
		}
		content.put("asOf", latest);
		content.put("summary",
				Tree.object("systems", systems.size(), "systemsAssessed", assessed, "counts", keyed(total)));
		content.put("systems", rows);
		return content;
	}

	private static Map<String, Object> system(Input input) {
		SelfAssessment now = input.current();
		List<Object> strategy = new ArrayList<>();
		List<Object> readiness = new ArrayList<>();
		now.entries().forEach((cell, entry) -> (cell.strategy() ? strategy : readiness).add(cell(cell, entry)));
		List<Object> history = new ArrayList<>();
		for (SelfAssessments.Revision revision : input.history()) {
			List<Object> changes = new ArrayList<>();
			for (SelfAssessment.Change change : revision.changes()) {
				changes.add(Tree.object("cell", change.cell().id(), "labelEn", change.cell().english(), "labelZhTw",
						change.cell().chinese(), "before", entry(change.before()), "after", entry(change.after())));
			}
			history.add(Tree.object("revision", revision.info().number(), "at", revision.info().at(), "author",
					revision.info().author(), "changes", changes));
		}
		return Tree.object("id", input.system().ref().id(), "name", input.system().text("name"), "riskLevel",
				input.system().text("riskLevel"), "owner", input.system().text("owner"), "revision",
				revision(now.revision()), "assessed", now.revision() != null, "counts", Tree.object("strategy",
						keyed(now.counts(true)), "readiness", keyed(now.counts(false)), "total", keyed(now.counts())),
				"strategy", strategy, "readiness", readiness, "history", history);
	}

	private static Map<String, Object> cell(Cell cell, SelfAssessment.Entry entry) {
		Map<String, Object> row = Tree.object("cell", cell.id(), "status", entry.status().key(), "note", entry.note());
		if (cell.strategy()) {
			row.putAll(Tree.object("dimension", cell.dimension().key(), "labelEn", cell.dimension().english(),
					"labelZhTw", cell.dimension().chinese()));
		}
		else {
			row.putAll(Tree.object("mode", cell.mode().key(), "modeEn", cell.mode().english(), "modeZhTw",
					cell.mode().chinese(), "area", cell.area().key(), "areaEn", cell.area().english(), "areaZhTw",
					cell.area().chinese()));
		}
		return row;
	}

	private static Map<String, Object> entry(SelfAssessment.Entry entry) {
		return Tree.object("status", entry.status().key(), "note", entry.note());
	}

	private static Map<String, Object> revision(RevisionInfo info) {
		return (info != null) ? Tree.object("number", info.number(), "at", info.at(), "author", info.author()) : null;
	}

	private static List<Object> statuses() {
		List<Object> statuses = new ArrayList<>();
		for (Status status : Status.values()) {
			statuses.add(Tree.object("key", status.key(), "en", status.english(), "zhTw", status.chinese()));
		}
		return statuses;
	}

	private static Map<Status, Integer> zero() {
		Map<Status, Integer> counts = new EnumMap<>(Status.class);
		for (Status status : Status.values()) {
			counts.put(status, 0);
		}
		return counts;
	}

	private static Map<String, Object> keyed(Map<Status, Integer> counts) {
		Map<String, Object> keyed = new TreeMap<>();
		counts.forEach((status, count) -> keyed.put(status.key(), count));
		return keyed;
	}

	/** The report for people, in both languages. */
	public static String html(Map<String, Object> content, String reportId) {
		Map<String, Object> scope = Tree.map(content, "scope");
		String system = Tree.text(scope, "system");
		Html html = new Html("Self-assessment report 自我查核報告 " + system);
		html.h1("Self-assessment report · 自我查核報告");
		Map<String, Object> summary = Tree.map(content, "summary");
		html.fields(List.of(new String[] { "AI systems · AI 系統", "all".equals(system) ? "all · 全部" : system },
				new String[] { "Checklist · 查核表", GUIDE_EN + " · " + GUIDE },
				new String[] { "Systems assessed · 已填寫查核表之系統",
						Tree.text(summary, "systemsAssessed") + " / " + Tree.text(summary, "systems") },
				new String[] { "As of · 資料時間", Tree.text(content, "asOf") },
				new String[] { "Report id · 報告編號", reportId }));
		html.h2("Summary per status", "各狀態統計");
		html.table(statusHeaders("Cells · 格數"), List.of(countRow("", Tree.map(summary, "counts"))));
		for (Map<String, Object> row : Tree.list(content, "systems")) {
			html.h2("AI system " + Tree.text(row, "name") + " (" + Tree.text(row, "id") + ")",
					"AI 系統 " + Tree.text(row, "name"));
			Map<String, Object> revision = Tree.map(row, "revision");
			if (Boolean.TRUE.equals(row.get("assessed"))) {
				html.muted("Revision · 修訂 " + Tree.text(revision, "number") + " · " + Tree.text(revision, "at") + " · "
						+ Tree.text(revision, "author"));
			}
			else {
				html.notice("Not yet assessed: no checklist was saved for this system. · 尚未填寫：此系統未儲存任何查核表。");
			}
			Map<String, Object> counts = Tree.map(row, "counts");
			html.table(statusHeaders("Part · 部分"),
					List.of(countRow("Adoption strategy · 導入策略", Tree.map(counts, "strategy")),
							countRow("Technical readiness · 技術整備度", Tree.map(counts, "readiness")),
							countRow("Total · 合計", Tree.map(counts, "total"))));
			html.h3("Adoption strategy", "導入策略");
			List<List<String>> strategy = new ArrayList<>();
			for (Map<String, Object> cell : Tree.list(row, "strategy")) {
				strategy.add(List.of(Tree.text(cell, "labelZhTw") + " " + Tree.text(cell, "labelEn"),
						status(Tree.text(cell, "status")), Tree.text(cell, "note")));
			}
			html.table(List.of("Dimension · 面向", "Status · 狀態", "Note · 說明"), strategy);
			html.h3("Technical readiness", "技術整備度");
			List<List<String>> readiness = new ArrayList<>();
			for (Map<String, Object> cell : Tree.list(row, "readiness")) {
				readiness.add(List.of(Tree.text(cell, "modeZhTw") + " " + Tree.text(cell, "modeEn"),
						Tree.text(cell, "areaZhTw") + " " + Tree.text(cell, "areaEn"),
						status(Tree.text(cell, "status")), Tree.text(cell, "note")));
			}
			html.table(List.of("Adoption mode · 導入方式", "Area · 項目", "Status · 狀態", "Note · 說明"), readiness);
			html.h3("History of changes", "變更歷程");
			List<List<String>> history = new ArrayList<>();
			for (Map<String, Object> saved : Tree.list(row, "history")) {
				for (Map<String, Object> change : Tree.list(saved, "changes")) {
					history
						.add(List.of(Tree.text(saved, "revision"), Tree.text(saved, "at"), Tree.text(saved, "author"),
								Tree.text(change, "labelZhTw") + " " + Tree.text(change, "labelEn"),
								describe(Tree.map(change, "before")), describe(Tree.map(change, "after"))));
				}
			}
			if (history.isEmpty()) {
				html.p("No change recorded. · 無變更紀錄。");
			}
			else {
				html.table(
						List.of("Revision · 修訂", "When · 時間", "Who · 修訂者", "Cell · 項目", "Before · 變更前", "After · 變更後"),
						history);
			}
		}
		return html.finish();
	}

	private static List<String> statusHeaders(String first) {
		List<String> headers = new ArrayList<>(List.of(first));
		for (Status status : Status.values()) {
			headers.add(status.english() + " · " + status.chinese());
		}
		return headers;
	}

	private static List<String> countRow(String label, Map<String, Object> counts) {
		List<String> row = new ArrayList<>(List.of(label));
		for (Status status : Status.values()) {
			row.add(Tree.display(counts.get(status.key())));
		}
		return row;
	}

	private static String status(String key) {
		Status status = Status.of(key);
		return (status != null) ? status.chinese() + " " + status.english() : key;
	}

	private static String describe(Map<String, Object> entry) {
		String note = Tree.text(entry, "note");
		return status(Tree.text(entry, "status")) + (note.isEmpty() ? "" : " — " + note);
	}

	/**
	 * One AI system and its checklist.
	 *
	 * @param system the AI system as it is now
	 * @param current its checklist now, all cells not assessed when never saved
	 * @param history every saved revision with its changes, oldest first
	 */
	public record Input(ResumeEntity system, SelfAssessment current, List<SelfAssessments.Revision> history) {
	}

}
