package dev.aigov.reports.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model dossier for people: its JSON content laid out along EU AI Act Annex IV, in
 * English with Traditional Chinese headings. Renders only what the content holds, so the
 * HTML, the PDF and the JSON never disagree.
 */
public final class DossierHtml {

	private DossierHtml() {
	}

	/**
	 * The dossier as XHTML, with the lineage as a table only (no font to draw with).
	 */
	public static String render(Map<String, Object> content, String reportId) {
		return render(content, reportId, null);
	}

	/**
	 * The dossier as XHTML.
	 * @param content the dossier's content
	 * @param reportId its report id
	 * @param labelFont the font to draw the lineage diagram with, or {@code null} for no
	 * diagram
	 */
	public static String render(Map<String, Object> content, String reportId, java.awt.Font labelFont) {
		Map<String, Object> general = Tree.map(content, "general");
		Map<String, Object> version = Tree.map(general, "version");
		Map<String, Object> model = Tree.map(general, "model");
		Map<String, Object> system = Tree.map(general, "aiSystem");
		String subject = Tree.text(model, "name") + " " + Tree.text(version, "version");
		Html html = new Html("Model dossier 模型技術文件 — " + subject);
		html.h1("Model dossier · 模型技術文件");
		html.fields(List.of(row("Model version · 模型版本", Tree.text(content, "modelVersion") + " (" + subject + ")"),
				row("Résumé as of · 履歷時間點", Tree.text(content, "asOf")),
				row("Résumé revision · 履歷版本", Tree.text(Tree.map(content, "resumeRevision"), "digest")),
				row("Report id · 報告編號", reportId)));
		html.muted("Structured along EU AI Act Annex IV. Every figure below comes from the appliance's résumé, "
				+ "ML-BOM and policy engine; the signed manifest lists the SHA-256 of this file and of the JSON "
				+ "holding the same content. 本文件依歐盟人工智慧法附件四編排。");

		List<Map<String, Object>> annex = Tree.list(content, "annexIV");
		section(html, annex, 0);
		html.h3("AI system · AI 系統");
		html.fields(fields(system));
		html.h3("Model and version · 模型與版本");
		html.fields(fields(model));
		html.fields(fields(version));

		section(html, annex, 1);
		List<Map<String, Object>> resume = Tree.list(content, "resume");
		html.h3("Pre-trained components · 預訓練元件");
		entityTable(html, resume, "base-model",
				List.of("name", "provider", "version", "licenseExpression", "source", "derivedFrom"));
		html.h3("Training runs · 訓練紀錄");
		entityTable(html, resume, "training-run",
				List.of("runKind", "datasets", "baseModels", "codeReference", "parameters", "compute", "energyKwh"));
		html.h3("Datasets: provenance, labelling, cleaning · 資料集：來源、標註、清理");
		entityTable(html, resume, "dataset-version",
				List.of("dataset", "version", "source", "licenseExpression", "sensitivity", "containsPersonalData",
						"legalBasis", "anonymisationMethod", "collection", "cleaning", "labelling", "derivedFrom"));
		html.h3("Lineage · 血緣關係");
		LineageDiagram.Picture diagram = (labelFont != null) ? LineageDiagram.draw(Tree.map(content, "lineage"),
				"model-version/" + Tree.text(content, "modelVersion"), labelFont) : null;
		if (diagram != null) {
			html.image(diagram.png(), diagram.width(), diagram.height(),
					"Lineage diagram of " + subject + ": " + diagram.shown() + " entities drawn"
							+ ((diagram.hidden() > 0) ? ", " + diagram.hidden() + " more counted" : "")
							+ "; every edge is listed in the table below.");
			html.muted("Arrows point from an entity to what it was made from or is about (PROV-O). "
					+ ((diagram.hidden() > 0) ? "Long columns are cut; " : "")
					+ "The table lists every edge. 箭頭由項目指向其來源或對象；下表列出所有關係。");
		}
		List<List<String>> edges = new ArrayList<>();
		for (Map<String, Object> edge : Tree.list(Tree.map(content, "lineage"), "edges")) {
			edges.add(List.of(Tree.text(edge, "from"), Tree.text(edge, "relation"), Tree.text(edge, "to")));
		}
		html.table(List.of("From · 來源", "Relation · 關係", "To · 目標"), edges);
		html.h3("Validation and testing · 驗證與測試");
		html.muted("Metric values are rounded to 4 decimals here; report.json holds them exactly. "
				+ "數值四捨五入至小數點後第四位，完整數值見 report.json。");
		evaluations(html, Tree.list(content, "evaluations"));

		section(html, annex, 2);
		html.fields(List.of(row("Intended use · 預期用途", Tree.text(version, "intendedUse")),
				row("Limitations · 限制", Tree.text(version, "limitations")),
				row("Explanation method · 可解釋方法", Tree.text(version, "explanationMethod")),
				row("Serving provider · 服務提供", Tree.text(version, "servingProvider"))));
		html.h3("Approvals (human oversight) · 核准紀錄（人類監督）");
		rows(html, Tree.list(content, "approvals"),
				List.of("id", "decision", "decidedBy", "submittedBy", "decidedAt", "justification"));

		section(html, annex, 3);
		html.p("Metrics are those recorded with each evaluation above; fairness metrics are computed by the "
				+ "appliance from uploaded predictions (Fairlearn and AIF360 definitions), never self-reported.");

		section(html, annex, 4);
		findings(html, Tree.map(content, "findings"));
		html.h3("Résumé completeness (SHACL) · 履歷完整性");
		List<List<String>> steps = new ArrayList<>();
		for (Map<String, Object> step : Tree.list(Tree.map(content, "completeness"), "steps")) {
			List<String> messages = new ArrayList<>();
			for (Map<String, Object> finding : Tree.list(step, "findings")) {
				messages.add(Tree.text(finding, "severity") + ": " + Tree.text(finding, "message") + " / "
						+ Tree.text(finding, "messageZhTw"));
			}
			steps.add(List.of(Tree.text(step, "number"), Tree.text(step, "name") + " · " + Tree.text(step, "nameZhTw"),
					Boolean.TRUE.equals(step.get("complete")) ? "complete · 完整" : "!incomplete · 不完整",
					String.join("\n", messages)));
		}
		html.table(List.of("#", "Step · 步驟", "State · 狀態", "Findings · 發現"), steps);

		section(html, annex, 5);
		List<List<String>> history = new ArrayList<>();
		for (Map<String, Object> revision : Tree.list(content, "versionHistory")) {
			history.add(
					List.of(Tree.text(revision, "revision"), Tree.text(revision, "at"), Tree.text(revision, "author")));
		}
		html.table(List.of("Revision · 版次", "Recorded at · 記錄時間", "By · 記錄者"), history);
		html.h3("Revisions of every résumé entity · 履歷各項目版次");
		List<List<String>> entities = new ArrayList<>();
		for (Map<String, Object> entity : resume) {
			entities.add(List.of(Tree.text(entity, "ref"), Tree.text(entity, "revision"),
					Tree.text(entity, "revisedAt"), Tree.text(entity, "revisedBy")));
		}
		html.table(List.of("Entity · 項目", "Revision · 版次", "At · 時間", "By · 記錄者"), entities);

		section(html, annex, 6);
		Map<String, Object> bom = Tree.map(content, "mlBom");
		Map<String, Object> signature = Tree.map(bom, "signature");
		boolean bomValid = Boolean.TRUE.equals(signature.get("valid"));
		html.fields(List.of(row("ML-BOM (CycloneDX 1.6) · 機器學習物料清單", Tree.text(bom, "file")),
				row("Serial number · 序號", Tree.text(bom, "serialNumber")), row("SHA-256", Tree.text(bom, "sha256")),
				row("Signature · 簽章",
						(bomValid ? "valid · 有效" : "INVALID · 無效") + " (" + Tree.text(signature, "algorithm") + ", key "
								+ Tree.text(signature, "keyId") + ")"),
				row("Freshness · 時效", Tree.text(signature, "freshness")),
				row("Verdict · 判定", Tree.text(signature, "reason"))));
		html.h3("Attached SBOMs · 附加的 SBOM");
		rows(html, Tree.list(content, "externalSboms"),
				List.of("id", "name", "specVersion", "serialNumber", "contentSha256", "signatureState"));
		html.h3("Coverage of frameworks · 框架涵蓋對照");
		List<List<String>> coverage = new ArrayList<>();
		for (Map<String, Object> item : Tree.list(content, "coverage")) {
			String status = Tree.text(item, "status");
			coverage.add(List.of(Tree.text(item, "framework"), Tree.text(item, "en") + " · " + Tree.text(item, "zhTw"),
					Tree.text(item, "evidence"), ("evidenced".equals(status) ? "" : "!") + status,
					Tree.text(item, "findings")));
		}
		html.table(List.of("Framework · 框架", "Item · 項目", "Evidence · 證據", "Status · 狀態", "Findings · 發現"), coverage);
		html.h3("Evidence · 證據");
		List<List<String>> evidence = new ArrayList<>();
		for (Map<String, Object> item : Tree.list(content, "evidence")) {
			evidence.add(List.of(Tree.text(item, "id"), Tree.text(item, "en") + " · " + Tree.text(item, "zhTw"),
					Boolean.TRUE.equals(item.get("present")) ? "present · 具備" : "!missing · 缺少"));
		}
		html.table(List.of("Id", "Evidence · 證據", "State · 狀態"), evidence);

		section(html, annex, 7);
		html.h3("Deployments · 部署");
		rows(html, Tree.list(content, "deployments"),
				List.of("id", "environment", "proxyRoute", "deployedBy", "startedAt", "endedAt"));
		html.h3("Incidents · 事件");
		rows(html, Tree.list(content, "incidents"),
				List.of("id", "title", "severity", "status", "reportedAt", "handling"));
		return html.finish();
	}

	private static void section(Html html, List<Map<String, Object>> annex, int index) {
		Map<String, Object> section = annex.get(index);
		html.h2(Tree.text(section, "section") + ". " + Tree.text(section, "en"), Tree.text(section, "zhTw"));
		List<?> missing = (List<?>) section.getOrDefault("missing", List.of());
		if (!missing.isEmpty()) {
			html.notice("Evidence missing for this section · 本節缺少證據: " + Tree.display(missing));
		}
	}

	private static void evaluations(Html html, List<Map<String, Object>> evaluations) {
		if (evaluations.isEmpty()) {
			html.notice("No evaluation is recorded. · 尚無評估紀錄。");
			return;
		}
		for (Map<String, Object> evaluation : evaluations) {
			html.h3(Tree.text(evaluation, "id") + " (" + Tree.text(evaluation, "evaluationKind") + ")");
			html.fields(List.of(row("Dataset · 資料集", Tree.text(evaluation, "dataset")),
					row("Method · 方法", Tree.text(evaluation, "method")),
					row("Protected attributes · 受保護屬性", Tree.text(evaluation, "protectedAttributes")),
					row("Performed at · 執行時間", Tree.text(evaluation, "performedAt"))));
			List<List<String>> overall = new ArrayList<>();
			for (Map<String, Object> metric : Tree.list(evaluation, "overall")) {
				overall.add(List.of(Tree.text(metric, "name"), rounded(metric.get("value"))));
			}
			if (!overall.isEmpty()) {
				html.table(List.of("Metric · 指標", "Value · 數值"), overall);
			}
			Map<String, Object> fairness = Tree.map(evaluation, "fairness");
			if (!fairness.isEmpty()) {
				List<String> metrics = new ArrayList<>();
				((List<?>) fairness.get("metrics")).forEach((m) -> metrics.add(m.toString()));
				List<String> headers = new ArrayList<>(List.of("Group · 群組"));
				headers.addAll(metrics);
				List<List<String>> groups = new ArrayList<>();
				for (Map<String, Object> group : Tree.list(fairness, "groups")) {
					List<String> cells = new ArrayList<>(List.of(Tree.text(group, "group")));
					metrics.forEach((m) -> cells.add(rounded(Tree.map(group, "metrics").get(m))));
					groups.add(cells);
				}
				html.p("Per-group fairness · 各群組公平性");
				html.table(headers, groups);
				List<List<String>> comparisons = new ArrayList<>();
				for (Map<String, Object> comparison : Tree.list(fairness, "comparisons")) {
					comparisons.add(List.of(Tree.text(comparison, "name"), Tree.text(comparison, "slice"),
							rounded(comparison.get("value"))));
				}
				if (!comparisons.isEmpty()) {
					html.table(List.of("Comparison · 比較", "Groups · 群組", "Value · 數值"), comparisons);
				}
			}
		}
	}

	private static void findings(Html html, Map<String, Object> findings) {
		html.h3("Policy findings · 政策檢核發現");
		if (!Boolean.TRUE.equals(findings.get("available"))) {
			html.notice("Data source not available · 資料來源無法取得: " + Tree.text(findings, "reason") + " "
					+ Tree.text(findings, "reasonZhTw"));
			return;
		}
		html.muted(Tree.text(findings, "scope") + " " + Tree.text(findings, "scopeZhTw"));
		List<List<String>> rows = new ArrayList<>();
		for (Map<String, Object> finding : Tree.list(findings, "items")) {
			Map<String, Object> message = Tree.map(finding, "message");
			Map<String, Object> remediation = Tree.map(finding, "remediation");
			String severity = Tree.text(finding, "severity");
			rows.add(List.of(("FAIL".equals(severity) ? "!" : "") + severity,
					Tree.text(finding, "ruleId") + " (" + Tree.text(finding, "pack") + " "
							+ Tree.text(finding, "packVersion") + ")",
					Tree.text(message, "en") + "\n" + Tree.text(message, "zhTw"), Tree.text(finding, "facts"),
					Tree.text(remediation, "en") + "\n" + Tree.text(remediation, "zhTw"),
					Tree.text(finding, "references")));
		}
		if (rows.isEmpty()) {
			html.p("The governance policies were evaluated and no rule fired. · 已執行治理政策評估，未觸發任何規則。");
			return;
		}
		html.table(List.of("Severity · 嚴重度", "Rule · 規則", "Finding · 發現", "Facts · 事實", "Remediation · 改善方式",
				"Frameworks · 框架"), rows);
	}

	private static void entityTable(Html html, List<Map<String, Object>> resume, String kind, List<String> columns) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Map<String, Object> entity : resume) {
			if (kind.equals(entity.get("kind"))) {
				Map<String, Object> fields = new java.util.TreeMap<>(Tree.map(entity, "fields"));
				fields.put("id", entity.get("id"));
				rows.add(fields);
			}
		}
		if (rows.isEmpty()) {
			html.muted("None recorded. · 無紀錄。");
			return;
		}
		List<String> withId = new ArrayList<>(List.of("id"));
		withId.addAll(columns);
		rows(html, rows, withId);
	}

	private static void rows(Html html, List<Map<String, Object>> rows, List<String> columns) {
		if (rows.isEmpty()) {
			html.muted("None recorded. · 無紀錄。");
			return;
		}
		// One field table per entity: wide tables of free text do not fit a page.
		for (Map<String, Object> entity : rows) {
			List<String[]> fields = new ArrayList<>();
			for (String column : columns) {
				String value = Tree.text(entity, column);
				if (!value.isEmpty()) {
					fields.add(row(column, value));
				}
			}
			html.fields(fields);
		}
	}

	private static List<String[]> fields(Map<String, Object> entity) {
		List<String[]> rows = new ArrayList<>();
		entity.forEach((name, value) -> rows.add(row(name, Tree.display(value))));
		return rows;
	}

	/** A metric value for people: at most four decimals. */
	static String rounded(Object value) {
		if (!(value instanceof Number number)) {
			return Tree.display(value);
		}
		java.math.BigDecimal decimal = (number instanceof java.math.BigDecimal exact) ? exact
				: new java.math.BigDecimal(number.toString());
		return decimal.setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
	}

	private static String[] row(String label, String value) {
		return new String[] { label, value };
	}

}
