package dev.aigov.web.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The data of one chart, written as JSON into a {@code data-chart} attribute, where the
 * page's script (not the template) turns it into a Chart.js chart. Every chart has a
 * table beside it with the same numbers, for readers who cannot see the chart.
 *
 * @param type {@code bar} or {@code line}
 * @param labels the categories along the axis
 * @param series the bars or lines
 * @param stacked whether the series stack
 * @param max the value axis maximum, or {@code null} to fit the data
 */
public record ChartData(String type, List<String> labels, List<Series> series, boolean stacked, Double max) {

	private static final JsonMapper json = JsonMapper.builder().build();

	public ChartData {
		labels = List.copyOf(labels);
		series = List.copyOf(series);
	}

	public String toJson() {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("type", this.type);
		chart.put("labels", this.labels);
		List<Map<String, Object>> datasets = new ArrayList<>();
		for (Series one : this.series) {
			Map<String, Object> dataset = new LinkedHashMap<>();
			dataset.put("label", one.label());
			dataset.put("data", one.values());
			dataset.put("color", one.color());
			datasets.add(dataset);
		}
		chart.put("datasets", datasets);
		chart.put("stacked", this.stacked);
		chart.put("max", this.max);
		return json.writeValueAsString(chart);
	}

	/**
	 * One bar series or line.
	 *
	 * @param label its name in the legend
	 * @param values one value per label; {@code null} where undefined
	 * @param color a CSS colour
	 */
	public record Series(String label, List<Double> values, String color) {

		public Series {
			values = new ArrayList<>(values);
		}

	}

}
