package dev.aigov.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
		term(filters, "user.name", query.user());
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

	private static Map<String, Object> terms(String field, int size) {
		return Map.of("terms", Map.of("field", field, "size", size));
	}

	private static List<Count> counts(JsonNode aggregation) {
		List<Count> counts = new ArrayList<>();
		for (JsonNode bucket : aggregation.path("buckets")) {
			counts.add(new Count(bucket.path("key").asString(), bucket.path("doc_count").asLong()));
		}
		return counts;
	}

	private JsonNode post(String endpoint, Map<String, Object> body, String what) {
		ElasticsearchHttp.Reply reply = this.es.send("POST", "/" + this.layout.records() + endpoint,
				Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
				json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
		return json.readTree(reply.orThrow(what).body());
	}

}
