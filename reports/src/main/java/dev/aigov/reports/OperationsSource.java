package dev.aigov.reports;

/**
 * Where the operations report gets its figures from: implemented by the audit module
 * (aggregations in Elasticsearch, never in memory) and wired as a bean. Without a bean,
 * the report says that operations data is not available and carries no figures.
 */
public interface OperationsSource {

	/**
	 * The aggregated figures of the inference calls in a period.
	 * @param scope the period and, optionally, one application or model version
	 * @return the figures
	 * @throws RuntimeException when the audit store cannot answer; the report is then not
	 * generated (fail closed)
	 */
	OperationsFigures figures(OperationsScope scope);

}
