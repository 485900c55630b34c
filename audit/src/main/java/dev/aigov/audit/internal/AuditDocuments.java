package dev.aigov.audit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditRecord.DetectorHit;
import dev.aigov.audit.AuditRecord.Inference;

/**
 * Maps an {@link AuditRecord} onto an Elasticsearch document with Elastic Common Schema
 * names ({@code @timestamp}, {@code event.*}, {@code user.*}, {@code source.ip},
 * {@code http.*}, {@code rule.*}, {@code error.type}, {@code error.code}) and the
 * OpenTelemetry GenAI conventions ({@code gen_ai.operation.name},
 * {@code gen_ai.request.model}, {@code gen_ai.provider.name},
 * {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens}); what neither
 * names lives under {@code aigov.*}. And computes the chain hash: SHA-256 over the RFC
 * 8785 canonical JSON of the document without its {@code aigov.chain.hash}.
 */
final class AuditDocuments {

	static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

	/**
	 * Detector hits kept in one document, the first ones in the order the proxy found
	 * them; {@code aigov.detections.count} and {@code types} still count all of them, and
	 * {@code hits_omitted} says how many were left out. A megabyte of prompt dense with
	 * short addresses has tens of thousands of hits, at about 100 bytes each.
	 */
	static final int HITS_KEPT = 1000;

	/** Which prompt and response texts a document keeps (hashes and lengths always). */
	enum Texts {

		/** Both, as the content mode says. */
		ALL,

		/** The prompt's texts; the response's are left out. */
		PROMPT,

		/** Neither. */
		NONE

	}

	private final ContentProtection content;

	private final double waterIntensity;

	AuditDocuments(ContentProtection content, double waterIntensity) {
		this.content = content;
		this.waterIntensity = waterIntensity;
	}

	/** The document without its chain fields. */
	Map<String, Object> toDocument(AuditRecord record) {
		return toDocument(record, Texts.ALL);
	}

	/**
	 * The document without its chain fields, keeping the texts {@code texts} says: a
	 * record too large for one journal entry is written again with fewer of them.
	 */
	Map<String, Object> toDocument(AuditRecord record, Texts texts) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("@timestamp", record.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("kind", "event");
		event.put("category", "inference".equals(record.category()) ? List.of("web") : List.of("iam", "configuration"));
		event.put("action", record.action());
		event.put("outcome", (record.outcome() != null) ? record.outcome() : "unknown");
		event.put("dataset", "aigov.audit");
		if (record.inference() != null && record.inference().latency() != null) {
			event.put("duration", Math.round(record.inference().latency().totalMs() * 1_000_000));
		}
		doc.put("event", event);
		if (record.requestId() != null) {
			doc.put("http", httpOf(record));
		}
		else if (record.inference() != null) {
			doc.put("http", Map.of("response", Map.of("status_code", record.inference().httpStatus())));
		}
		if (record.actor() != null) {
			AuditRecord.Actor actor = record.actor();
			if (actor.user() != null || actor.role() != null) {
				Map<String, Object> user = new LinkedHashMap<>();
				putIfPresent(user, "name", actor.user());
				if (actor.role() != null) {
					user.put("roles", List.of(actor.role()));
				}
				doc.put("user", user);
			}
			if (actor.clientAddress() != null) {
				doc.put("source", Map.of("ip", actor.clientAddress()));
			}
		}
		Map<String, Object> aigov = new LinkedHashMap<>();
		aigov.put("category", record.category());
		if (record.actor() != null && (record.actor().keyId() != null || record.actor().application() != null)) {
			Map<String, Object> application = new LinkedHashMap<>();
			putIfPresent(application, "key_id", record.actor().keyId());
			putIfPresent(application, "name", record.actor().application());
			aigov.put("application", application);
		}
		if (record.inference() != null) {
			inference(record.inference(), record.action(), texts, doc, aigov);
		}
		if (!record.details().isEmpty()) {
			aigov.put("details", new LinkedHashMap<>(record.details()));
		}
		doc.put("aigov", aigov);
		return doc;
	}

	private static Map<String, Object> httpOf(AuditRecord record) {
		Map<String, Object> http = new LinkedHashMap<>();
		http.put("request", Map.of("id", record.requestId()));
		if (record.inference() != null) {
			http.put("response", Map.of("status_code", record.inference().httpStatus()));
		}
		return http;
	}

	private void inference(Inference call, String action, Texts texts, Map<String, Object> doc,
			Map<String, Object> aigov) {
		Map<String, Object> genAi = new LinkedHashMap<>();
		genAi.put("operation", Map.of("name", operation(action)));
		if (call.requestedModel() != null) {
			genAi.put("request", Map.of("model", call.requestedModel()));
		}
		if (call.upstream() != null) {
			genAi.put("provider", Map.of("name", call.upstream()));
		}
		genAi.put("usage", Map.of("input_tokens", call.inputTokens(), "output_tokens", call.outputTokens()));
		doc.put("gen_ai", genAi);
		if (!call.rulesFired().isEmpty() || call.packVersion() != null) {
			Map<String, Object> rule = new LinkedHashMap<>();
			if (!call.rulesFired().isEmpty()) {
				rule.put("id", call.rulesFired());
			}
			putIfPresent(rule, "ruleset", call.packVersion());
			doc.put("rule", rule);
		}
		if (call.errorType() != null || call.errorCode() != null) {
			Map<String, Object> error = new LinkedHashMap<>();
			putIfPresent(error, "type", call.errorType());
			putIfPresent(error, "code", call.errorCode());
			doc.put("error", error);
		}
		putIfPresent(aigov, "model_version", call.modelVersion());
		putIfPresent(aigov, "route", call.route());
		putIfPresent(aigov, "upstream", call.upstream());
		Map<String, Object> policy = new LinkedHashMap<>();
		putIfPresent(policy, "decision", call.decision());
		putIfPresent(policy, "pack_version", call.packVersion());
		policy.put("rules", call.rulesFired());
		aigov.put("policy", policy);
		aigov.put("detections", detections(call.detections()));
		aigov.put("content_mode", this.content.mode().name().toLowerCase(java.util.Locale.ROOT));
		Map<String, Object> prompt = this.content.protect(call.prompt(), texts != Texts.NONE);
		if (!prompt.isEmpty()) {
			aigov.put("prompt", prompt);
		}
		Map<String, Object> response = this.content.protect(call.response(), texts == Texts.ALL);
		if (!response.isEmpty()) {
			aigov.put("response", response);
		}
		if (call.latency() != null) {
			Map<String, Object> latency = new LinkedHashMap<>();
			latency.put("total_ms", call.latency().totalMs());
			latency.put("upstream_ms", call.latency().upstreamMs());
			latency.put("policy_ms", call.latency().policyMs());
			if (call.latency().timeToFirstTokenMs() != null) {
				latency.put("time_to_first_token_ms", call.latency().timeToFirstTokenMs());
			}
			aigov.put("latency", latency);
		}
		if (call.energyWh() != null) {
			// Wh x L/kWh = mL.
			aigov.put("energy", Map.of("wh", call.energyWh(), "water_ml", call.energyWh() * this.waterIntensity));
		}
		aigov.put("streamed", call.streamed());
		putIfPresent(aigov, "declared_data_class", call.declaredDataClass());
		if (call.unscannedParts() > 0) {
			aigov.put("unscanned_parts", call.unscannedParts());
		}
		if (!call.endUserPseudonyms().isEmpty()) {
			aigov.put("end_user_pseudonyms", call.endUserPseudonyms());
		}
	}

	private static String operation(String action) {
		if (action != null && action.startsWith("embeddings")) {
			return "embeddings";
		}
		if (action != null && action.startsWith("models")) {
			return "models";
		}
		return "chat";
	}

	private static Map<String, Object> detections(List<DetectorHit> hits) {
		Set<String> types = new TreeSet<>();
		List<Map<String, Object>> all = new ArrayList<>();
		for (DetectorHit hit : hits) {
			types.add(hit.type());
			if (all.size() == HITS_KEPT) {
				continue;
			}
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("direction", hit.direction());
			one.put("type", hit.type());
			one.put("start", hit.start());
			one.put("end", hit.end());
			one.put("confidence", hit.confidence());
			all.add(one);
		}
		Map<String, Object> detections = new LinkedHashMap<>();
		detections.put("count", hits.size());
		detections.put("types", List.copyOf(types));
		detections.put("hits", all);
		if (all.size() < hits.size()) {
			detections.put("hits_omitted", hits.size() - all.size());
		}
		return detections;
	}

	private static void putIfPresent(Map<String, Object> map, String name, Object value) {
		if (value != null) {
			map.put(name, value);
		}
	}

	/** The monthly index a document with this event time goes to. */
	static String indexFor(String prefix, Instant time) {
		return prefix + MONTH.format(time);
	}

	/**
	 * The chain hash of a document: SHA-256, in hex, over the canonical JSON of the
	 * document without {@code aigov.chain.hash}. The map is restored before returning.
	 */
	@SuppressWarnings("unchecked")
	static String chainHash(Map<String, Object> doc) {
		Map<String, Object> chain = (Map<String, Object>) ((Map<String, Object>) doc.get("aigov")).get("chain");
		Object stored = chain.remove("hash");
		try {
			return CanonicalHash.of((Object) doc);
		}
		finally {
			if (stored != null) {
				chain.put("hash", stored);
			}
		}
	}

	/**
	 * The chain hash of a document as read back from Elasticsearch: the same hash,
	 * computed on the parsed tree without {@code aigov.chain.hash}.
	 */
	static String chainHash(tools.jackson.databind.node.ObjectNode source) {
		tools.jackson.databind.JsonNode chainNode = source.path("aigov").path("chain");
		if (!(chainNode instanceof tools.jackson.databind.node.ObjectNode chain)) {
			return CanonicalHash.of(source);
		}
		tools.jackson.databind.JsonNode stored = chain.remove("hash");
		try {
			return CanonicalHash.of(source);
		}
		finally {
			if (stored != null) {
				chain.set("hash", stored);
			}
		}
	}

	static String sha256Hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
