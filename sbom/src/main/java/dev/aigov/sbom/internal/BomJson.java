package dev.aigov.sbom.internal;

import java.math.BigDecimal;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds and writes BOMs as JSON trees. The text is written once, with a fixed layout
 * (two spaces, {@code \n}, members in insertion order, decimals never in exponent form),
 * so that the same tree always gives the same bytes on every platform.
 */
public final class BomJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.defaultPrettyPrinter(prettyPrinter())
		.build();

	private static final ObjectWriter WRITER = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

	private BomJson() {
	}

	private static DefaultPrettyPrinter prettyPrinter() {
		DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
		Separators separators = Separators.createDefaultInstance()
			.withObjectNameValueSpacing(Separators.Spacing.AFTER)
			.withObjectEmptySeparator("")
			.withArrayEmptySeparator("");
		return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
	}

	public static ObjectNode object() {
		return JsonNodeFactory.instance.objectNode();
	}

	public static ArrayNode array() {
		return JsonNodeFactory.instance.arrayNode();
	}

	/** The tree as indented JSON text. */
	public static String write(JsonNode tree) {
		return WRITER.writeValueAsString(tree);
	}

	/**
	 * Parses JSON text into a tree.
	 * @throws tools.jackson.core.JacksonException when the text is not JSON
	 */
	public static JsonNode read(String json) {
		return MAPPER.readTree(json);
	}

	/** Sets a string member unless the value is {@code null} or blank. */
	public static void putText(ObjectNode node, String name, String value) {
		if (value != null && !value.isBlank()) {
			node.put(name, value);
		}
	}

	/** Sets a number member unless the value is {@code null}. */
	public static void putNumber(ObjectNode node, String name, BigDecimal value) {
		if (value != null) {
			node.put(name, value);
		}
	}

	/** Sets a member unless it is {@code null} or an empty container. */
	public static void putTree(ObjectNode node, String name, JsonNode value) {
		if (value != null && !(value.isContainer() && value.isEmpty())) {
			node.set(name, value);
		}
	}

}
