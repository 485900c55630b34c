package dev.aigov.registry;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aigov.registry.fairness.FairnessCalculator;
import dev.aigov.registry.fairness.FairnessReport;
import dev.aigov.registry.fairness.GroupCounts;
import dev.aigov.registry.fairness.PredictionsCsvParser;
import dev.aigov.registry.fairness.PredictionsCsvSpec;

import org.springframework.stereotype.Service;

/**
 * Fairness verified, not self-reported: computes group metrics from uploaded predictions
 * and records them as a fairness evaluation of the model version, every metric with its
 * group as the slice. Nothing is recorded when the upload is invalid.
 */
@Service
public class FairnessEvaluations {

	private final RegistryService registry;

	private final PredictionsCsvParser parser = new PredictionsCsvParser();

	private final FairnessCalculator calculator = new FairnessCalculator();

	public FairnessEvaluations(RegistryService registry) {
		this.registry = registry;
	}

	/**
	 * Computes and records a fairness evaluation.
	 * @param versionId the model version evaluated
	 * @param evaluationId the new evaluation's id, or {@code null} to generate one
	 * @param datasetId the dataset version the predictions were made on, or {@code null}
	 * @param predictions the CSV
	 * @param spec which columns hold groups, labels and predictions
	 * @param actor who uploads
	 * @return the recorded evaluation and the full report
	 * @throws dev.aigov.registry.fairness.PredictionsCsvException naming the line and
	 * column of bad input
	 */
	public Result evaluate(String versionId, String evaluationId, String datasetId, InputStream predictions,
			PredictionsCsvSpec spec, Actor actor) {
		EntityRef version = new EntityRef(Kind.MODEL_VERSION, versionId);
		if (!this.registry.exists(version)) {
			throw new ResumeNotFoundException(version, "No model-version with id '" + versionId + "'.");
		}
		GroupCounts counts = this.parser.parse(predictions, spec);
		FairnessReport report = this.calculator.calculate(counts, spec.privilegedGroup());
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id",
				(evaluationId != null) ? evaluationId : "fairness-" + UUID.randomUUID().toString().substring(0, 13));
		fields.put("modelVersion", versionId);
		if (datasetId != null) {
			fields.put("dataset", datasetId);
		}
		fields.put("evaluationKind", "fairness");
		fields.put("method", "Computed by the appliance from " + report.rows()
				+ " uploaded predictions; definitions of Fairlearn and AIF360 (see docs/fairness-metrics.md)"
				+ ((spec.privilegedGroup() != null) ? "; reference group '" + spec.privilegedGroup() + "'" : "") + ".");
		fields.put("protectedAttributes", spec.groupColumns());
		fields.put("metrics", metrics(report));
		ResumeEntity evaluation = this.registry.create(Kind.EVALUATION, fields, actor);
		return new Result(evaluation, report);
	}

	static List<Map<String, Object>> metrics(FairnessReport report) {
		List<Map<String, Object>> metrics = new ArrayList<>();
		for (FairnessReport.GroupMetrics group : report.groups()) {
			add(metrics, "count", (double) group.count(), group.group());
			add(metrics, "selection_rate", group.selectionRate(), group.group());
			add(metrics, "true_positive_rate", group.truePositiveRate(), group.group());
			add(metrics, "false_positive_rate", group.falsePositiveRate(), group.group());
			add(metrics, "false_negative_rate", group.falseNegativeRate(), group.group());
			add(metrics, "precision", group.precision(), group.group());
		}
		FairnessReport.BetweenGroups between = report.betweenGroups();
		add(metrics, "demographic_parity_difference", between.demographicParityDifference(), null);
		add(metrics, "demographic_parity_ratio", between.demographicParityRatio(), null);
		add(metrics, "equalized_odds_difference", between.equalizedOddsDifference(), null);
		add(metrics, "equal_opportunity_difference_max_min", between.equalOpportunityDifference(), null);
		FairnessReport.VersusPrivileged versus = report.versusPrivileged();
		if (versus != null) {
			for (FairnessReport.Comparison comparison : versus.unprivileged()) {
				String slice = comparison.group() + " vs " + versus.privilegedGroup();
				add(metrics, "statistical_parity_difference", comparison.statisticalParityDifference(), slice);
				add(metrics, "disparate_impact", comparison.disparateImpact(), slice);
				add(metrics, "equal_opportunity_difference", comparison.equalOpportunityDifference(), slice);
				add(metrics, "average_odds_difference", comparison.averageOddsDifference(), slice);
			}
			if (versus.disparateImpact() != null) {
				add(metrics, "disparate_impact_worst", versus.disparateImpact().value(),
						versus.disparateImpact().group() + " vs " + versus.privilegedGroup());
			}
		}
		return metrics;
	}

	private static void add(List<Map<String, Object>> metrics, String name, Double value, String slice) {
		if (value == null || value.isNaN() || value.isInfinite()) {
			return; // undefined (0/0): recorded as absent, never as 0
		}
		Map<String, Object> metric = new LinkedHashMap<>();
		metric.put("name", name);
		metric.put("value", BigDecimal.valueOf(value));
		if (slice != null) {
			metric.put("slice", slice);
		}
		metrics.add(metric);
	}

	/**
	 * @param evaluation the recorded evaluation
	 * @param report everything computed, including what the résumé does not store
	 */
	public record Result(ResumeEntity evaluation, FairnessReport report) {
	}

}
