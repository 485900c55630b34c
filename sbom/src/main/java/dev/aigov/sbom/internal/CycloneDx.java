package dev.aigov.sbom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * Everything the module takes from cyclonedx-core-java: the JSON schemas of CycloneDX 1.4
 * to 1.6 (validated with the library's own networknt validator, schemas built once per
 * version) and its object model, used only to summarize a BOM that already validated. The
 * library's {@code JsonParser.validate} returns bare messages; the validator is called
 * directly here to keep the instance location of each error.
 */
public final class CycloneDx {

	/** Spec versions accepted, oldest first. */
	public static final List<String> SUPPORTED_VERSIONS = List.of("1.4", "1.5", "1.6");

	/** At most this many errors are listed; the rest are counted. */
	public static final int MAX_ERRORS = 100;

	/** Messages longer than this (enumerations of every SPDX id) are shortened. */
	private static final int MAX_MESSAGE = 300;

	private static final ObjectMapper STRICT = JsonMapper
		.builder(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** The mapper the library builds its schemas with. */
	private static final ObjectMapper SCHEMA_MAPPER = new ObjectMapper();

	private static final Map<Version, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private static final Set<String> SPDX_IDS = spdxIds();

	private CycloneDx() {
	}

	/**
	 * One problem found in a document.
	 *
	 * @param path JSON pointer to the offending value ({@code ""} for the document)
	 * @param message what is wrong
	 */
	public record Problem(String path, String message) {
	}

	/**
	 * The outcome of validating a document.
	 *
	 * @param specVersion the declared {@code specVersion}, or {@code null}
	 * @param problems what is wrong; empty when the document is valid
	 */
	public record Result(String specVersion, List<Problem> problems) {
	}

	/**
	 * Validates a CycloneDX JSON document against the schema of its declared spec version
	 * and checks that every {@code bom-ref} is unique, which the schema cannot express.
	 */
	public static Result validate(byte[] json) {
		JsonNode tree;
		try {
			tree = STRICT.readTree(json);
		}
		catch (JsonProcessingException ex) {
			String where = (ex.getLocation() != null)
					? " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "";
			return new Result(null,
					List.of(new Problem("", "not valid JSON" + where + ": " + ex.getOriginalMessage())));
		}
		catch (IOException ex) {
			return new Result(null, List.of(new Problem("", "not readable: " + ex.getMessage())));
		}
		if (tree == null || !tree.isObject()) {
			return new Result(null, List.of(new Problem("", "a CycloneDX BOM is a JSON object")));
		}
		JsonNode declared = tree.get("specVersion");
		String specVersion = (declared != null && declared.isTextual()) ? declared.textValue() : null;
		if (specVersion == null) {
			return new Result(null, List
				.of(new Problem("/specVersion", "required: the CycloneDX spec version, one of " + SUPPORTED_VERSIONS)));
		}
		if (!SUPPORTED_VERSIONS.contains(specVersion)) {
			return new Result(specVersion, List.of(new Problem("/specVersion", "CycloneDX " + specVersion
					+ " is not supported; BOMs in CycloneDX JSON " + String.join(", ", SUPPORTED_VERSIONS) + " are")));
		}
		Set<Problem> problems = new LinkedHashSet<>();
		for (Error error : schema(Version.fromVersionString(specVersion)).validate(tree)) {
			problems.add(new Problem(error.getInstanceLocation().toString(), shorten(error.getMessage())));
		}
		duplicateBomRefs(tree, "", new LinkedHashMap<>(), problems);
		List<Problem> listed = new ArrayList<>(problems);
		if (listed.size() > MAX_ERRORS) {
			int more = listed.size() - MAX_ERRORS;
			listed = new ArrayList<>(listed.subList(0, MAX_ERRORS));
			listed.add(new Problem("", more + " more errors not listed"));
		}
		return new Result(specVersion, List.copyOf(listed));
	}

	private static Schema schema(Version version) {
		return SCHEMAS.computeIfAbsent(version, (key) -> {
			try {
				Schema schema = new JsonParser().getJsonSchema(key, SCHEMA_MAPPER);
				// The library builds schemas without preloading; preload now, so that
				// concurrent validations never build validators lazily at the same time.
				schema.initializeValidators();
				return schema;
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot load the CycloneDX " + key.getVersionString() + " schema", ex);
			}
		});
	}

	private static String shorten(String message) {
		if (message.length() <= MAX_MESSAGE) {
			return message;
		}
		return message.substring(0, MAX_MESSAGE) + "… (" + (message.length() - MAX_MESSAGE) + " more characters)";
	}

	private static void duplicateBomRefs(JsonNode node, String path, Map<String, String> seen, Set<Problem> problems) {
		if (node.isObject()) {
			JsonNode ref = node.get("bom-ref");
			if (ref != null && ref.isTextual()) {
				String first = seen.putIfAbsent(ref.textValue(), path + "/bom-ref");
				if (first != null) {
					problems.add(new Problem(path + "/bom-ref",
							"bom-ref \"" + ref.textValue() + "\" is not unique: already used at " + first));
				}
			}
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				duplicateBomRefs(member.getValue(), path + "/" + escape(member.getKey()), seen, problems);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				duplicateBomRefs(node.get(i), path + "/" + i, seen, problems);
			}
		}
	}

	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

	/** Whether the text is one SPDX licence id known to the CycloneDX schemas. */
	public static boolean isSpdxLicenseId(String text) {
		return SPDX_IDS.contains(text);
	}

	private static Set<String> spdxIds() {
		try (InputStream in = JsonParser.class.getClassLoader().getResourceAsStream("spdx.schema.json")) {
			if (in == null) {
				throw new IllegalStateException("spdx.schema.json is missing from cyclonedx-core-java");
			}
			Set<String> ids = new HashSet<>();
			SCHEMA_MAPPER.readTree(in).path("enum").forEach((id) -> ids.add(id.asText()));
			return Set.copyOf(ids);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read spdx.schema.json from cyclonedx-core-java", ex);
		}
	}

	/**
	 * What a valid BOM describes.
	 *
	 * @param serialNumber its serial number, or {@code null}
	 * @param version its version
	 * @param subjectName the name of {@code metadata.component}, or {@code null}
	 * @param subjectVersion the version of {@code metadata.component}, or {@code null}
	 * @param components components at any depth of {@code components}
	 * @param modelComponents those of type {@code machine-learning-model}
	 * @param dataComponents those of type {@code data}
	 */
	public record Summary(String serialNumber, int version, String subjectName, String subjectVersion, int components,
			int modelComponents, int dataComponents) {
	}

	/**
	 * Summarizes a BOM that validated. Read from the JSON tree, not with the library's
	 * object model: cyclonedx-core-java 12.2.0 cannot read valid BOMs whose JSF signature
	 * embeds an Ed25519 key (its JWK curve enumeration knows only P-256, P-384 and
	 * P-521).
	 * @throws IllegalArgumentException when the document is not JSON
	 */
	public static Summary summarize(byte[] json) {
		JsonNode bom;
		try {
			bom = STRICT.readTree(json);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getMessage(), ex);
		}
		int[] counts = new int[3];
		count(bom.path("components"), counts);
		JsonNode subject = bom.path("metadata").path("component");
		return new Summary(text(bom.path("serialNumber")), bom.path("version").asInt(1), text(subject.path("name")),
				text(subject.path("version")), counts[0], counts[1], counts[2]);
	}

	private static void count(JsonNode components, int[] counts) {
		for (JsonNode component : components) {
			counts[0]++;
			String type = component.path("type").asText();
			if ("machine-learning-model".equals(type)) {
				counts[1]++;
			}
			else if ("data".equals(type)) {
				counts[2]++;
			}
			count(component.path("components"), counts);
		}
	}

	private static String text(JsonNode node) {
		return node.isTextual() ? node.textValue() : null;
	}

}
