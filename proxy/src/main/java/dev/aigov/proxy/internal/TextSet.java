package dev.aigov.proxy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.aigov.detect.Hit;
import dev.aigov.detect.Redaction;
import dev.aigov.detect.TextScanner;
import dev.aigov.policy.DataClass;
import dev.aigov.policy.RuntimeCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The texts of one request or answer that the detectors must see (message contents, text
 * parts, tool-call arguments, custom tool-call inputs, embedding inputs; in a request
 * also message names, the predicted output and the texts of tool declarations), each with
 * the place in the JSON tree it came from, so that redacted text can be written back. The
 * texts are scanned one by one and then seen as one text joined by NUL characters, so
 * that one {@link Redaction} gives the same value the same placeholder across all
 * messages; no hit can span two texts.
 */
final class TextSet {

	static final char SEPARATOR = '\u0000';

	/** Annotations of a JSON schema, prose the model reads. */
	private static final Set<String> SCHEMA_TEXTS = Set.of("description", "title", "$comment");

	/** Keywords of a JSON schema whose values are instances: data, not schema. */
	private static final Set<String> SCHEMA_VALUES = Set.of("enum", "const", "default", "examples");

	private final List<Slot> slots = new ArrayList<>();

	private String joined;

	/** Parts of the content that are not text (images, audio, files). */
	private int unscannedParts;

	private List<Hit> hits;

	/**
	 * The texts of a chat completion request that leave with it: its messages (with each
	 * message's {@code name}), the predicted output ({@code prediction.content}, a string
	 * or text parts: often a whole document to be edited) and what the tools it declares
	 * (or the legacy {@code functions}) say in prose or values: the tool's own
	 * description, and the annotations and example, default and allowed values of its
	 * parameters' schema, which the model reads as part of its prompt; the same of the
	 * schema a structured output must follow ({@code response_format.json_schema}); and
	 * the values of {@code metadata}, which the upstream keeps with a stored call
	 * ({@code store: true}) and shows in its dashboards.
	 */
	static TextSet ofChatRequest(ObjectNode request) {
		TextSet texts = new TextSet();
		for (JsonNode message : request.path("messages")) {
			if (message instanceof ObjectNode object) {
				texts.addMessage(object);
				texts.addField(object, "name");
			}
		}
		if (request.get("prediction") instanceof ObjectNode prediction) {
			texts.addContent(prediction);
		}
		for (JsonNode tool : request.path("tools")) {
			texts.addFunction(tool.get("function"));
			texts.addField(tool.get("custom"), "description");
		}
		for (JsonNode function : request.path("functions")) {
			texts.addFunction(function);
		}
		if (request.get("metadata") instanceof ObjectNode metadata) {
			for (Map.Entry<String, JsonNode> tag : metadata.properties()) {
				texts.addField(metadata, tag.getKey());
			}
		}
		JsonNode outputSchema = request.path("response_format").path("json_schema");
		texts.addField(outputSchema, "description");
		texts.addSchemaTexts(outputSchema.get("schema"));
		return texts;
	}

	/**
	 * The texts of a chat completion answer (non-streamed), after removing what no
	 * detector would check ({@link AnswerFields}).
	 * @return {@code null} when the answer has no {@code choices} array
	 */
	static TextSet ofChatAnswer(ObjectNode answer) {
		ArrayNode choices = AnswerFields.prune(answer, "message");
		if (choices == null) {
			return null;
		}
		TextSet texts = new TextSet();
		for (JsonNode choice : choices) {
			if (choice.get("message") instanceof ObjectNode message) {
				texts.addMessage(message);
			}
		}
		return texts;
	}

	/** The inputs of an embeddings request (token arrays carry no text to scan). */
	static TextSet ofEmbeddingInput(ObjectNode request) {
		TextSet texts = new TextSet();
		JsonNode input = request.get("input");
		if (input != null && input.isString()) {
			texts.add(request, "input", -1, input.stringValue());
		}
		else if (input instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				if (array.get(i).isString()) {
					texts.add(array, null, i, array.get(i).stringValue());
				}
			}
		}
		return texts;
	}

	/**
	 * A message's content, its other model-written texts ({@link AnswerFields#TEXTS}),
	 * the arguments of its tool and function calls and the input of its custom tool
	 * calls.
	 */
	private void addMessage(ObjectNode message) {
		addContent(message);
		for (String field : AnswerFields.TEXTS) {
			addField(message, field);
		}
		addToolCalls(message.get("tool_calls"));
		addField(message.get("function_call"), "arguments");
	}

	/** A declared function's description and the texts of its parameters' schema. */
	private void addFunction(JsonNode function) {
		addField(function, "description");
		if (function != null) {
			addSchemaTexts(function.get("parameters"));
		}
	}

	/**
	 * The texts of a tool's JSON schema, however deep (the parser's nesting limit bounds
	 * the depth): its annotations ({@link #SCHEMA_TEXTS}) and every string inside its
	 * values ({@link #SCHEMA_VALUES}: an {@code enum} of account numbers or a
	 * {@code default} address is data, and leaves with the schema). Property names,
	 * types, formats and patterns are identifiers and constraints, and are not scanned.
	 */
	private void addSchemaTexts(JsonNode schema) {
		if (schema instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				String keyword = property.getKey();
				JsonNode value = property.getValue();
				if (SCHEMA_TEXTS.contains(keyword) && value.isString()) {
					add(object, keyword, -1, value.stringValue());
				}
				else if (SCHEMA_VALUES.contains(keyword)) {
					addStrings(object, keyword, -1, value);
				}
				else {
					addSchemaTexts(value);
				}
			}
		}
		else if (schema instanceof ArrayNode array) {
			for (JsonNode item : array) {
				addSchemaTexts(item);
			}
		}
	}

	/** Every string in a JSON value, however deep (object keys are not values). */
	private void addStrings(JsonNode parent, String field, int index, JsonNode value) {
		if (value.isString()) {
			add(parent, field, index, value.stringValue());
		}
		else if (value instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				addStrings(object, property.getKey(), -1, property.getValue());
			}
		}
		else if (value instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				addStrings(array, null, i, array.get(i));
			}
		}
	}

	private void addContent(ObjectNode message) {
		JsonNode content = message.get("content");
		if (content instanceof ArrayNode parts) {
			for (JsonNode part : parts) {
				String type = part.path("type").asString("text");
				if (type.equals("text") || type.equals("refusal")) {
					addField(part, type);
				}
				else {
					this.unscannedParts++;
				}
			}
		}
		else {
			addField(message, "content");
		}
	}

	private void addToolCalls(JsonNode toolCalls) {
		if (toolCalls instanceof ArrayNode calls) {
			for (JsonNode call : calls) {
				addField(call.get("function"), "arguments");
				addField(call.get("custom"), "input");
			}
		}
	}

	/** Adds a field of an object when it holds a string. */
	private void addField(JsonNode node, String field) {
		if (node instanceof ObjectNode object && object.get(field) != null && object.get(field).isString()) {
			add(object, field, -1, object.get(field).stringValue());
		}
	}

	private void add(JsonNode parent, String field, int index, String text) {
		// NUL joins the texts; one inside a text would shift every later text.
		this.slots.add(new Slot(parent, field, index, text.replace(SEPARATOR, '\uFFFD')));
	}

	/**
	 * Content parts no detector can read: images, audio and files, and parts of types the
	 * proxy does not know.
	 */
	int unscannedParts() {
		return this.unscannedParts;
	}

	boolean isEmpty() {
		return this.slots.isEmpty();
	}

	/** Total characters, for token estimates. */
	int length() {
		return joined().length();
	}

	/** Scans every text; hits are in the joined text's offsets. */
	List<Hit> scan(TextScanner scanner) {
		List<Hit> all = new ArrayList<>();
		int offset = 0;
		for (Slot slot : this.slots) {
			for (Hit hit : scanner.scan(slot.text())) {
				all.add((offset == 0) ? hit : new Hit(hit.type(), hit.category(), hit.start() + offset,
						hit.end() + offset, hit.confidence()));
			}
			offset += slot.text().length() + 1;
		}
		this.hits = List.copyOf(all);
		return this.hits;
	}

	List<Hit> hits() {
		return this.hits;
	}

	String joined() {
		if (this.joined == null) {
			StringBuilder builder = new StringBuilder();
			for (Slot slot : this.slots) {
				if (!builder.isEmpty()) {
					builder.append(SEPARATOR);
				}
				builder.append(slot.text());
			}
			this.joined = builder.toString();
		}
		return this.joined;
	}

	/** The texts with the hits of the given types replaced, as one redaction. */
	Redaction redaction(Collection<String> types) {
		return Redaction.of(joined(), this.hits, types);
	}

	/**
	 * Writes a redacted (or restored) joined text back into the JSON tree.
	 * @throws IllegalStateException if the text does not split into as many texts as were
	 * read (a placeholder never contains NUL, so this means a bug: fail closed)
	 */
	void write(String joinedText) {
		String[] parts = joinedText.split(String.valueOf(SEPARATOR), -1);
		if (parts.length != this.slots.size()) {
			throw new IllegalStateException(
					"Redacted text splits into " + parts.length + " parts, expected " + this.slots.size());
		}
		for (int i = 0; i < parts.length; i++) {
			Slot slot = this.slots.get(i);
			if (slot.parent() instanceof ObjectNode object) {
				object.put(slot.field(), parts[i]);
			}
			else {
				((ArrayNode) slot.parent()).set(slot.index(), parts[i]);
			}
		}
	}

	/** Hits counted by type, with the data class each type belongs to. */
	static List<RuntimeCall.Detection> detections(List<Hit> hits) {
		Map<String, int[]> counts = new TreeMap<>();
		Map<String, DataClass> classes = new TreeMap<>();
		for (Hit hit : hits) {
			counts.computeIfAbsent(hit.type(), (t) -> new int[1])[0]++;
			classes.put(hit.type(), dataClass(hit.category()));
		}
		List<RuntimeCall.Detection> detections = new ArrayList<>(counts.size());
		counts.forEach((type, count) -> detections.add(new RuntimeCall.Detection(type, classes.get(type), count[0])));
		return detections;
	}

	/** Secrets are restricted; personal data and marked documents are confidential. */
	static DataClass dataClass(Hit.Category category) {
		return switch (category) {
			case SECRET -> DataClass.RESTRICTED;
			case PII, CONFIDENTIAL -> DataClass.CONFIDENTIAL;
		};
	}

	private record Slot(JsonNode parent, String field, int index, String text) {
	}

}
