package dev.aigov.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.audit.AuditOperations;
import dev.aigov.audit.AuditPage;
import dev.aigov.audit.AuditQuery;
import dev.aigov.audit.AuditSearch;
import dev.aigov.audit.AuditStatistics;
import dev.aigov.audit.AuditStatistics.Bucket;
import dev.aigov.audit.AuditStatistics.Count;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AuditSearch} on Elasticsearch: filters in filter context (cached, no scoring),
 * sorted by {@code @timestamp} then {@code event.id}, paged with {@code search_after}
 * (never deep {@code from}), encrypted content left out of the answer.
 */
public final class ElasticsearchAuditSearch implements AuditSearch {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final ElasticsearchHttp es;

	private final IndexLayout layout;

	public ElasticsearchAuditSearch(ElasticsearchHttp es, IndexLayout layout) {
		this.es = es;
		this.layout = layout;
	}

	@Override
	public AuditPage search(AuditQuery query) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("size", query.size());
		body.put("track_total_hits", 10_000);
		body.put("query", query(query));
		body.put("sort", List.of(Map.of("@timestamp", "desc"), Map.of("event.id", "desc")));
		body.put("_source", Map.of("excludes", List.of("aigov.prompt.encrypted", "aigov.response.encrypted")));
		if (query.after() != null) {
			body.put("search_after", decodeAfter(query.after()));
		}
		JsonNode result = post("/_search", body, "searching audit records");
		List<Map<String, Object>> records = new ArrayList<>();
		JsonNode hits = result.path("hits").path("hits");
		for (JsonNode hit : hits) {
			records.add(json.convertValue(hit.path("_source"), MAP));
		}
		String next = (hits.size() == query.size()) ? Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(json.writeValueAsBytes(hits.get(hits.size() - 1).path("sort"))) : null;
		JsonNode total = result.path("hits").path("total");
		return new AuditPage(records, total.path("value").asLong(), "eq".equals(total.path("relation").asString()),
				next);
	}

	private static Object decodeAfter(String token) {
		try {
			JsonNode after = json.readTree(Base64.getUrlDecoder().decode(token));
			if (!after.isArray() || after.size() != 2 || !after.get(0).isNumber() || !after.get(1).isString()) {
				throw new IllegalArgumentException();
			}
			return after;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new IllegalArgumentException("'after' is not a page token from a previous search");
		}
	}

	private static Map<String, Object> query(AuditQuery query) {
		List<Object> filters = new ArrayList<>();
		if (query.from() != null || query.to() != null) {
			Map<String, Object> range = new LinkedHashMap<>();
			if (query.from() != null) {
				range.put("gte", query.from().toString());
			}
			if (query.to() != null) {
				range.put("lt", query.to().toString());
			}
			range.put("format", "strict_date_optional_time");
			filters.add(Map.of("range", Map.of("@timestamp", range)));
		}
		term(filters, "aigov.category", query.category());
		anyOf(filters, query.application(), "aigov.application.name", "aigov.application.key_id");
		// An upstream reports an end user by the pseudonym the proxy gave it.
		anyOf(filters, query.user(), "user.name", "aigov.end_user_pseudonyms");
		anyOf(filters, query.model(), "gen_ai.request.model", "aigov.model_version");
		term(filters, "aigov.policy.decision", query.decision());
		term(filters, "rule.id", query.rule());
		term(filters, "aigov.detections.types", query.detectorType());
		Map<String, Object> bool = new LinkedHashMap<>();
		bool.put("filter", filters);
		if (query.text() != null && !query.text().isBlank()) {
			bool.put("must", List.of(Map.of("multi_match", Map.of("query", query.text(), "fields",
					List.of("aigov.prompt.redacted", "aigov.response.redacted"), "operator", "and"))));
		}
		return Map.of("bool", bool);
	}

	private static void term(List<Object> filters, String field, String value) {
		if (value != null && !value.isBlank()) {
			filters.add(Map.of("term", Map.of(field, value)));
		}
	}

	private static void anyOf(List<Object> filters, String value, String... fields) {
		if (value != null && !value.isBlank()) {
			List<Object> should = new ArrayList<>();
			for (String field : fields) {
				should.add(Map.of("term", Map.of(field, value)));
			}
			filters.add(Map.of("bool", Map.of("should", should, "minimum_should_match", 1)));
		}
	}

	@Override
	public AuditStatistics statistics(Instant from, Instant to, Duration interval) {
		if (from == null || to == null || !from.isBefore(to)) {
			throw new IllegalArgumentException("'from' must be before 'to'");
		}
		if (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("the interval must be at least one minute");
		}
		if (Duration.between(from, to).dividedBy(interval) > 2000) {
			throw new IllegalArgumentException("at most 2,000 intervals: choose a longer interval or a shorter range");
		}
		AuditQuery range = new AuditQuery(from, to, null, null, null, null, null, null, null, null, 1, null);
		Map<String, Object> aggs = new LinkedHashMap<>();
		aggs.put("over_time", Map.of("date_histogram",
				Map.of("field", "@timestamp", "fixed_interval", interval.toSeconds() + "s", "min_doc_count", 0,
						"extended_bounds", Map.of("min", from.toEpochMilli(), "max", to.toEpochMilli() - 1)),
				"aggs", Map.of("decisions", Map.of("terms", Map.of("field", "aigov.policy.decision", "size", 10)))));
		aggs.put("decisions", terms("aigov.policy.decision", 10));
		aggs.put("rules", terms("rule.id", 10));
		aggs.put("models", terms("gen_ai.request.model", 20));
		aggs.put("applications", terms("aigov.application.name", 20));
		aggs.put("detectors", terms("aigov.detections.types", 20));
		aggs.put("energy", Map.of("sum", Map.of("field", "aigov.energy.wh")));
		aggs.put("water", Map.of("sum", Map.of("field", "aigov.energy.water_ml")));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("size", 0);
		body.put("track_total_hits", true);
		body.put("query", query(range));
		body.put("aggs", aggs);
		JsonNode result = post("/_search", body, "aggregating audit records");
		JsonNode aggregations = result.path("aggregations");
		List<Bucket> overTime = new ArrayList<>();
		for (JsonNode bucket : aggregations.path("over_time").path("buckets")) {
			long blocked = 0;
			long redacted = 0;
			for (JsonNode decision : bucket.path("decisions").path("buckets")) {
				if ("block".equals(decision.path("key").asString())) {
					blocked = decision.path("doc_count").asLong();
				}
				else if ("redact".equals(decision.path("key").asString())) {
					redacted = decision.path("doc_count").asLong();
				}
			}
			overTime.add(new Bucket(Instant.ofEpochMilli(bucket.path("key").asLong()),
					bucket.path("doc_count").asLong(), blocked, redacted));
		}
		return new AuditStatistics(result.path("hits").path("total").path("value").asLong(), overTime,
				counts(aggregations.path("decisions")), counts(aggregations.path("rules")),
				counts(aggregations.path("models")), counts(aggregations.path("applications")),
				counts(aggregations.path("detectors")), aggregations.path("energy").path("value").asDouble(0),
				aggregations.path("water").path("value").asDouble(0));
	}

	@Override
	public AuditOperations operations(Instant from, Instant to, String application, String model) {
		if (from == null || to == null || !from.isBefore(to)) {
			throw new IllegalArgumentException("'from' must be before 'to'");
		}
		Map<String, Object> query = query(
				new AuditQuery(from, to, "inference", application, null, model, null, null, null, null, 1, null));
		Map<String, Object> aggs = new LinkedHashMap<>();
		aggs.put("input_tokens", sum("gen_ai.usage.input_tokens"));
		aggs.put("output_tokens", sum("gen_ai.usage.output_tokens"));
		aggs.put("blocked", decision("block"));
		aggs.put("rerouted", decision("reroute"));
		aggs.put("failed", Map.of("filter", FAILED, "aggs", Map.of("causes", Map.of("terms",
				Map.of("field", "error.code", "size", 100, "missing", AuditOperations.CAUSE_NOT_RECORDED)))));
		aggs.put("redacted", Map.of("filter", Map.of("term", Map.of("aigov.policy.decision", "redact")), "aggs",
				Map.of("detectors", terms("aigov.detections.types", 100))));
		aggs.put("rules", terms("rule.id", 10));
		aggs.put("latency", Map.of("percentiles",
				Map.of("field", "aigov.latency.total_ms", "percents", List.of(50.0, 95.0, 99.0), "keyed", false)));
		aggs.put("energy", sum("aigov.energy.wh"));
		aggs.put("water", sum("aigov.energy.water_ml"));
		aggs.put("breakdown", breakdown(null));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("size", 0);
		body.put("track_total_hits", true);
		body.put("query", query);
		body.put("aggs", aggs);
		JsonNode result = post("/_search", body, "aggregating the operations figures");
		JsonNode aggregations = result.path("aggregations");
		Map<String, Long> detectors = countsByKey(aggregations.path("redacted").path("detectors"));
		Map<String, Long> causes = countsByKey(aggregations.path("failed").path("causes"));
		Map<String, Double> latency = new LinkedHashMap<>();
		for (JsonNode percentile : aggregations.path("latency").path("values")) {
			if (percentile.path("value").isNumber()) {
				latency.put("p" + Math.round(percentile.path("key").asDouble()), percentile.path("value").asDouble());
			}
		}
		List<AuditOperations.Breakdown> breakdown = new ArrayList<>();
		JsonNode composite = aggregations.path("breakdown");
		breakdown(composite, breakdown);
		// The composite aggregation pages: only the breakdown is asked again, from where
		// it
		// stopped, for the rare period with more than BREAKDOWN_PAGE pairs.
		while (composite.path("buckets").size() == BREAKDOWN_PAGE && composite.has("after_key")) {
			Map<String, Object> next = new LinkedHashMap<>();
			next.put("size", 0);
			next.put("query", query);
			next.put("aggs", Map.of("breakdown", breakdown(composite.path("after_key"))));
			composite = post("/_search", next, "aggregating the operations figures").path("aggregations")
				.path("breakdown");
			breakdown(composite, breakdown);
		}
		return new AuditOperations(from, to, result.path("hits").path("total").path("value").asLong(),
				sumOf(aggregations.path("input_tokens")), sumOf(aggregations.path("output_tokens")),
				aggregations.path("blocked").path("doc_count").asLong(),
				aggregations.path("redacted").path("doc_count").asLong(),
				aggregations.path("rerouted").path("doc_count").asLong(),
				aggregations.path("failed").path("doc_count").asLong(), causes, detectors,
				counts(aggregations.path("rules")), latency, aggregations.path("energy").path("value").asDouble(0),
				aggregations.path("water").path("value").asDouble(0), merged(breakdown));
	}

	/**
	 * One row per application and model version: calls resolved to the same version under
	 * different requested names come back as separate buckets.
	 */
	private static List<AuditOperations.Breakdown> merged(List<AuditOperations.Breakdown> buckets) {
		Map<List<String>, AuditOperations.Breakdown> rows = new java.util.TreeMap<>(
				java.util.Comparator.comparing((List<String> k) -> k.get(0)).thenComparing((k) -> k.get(1)));
		for (AuditOperations.Breakdown b : buckets) {
			rows.merge(List.of(b.application(), b.modelVersion()), b,
					(x, y) -> new AuditOperations.Breakdown(x.application(), x.modelVersion(), x.calls() + y.calls(),
							x.inputTokens() + y.inputTokens(), x.outputTokens() + y.outputTokens(),
							x.blocked() + y.blocked(), x.redacted() + y.redacted(), x.energyWh() + y.energyWh()));
		}
		return List.copyOf(rows.values());
	}

	private static final int BREAKDOWN_PAGE = 1000;

	/** Decision {@code error}, or a failed outcome that is not a block. */
	private static final Map<String, Object> FAILED = Map.of("bool",
			Map.of("should",
					List.of(Map.of("term", Map.of("aigov.policy.decision", "error")),
							Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of("event.outcome", "failure"))),
									"must_not", List.of(Map.of("term", Map.of("aigov.policy.decision", "block")))))),
					"minimum_should_match", 1));

	private static Map<String, Object> breakdown(JsonNode after) {
		Map<String, Object> composite = new LinkedHashMap<>();
		composite.put("size", BREAKDOWN_PAGE);
		composite.put("sources", List.of(source("application", "aigov.application.name"),
				source("version", "aigov.model_version"), source("model", "gen_ai.request.model")));
		if (after != null) {
			composite.put("after", after);
		}
		Map<String, Object> aggs = new LinkedHashMap<>();
		aggs.put("input_tokens", sum("gen_ai.usage.input_tokens"));
		aggs.put("output_tokens", sum("gen_ai.usage.output_tokens"));
		aggs.put("blocked", decision("block"));
		aggs.put("redacted", decision("redact"));
		aggs.put("energy", sum("aigov.energy.wh"));
		return Map.of("composite", composite, "aggs", aggs);
	}

	private static Map<String, Object> source(String name, String field) {
		return Map.of(name, Map.of("terms", Map.of("field", field, "missing_bucket", true)));
	}

	private static void breakdown(JsonNode composite, List<AuditOperations.Breakdown> into) {
		for (JsonNode bucket : composite.path("buckets")) {
			JsonNode key = bucket.path("key");
			String version = key.path("version").isString() ? key.path("version").asString()
					: key.path("model").asString("");
			into.add(new AuditOperations.Breakdown(key.path("application").asString(""), version,
					bucket.path("doc_count").asLong(), sumOf(bucket.path("input_tokens")),
					sumOf(bucket.path("output_tokens")), bucket.path("blocked").path("doc_count").asLong(),
					bucket.path("redacted").path("doc_count").asLong(),
					bucket.path("energy").path("value").asDouble(0)));
		}
	}

	private static Map<String, Object> sum(String field) {
		return Map.of("sum", Map.of("field", field));
	}

	private static Map<String, Object> decision(String decision) {
		return Map.of("filter", Map.of("term", Map.of("aigov.policy.decision", decision)));
	}

	/** Sums of long fields come back as doubles; exact up to 2^53. */
	private static long sumOf(JsonNode sum) {
		return Math.round(sum.path("value").asDouble(0));
	}

	private static Map<String, Object> terms(String field, int size) {
		return Map.of("terms", Map.of("field", field, "size", size));
	}

	/** A terms aggregation's buckets as key to count, in the buckets' order. */
	private static Map<String, Long> countsByKey(JsonNode aggregation) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts(aggregation).forEach((count) -> counts.put(count.key(), count.count()));
		return counts;
	}

	private static List<Count> counts(JsonNode aggregation) {
		List<Count> counts = new ArrayList<>();
		for (JsonNode bucket : aggregation.path("buckets")) {
			counts.add(new Count(bucket.path("key").asString(), bucket.path("doc_count").asLong()));
		}
		return counts;
	}

	private JsonNode post(String endpoint, Map<String, Object> body, String what) {
		ElasticsearchHttp.Reply reply;
		try {
			reply = this.es.send("POST", "/" + this.layout.records() + endpoint,
					Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
					json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
		}
		catch (java.io.UncheckedIOException ex) {
			// the contract of AuditSearch: Elasticsearch not answering is an
			// IllegalStateException
			throw new IllegalStateException(what + " failed: " + ex.getMessage(), ex);
		}
		return json.readTree(reply.orThrow(what).body());
	}

}
