package dev.aigov.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Table 1 of the III "Generative AI adoption guide" (資策會, 2023, 第四節 自我查核表): the six
 * adoption-strategy dimensions (導入策略), and the technical readiness (技術整備度) of the four
 * adoption modes in five areas. Every cell is assessed on the guide's three-step scale.
 * Labels are the guide's own wording with English translations.
 */
public final class SelfAssessmentChecklist {

	/**
	 * Every cell, strategy rows first, then readiness row by row, in the guide's order.
	 */
	public static final List<Cell> CELLS;

	static {
		List<Cell> cells = new ArrayList<>();
		for (Dimension dimension : Dimension.values()) {
			cells.add(new Cell(dimension, null, null));
		}
		for (AdoptionMode mode : AdoptionMode.values()) {
			for (ReadinessArea area : ReadinessArea.values()) {
				cells.add(new Cell(null, mode, area));
			}
		}
		CELLS = Collections.unmodifiableList(cells);
	}

	private SelfAssessmentChecklist() {
	}

	/** The guide's scale: (1) 未評估, (2) 評估中, (3) 已有方案. */
	public enum Status implements Labelled {

		NOT_ASSESSED("not-assessed", "not assessed", "未評估"), ASSESSING("assessing", "assessing", "評估中"),
		PLAN_IN_PLACE("plan-in-place", "plan in place", "已有方案");

		private final Label label;

		Status(String key, String english, String chinese) {
			this.label = new Label(key, english, chinese);
		}

		@Override
		public Label label() {
			return this.label;
		}

		/** The status with this key, or {@code null}. */
		public static Status of(String key) {
			return Arrays.stream(values()).filter((status) -> status.key().equals(key)).findFirst().orElse(null);
		}

		public static List<String> keys() {
			return Arrays.stream(values()).map(Status::key).toList();
		}

	}

	/** The six dimensions of the adoption strategy (導入策略). */
	public enum Dimension implements Labelled {

		ORGANISATION("organisation", "Organisation", "組織面"), TECHNOLOGY("technology", "Technology", "技術面"),
		DATA("data", "Data", "資料面"), TALENT("talent", "Talent", "人才面"), MANAGEMENT("management", "Management", "管理面"),
		POLICY("policy", "Policy", "政策面");

		private final Label label;

		Dimension(String key, String english, String chinese) {
			this.label = new Label(key, english, chinese);
		}

		@Override
		public Label label() {
			return this.label;
		}

	}

	/** The four ways to adopt generative AI, the rows of technical readiness. */
	public enum AdoptionMode implements Labelled {

		SOFTWARE_TOOLS("software-tools", "Using software tools directly", "直接使用軟體工具"),
		EXTERNAL_API("external-api", "Connecting to external models through an API", "透過API串接外部模型"),
		OPEN_SOURCE_FINE_TUNING("open-source-fine-tuning", "Fine-tuning an open-source model", "針對開源模型微調"),
		INTERNAL_TRAINING("internal-training", "Training the enterprise's own internal model", "自行訓練企業的內部模型");

		private final Label label;

		AdoptionMode(String key, String english, String chinese) {
			this.label = new Label(key, english, chinese);
		}

		@Override
		public Label label() {
			return this.label;
		}

	}

	/** The five areas of technical readiness (技術整備度), the columns. */
	public enum ReadinessArea implements Labelled {

		BUDGET("budget", "Budgeting", "預算編列"), TECHNOLOGY("technology", "Technology", "技術"), DATA("data", "Data", "資料"),
		PROCESS_INVENTORY("process-inventory", "Process inventory", "流程盤查"),
		REGULATORY_NORMS("regulatory-norms", "Regulatory norms", "監理規範");

		private final Label label;

		ReadinessArea(String key, String english, String chinese) {
			this.label = new Label(key, english, chinese);
		}

		@Override
		public Label label() {
			return this.label;
		}

	}

	/**
	 * A key and the guide's label of it in both languages.
	 *
	 * @param key the value used in the API and in résumé fields
	 * @param english the label in English
	 * @param chinese the guide's own words
	 */
	public record Label(String key, String english, String chinese) {
	}

	/** A status, row or column of the table, with its key and the guide's label. */
	public interface Labelled {

		Label label();

		default String key() {
			return label().key();
		}

		default String english() {
			return label().english();
		}

		default String chinese() {
			return label().chinese();
		}

	}

	/**
	 * One cell of the checklist: a strategy dimension, or an adoption mode in a readiness
	 * area. Its id is {@code strategy.<dimension>} or {@code readiness.<mode>.<area>}.
	 *
	 * @param dimension the strategy dimension, or {@code null} for a readiness cell
	 * @param mode the adoption mode of a readiness cell
	 * @param area the readiness area of a readiness cell
	 */
	public record Cell(Dimension dimension, AdoptionMode mode, ReadinessArea area) {

		public boolean strategy() {
			return this.dimension != null;
		}

		/** {@code strategy.organisation} or {@code readiness.external-api.budget}. */
		public String id() {
			return strategy() ? "strategy." + this.dimension.key()
					: "readiness." + this.mode.key() + "." + this.area.key();
		}

		/**
		 * The résumé field holding the cell's status, e.g.
		 * {@code readinessExternalApiBudget}.
		 */
		public String statusField() {
			return strategy() ? "strategy" + camel(this.dimension.key())
					: "readiness" + camel(this.mode.key()) + camel(this.area.key());
		}

		/** The résumé field holding the cell's optional note. */
		public String noteField() {
			return statusField() + "Note";
		}

		/** The cell's label in English, e.g. "Technical readiness: Data / Budgeting". */
		public String english() {
			return strategy() ? "Adoption strategy: " + this.dimension.english()
					: "Technical readiness: " + this.mode.english() + " / " + this.area.english();
		}

		/** The cell's label in the guide's words. */
		public String chinese() {
			return strategy() ? "導入策略：" + this.dimension.chinese()
					: "技術整備度：" + this.mode.chinese() + "／" + this.area.chinese();
		}

		/** The cell with this id, or {@code null}. */
		public static Cell of(String id) {
			return CELLS.stream().filter((cell) -> cell.id().equals(id)).findFirst().orElse(null);
		}

		private static String camel(String key) {
			StringBuilder out = new StringBuilder();
			for (String part : key.split("-")) {
				out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
			}
			return out.toString();
		}

	}

}
