package dev.aigov.reports;

import java.util.Arrays;

/** The kinds of report the appliance exports. */
public enum ReportType {

	/** A model version's technical documentation along EU AI Act Annex IV. */
	MODEL_DOSSIER("model-dossier", "Model dossier", "模型技術文件"),

	/** The inference calls of a period, from the audit log. */
	OPERATIONS("operations", "Operations audit report", "營運稽核報告"),

	/**
	 * The guide's self-assessment checklist of one or all AI systems, with its history.
	 */
	SELF_ASSESSMENT("self-assessment", "Self-assessment report", "自我查核報告");

	private final String slug;

	private final String title;

	private final String titleZhTw;

	ReportType(String slug, String title, String titleZhTw) {
		this.slug = slug;
		this.title = title;
		this.titleZhTw = titleZhTw;
	}

	/** The name used in report ids, file names and the API. */
	public String slug() {
		return this.slug;
	}

	public String title() {
		return this.title;
	}

	public String titleZhTw() {
		return this.titleZhTw;
	}

	/**
	 * The type named by a slug.
	 * @throws IllegalArgumentException naming the valid slugs
	 */
	public static ReportType fromSlug(String slug) {
		return Arrays.stream(values())
			.filter((type) -> type.slug.equals(slug))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown report type '" + slug + "'; expected one of "
					+ Arrays.stream(values()).map(ReportType::slug).toList() + "."));
	}

}
