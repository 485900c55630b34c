package dev.aigov.reports.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.aigov.registry.ResumeEntity;
import dev.aigov.reports.OperationsFigures;
import dev.aigov.reports.OperationsScope;

/**
 * The operations audit report of a period: the audit log's figures (when an operations
 * source is connected) and the incidents the résumé records in the period. Without a
 * source the report says so and carries no figures: none are ever estimated.
 */
public final class OperationsReport {

	private OperationsReport() {
	}

	/**
	 * The report's content as a JSON tree.
	 * @param scope the period and filters
	 * @param figures the figures, or {@code null} when no operations source is available
	 * @param incidents the incidents reported in the period
	 */
	public static Map<String, Object> assemble(OperationsScope scope, OperationsFigures figures,
			List<ResumeEntity> incidents) {
		Map<String, Object> content = new TreeMap<>();
		content.put("reportType", "operations");
		content.put("formatVersion", 1);
		content.put("period", Tree.object("from", scope.from(), "to", scope.to()));
		content.put("scope", Tree.object("application", scope.application(), "modelVersion", scope.modelVersion()));
		if (figures == null) {
			content.put("operations", Tree.object("available", false, "reason",
					"The audit log is not connected to the report generator: no operations source is available. "
							+ "No figure is reported, and none is estimated.",
					"reasonZhTw", "報告產生器尚未連接稽核紀錄，無法取得營運資料；本報告不提供、也不推估任何數字。"));
		}
		else {
			List<Object> rules = figures.topRules()
				.stream()
				.map((r) -> (Object) Tree.object("ruleId", r.ruleId(), "count", r.count()))
				.toList();
			List<Object> breakdown = figures.breakdown()
				.stream()
				.sorted(Comparator.comparing(OperationsFigures.Breakdown::application)
					.thenComparing(OperationsFigures.Breakdown::modelVersion))
				.map((b) -> (Object) Tree.object("application", b.application(), "modelVersion", b.modelVersion(),
						"calls", b.calls(), "tokens", b.tokens(), "blocked", b.blocked(), "redacted", b.redacted()))
				.toList();
			OperationsFigures.ChainVerification chain = figures.chain();
			content.put("operations",
					Tree.object("available", true, "calls", figures.calls(), "promptTokens", figures.promptTokens(),
							"completionTokens", figures.completionTokens(), "blocked", figures.blocked(), "rerouted",
							figures.rerouted(), "failed", figures.failed(), "failuresByCause",
							figures.failuresByCause(), "redactionsByDetector", figures.redactions(), "topRules", rules,
							"latencyMs", figures.latencyMs(), "energyWh", figures.energyWh(), "waterMl",
							figures.waterMl(), "breakdown", breakdown, "chain",
							Tree.object("verified", chain.verified(), "recordsChecked", chain.recordsChecked(),
									"checkpoints", chain.checkpoints(), "firstBrokenRecord", chain.firstBrokenRecord(),
									"reason", chain.reason())));
		}
		List<Object> rows = new ArrayList<>();
		incidents.stream()
			.sorted(Comparator.comparing((ResumeEntity e) -> String.valueOf(e.text("reportedAt")))
				.thenComparing((e) -> e.ref().id()))
			.forEach((e) -> {
				Map<String, Object> row = new TreeMap<>(Tree.map(Map.of("f", Tree.plain(e.fields())), "f"));
				row.put("id", e.ref().id());
				rows.add(row);
			});
		content.put("incidents", rows);
		return content;
	}

	/** The report for people. */
	public static String html(Map<String, Object> content, String reportId) {
		Map<String, Object> period = Tree.map(content, "period");
		Map<String, Object> scope = Tree.map(content, "scope");
		Html html = new Html("Operations audit report 營運稽核報告 " + Tree.text(period, "from"));
		html.h1("Operations audit report · 營運稽核報告");
		html.fields(List.of(new String[] { "Period · 期間", Tree.text(period, "from") + " — " + Tree.text(period, "to") },
				new String[] { "Application · 應用程式",
						scope.containsKey("application") ? Tree.text(scope, "application") : "all · 全部" },
				new String[] { "Model version · 模型版本",
						scope.containsKey("modelVersion") ? Tree.text(scope, "modelVersion") : "all · 全部" },
				new String[] { "Report id · 報告編號", reportId }));
		Map<String, Object> ops = Tree.map(content, "operations");
		html.h2("Inference calls", "推論呼叫");
		if (!Boolean.TRUE.equals(ops.get("available"))) {
			html.notice("Data source not available · 資料來源無法取得: " + Tree.text(ops, "reason") + " "
					+ Tree.text(ops, "reasonZhTw"));
		}
		else {
			html.fields(List.of(new String[] { "Calls · 呼叫次數", Tree.text(ops, "calls") },
					new String[] { "Prompt tokens · 輸入詞元", Tree.text(ops, "promptTokens") },
					new String[] { "Completion tokens · 輸出詞元", Tree.text(ops, "completionTokens") },
					new String[] { "Blocked · 阻擋", Tree.text(ops, "blocked") },
					new String[] { "Rerouted on-premises · 轉送地端", Tree.text(ops, "rerouted") },
					new String[] { "Failed · 失敗", Tree.text(ops, "failed") },
					new String[] { "Latency ms (p50, p95, p99) · 延遲", Tree.text(ops, "latencyMs") },
					new String[] { "Estimated energy Wh · 估計能耗", Tree.text(ops, "energyWh") },
					new String[] { "Estimated water ml · 估計用水", Tree.text(ops, "waterMl") }));
			html.h2("Failed calls by cause", "失敗呼叫的原因");
			List<List<String>> causes = new ArrayList<>();
			Tree.map(ops, "failuresByCause")
				.entrySet()
				.stream()
				.sorted(Comparator
					.comparing((Map.Entry<String, Object> cause) -> -((Number) cause.getValue()).longValue())
					.thenComparing(Map.Entry::getKey))
				.forEach((cause) -> causes.add(List.of(cause.getKey(), Tree.display(cause.getValue()))));
			html.table(List.of("Error code answered · 回傳的錯誤代碼", "Calls · 次數"), causes);
			html.h2("Redactions by detector", "各偵測器遮蔽次數");
			List<List<String>> redactions = new ArrayList<>();
			Tree.map(ops, "redactionsByDetector")
				.forEach((detector, count) -> redactions.add(List.of(detector, Tree.display(count))));
			html.table(List.of("Detector · 偵測器", "Redactions · 遮蔽次數"), redactions);
			html.h2("Rules fired most often", "最常觸發的規則");
			List<List<String>> rules = new ArrayList<>();
			for (Map<String, Object> rule : Tree.list(ops, "topRules")) {
				rules.add(List.of(Tree.text(rule, "ruleId"), Tree.text(rule, "count")));
			}
			html.table(List.of("Rule · 規則", "Calls · 次數"), rules);
			html.h2("Per application and model", "各應用程式與模型");
			List<List<String>> breakdown = new ArrayList<>();
			for (Map<String, Object> row : Tree.list(ops, "breakdown")) {
				breakdown
					.add(List.of(Tree.text(row, "application"), Tree.text(row, "modelVersion"), Tree.text(row, "calls"),
							Tree.text(row, "tokens"), Tree.text(row, "blocked"), Tree.text(row, "redacted")));
			}
			html.table(List.of("Application · 應用程式", "Model version · 模型版本", "Calls · 呼叫", "Tokens · 詞元",
					"Blocked · 阻擋", "Redacted · 遮蔽"), breakdown);
			html.h2("Audit chain verification", "稽核鏈驗證");
			Map<String, Object> chain = Tree.map(ops, "chain");
			html.fields(List.of(
					new String[] { "Verified · 驗證結果",
							Boolean.TRUE.equals(chain.get("verified")) ? "verified · 通過" : "FAILED · 未通過" },
					new String[] { "Records checked · 已檢查紀錄", Tree.text(chain, "recordsChecked") },
					new String[] { "Checkpoints · 簽章檢查點", Tree.text(chain, "checkpoints") },
					new String[] { "First broken record · 第一筆異常", Tree.text(chain, "firstBrokenRecord") },
					new String[] { "Verdict · 判定", Tree.text(chain, "reason") }));
		}
		html.h2("Incidents in the period", "期間內事件");
		List<List<String>> incidents = new ArrayList<>();
		for (Map<String, Object> incident : Tree.list(content, "incidents")) {
			incidents.add(List.of(Tree.text(incident, "id"), Tree.text(incident, "modelVersion"),
					Tree.text(incident, "title"), Tree.text(incident, "severity"), Tree.text(incident, "status"),
					Tree.text(incident, "reportedAt")));
		}
		if (incidents.isEmpty()) {
			html.p("No incident was reported in the period. · 期間內無事件通報。");
		}
		else {
			html.table(List.of("Id", "Model version · 模型版本", "Title · 標題", "Severity · 嚴重度", "Status · 狀態",
					"Reported · 通報時間"), incidents);
		}
		return html.finish();
	}

}
