package dev.aigov.policy.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.aigov.policy.Finding;
import dev.aigov.policy.facts.BomFact;
import dev.aigov.policy.facts.DatasetFact;
import dev.aigov.policy.facts.EvaluationFact;
import dev.aigov.policy.facts.IncidentFact;
import dev.aigov.policy.facts.IntendedUse;
import dev.aigov.policy.facts.LicenceFact;
import dev.aigov.policy.facts.MetricFact;
import dev.aigov.policy.facts.ModelVersionFact;
import dev.aigov.policy.facts.Threshold;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a recorded evaluation's facts and findings. Facts are written in a
 * canonical form (each as {@code {"fact":type,"value":{...}}}, keys sorted, no
 * whitespace, the facts sorted by that text) so that equal facts give equal bytes and
 * digests, whatever order they were extracted in; they read back as the same typed
 * records.
 */
final class RecordCodec {

	/** The fact types a governance evaluation sees; nothing else is read back. */
	private static final Map<String, Class<? extends Record>> FACT_TYPES = Stream
		.of(ModelVersionFact.class, IntendedUse.class, DatasetFact.class, LicenceFact.class, EvaluationFact.class,
				MetricFact.class, IncidentFact.class, BomFact.class, Threshold.class)
		.collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private RecordCodec() {
	}

	/** The facts' canonical JSON. */
	static String facts(List<Object> facts) {
		List<String> encoded = new ArrayList<>(facts.size());
		for (Object fact : facts) {
			String type = fact.getClass().getSimpleName();
			if (FACT_TYPES.get(type) != fact.getClass()) {
				throw new IllegalArgumentException("Not a governance fact: " + fact.getClass().getName());
			}
			ObjectNode node = JSON.createObjectNode();
			node.put("fact", type);
			node.set("value", JSON.valueToTree(fact));
			encoded.add(JSON.writeValueAsString(node));
		}
		encoded.sort(null);
		return "[" + String.join(",", encoded) + "]";
	}

	/**
	 * The typed facts of a canonical JSON text.
	 * @throws IllegalArgumentException if it is not one
	 */
	static List<Object> facts(String json) {
		try {
			JsonNode root = JSON.readTree(json);
			if (!(root instanceof ArrayNode array)) {
				throw new IllegalArgumentException("The recorded facts are not a JSON array");
			}
			List<Object> facts = new ArrayList<>(array.size());
			for (JsonNode node : array) {
				Class<? extends Record> type = FACT_TYPES.get(node.path("fact").asString(""));
				if (type == null) {
					throw new IllegalArgumentException("Unknown fact type '" + node.path("fact") + "'");
				}
				facts.add(JSON.treeToValue(node.get("value"), type));
			}
			return facts;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The recorded facts cannot be read: " + ex.getOriginalMessage(), ex);
		}
	}

	static String findings(List<Finding> findings) {
		return JSON.writeValueAsString(findings);
	}

	static List<Finding> findings(String json) {
		try {
			return JSON.readValue(json, new TypeReference<List<Finding>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The recorded findings cannot be read: " + ex.getOriginalMessage(), ex);
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
