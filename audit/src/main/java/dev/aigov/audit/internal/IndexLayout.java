package dev.aigov.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where audit documents live: monthly indices {@code <prefix>-YYYY.MM} (by event time,
 * UTC) under one composable index template whose mappings are explicit and strict, and
 * one index {@code <prefix>.checkpoints} for the signed checkpoints.
 */
public final class IndexLayout {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String prefix;

	private final Pattern monthly;

	public IndexLayout(String prefix) {
		if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
			throw new IllegalArgumentException("index prefix must be lower-case letters, digits, '-' or '_'");
		}
		this.prefix = prefix;
		this.monthly = Pattern.compile(Pattern.quote(prefix) + "-(\\d{4})\\.(\\d{2})");
	}

	String recordsIndex(Instant time) {
		return AuditDocuments.indexFor(this.prefix + "-", time);
	}

	/** The pattern matching every records index. */
	String records() {
		return this.prefix + "-*";
	}

	String checkpoints() {
		return this.prefix + ".checkpoints";
	}

	/**
	 * Creates or updates the templates, and adds fields new in this version to the
	 * mappings of the monthly indices that exist already (idempotent). The mappings are
	 * strict, so a document with a field its index lacks would be refused; fields are
	 * only ever added, which Elasticsearch applies to an existing index in place.
	 */
	void install(ElasticsearchHttp es) {
		byte[] mappings = resource("records-mappings.json");
		es.send("PUT", "/_component_template/" + this.prefix + "-mappings", mappings)
			.orThrow("installing the audit mappings");
		ElasticsearchHttp.Reply existing = es.send("PUT", "/" + records() + "/_mapping",
				Map.of("allow_no_indices", "true", "expand_wildcards", "open"),
				json.writeValueAsBytes(json.readTree(mappings).path("template").path("mappings")));
		if (existing.status() != 404) {
			existing.orThrow("adding new fields to the existing audit indices");
		}
		String template = json.writeValueAsString(Map.of("index_patterns", List.of(records()), "composed_of",
				List.of(this.prefix + "-mappings"), "priority", 200, "template",
				Map.of("settings",
						Map.of("number_of_shards", 1, "auto_expand_replicas", "0-1", "refresh_interval", "1s")),
				"_meta", Map.of("description", "aigov audit records: ECS + OpenTelemetry gen_ai, hash-chained")));
		es.send("PUT", "/_index_template/" + this.prefix, template.getBytes(StandardCharsets.UTF_8))
			.orThrow("installing the audit index template");
		JsonNode checkpoints = json.readTree(resource("checkpoints-template.json"));
		((tools.jackson.databind.node.ObjectNode) checkpoints).putArray("index_patterns").add(checkpoints());
		es.send("PUT", "/_index_template/" + this.prefix + ".checkpoints", json.writeValueAsBytes(checkpoints))
			.orThrow("installing the checkpoint index template");
	}

	/**
	 * Deletes the monthly indices whose whole month is older than {@code keepDays}.
	 * @return the names of the deleted indices
	 */
	List<String> deleteExpired(ElasticsearchHttp es, Instant now, java.time.Duration keep) {
		ElasticsearchHttp.Reply reply = es.send("GET", "/_cat/indices/" + records(),
				Map.of("format", "json", "h", "index", "expand_wildcards", "open,closed"), null);
		if (reply.status() == 404) {
			return List.of();
		}
		reply.orThrow("listing audit indices");
		List<String> deleted = new ArrayList<>();
		Instant cutoff = now.minus(keep);
		for (JsonNode row : json.readTree(reply.body())) {
			String index = row.path("index").asString();
			Matcher matcher = this.monthly.matcher(index);
			if (!matcher.matches()) {
				continue;
			}
			try {
				YearMonth month = YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
				Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
				if (end.isBefore(cutoff)) {
					es.send("DELETE", "/" + index, null).orThrow("deleting expired audit index " + index);
					deleted.add(index);
				}
			}
			catch (java.time.DateTimeException ex) {
				// Not one of ours.
			}
		}
		return deleted;
	}

	private static byte[] resource(String name) {
		try (InputStream in = IndexLayout.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
