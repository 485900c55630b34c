package dev.aigov.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of a chat answer's choice reaches the caller: only text the guard checks, and
 * fields that carry no text. The checked texts are a message's {@code content} (a string
 * or text parts), {@link #TEXTS} and the arguments of tool and function calls. Token
 * log-probabilities are removed (each token is a piece of the answer that no detector can
 * judge alone; requests for them are refused), and so is every other field that holds a
 * string (annotations, audio, fields a server invented), because nothing would check it.
 * Numbers, booleans and nulls pass as they are.
 */
final class AnswerFields {

	/** Model-written text fields of a message or delta, besides content and calls. */
	static final List<String> TEXTS = List.of("refusal", "reasoning_content", "reasoning");

	private static final Set<String> CHOICE = Set.of("index", "finish_reason", "stop_reason", "logprobs",
			"content_filter_results", "message", "delta");

	private static final Set<String> MESSAGE = Set.of("role", "content", "refusal", "reasoning_content", "reasoning",
			"tool_calls", "function_call");

	private static final Set<String> PART = Set.of("type", "text");

	private static final Set<String> TOOL_CALL = Set.of("index", "id", "type", "function");

	private static final Set<String> FUNCTION = Set.of("name", "arguments");

	private AnswerFields() {
	}

	/**
	 * Removes from one choice what would reach the caller unchecked.
	 * @param choice an element of {@code choices}
	 * @param message {@code "message"} in a whole answer, {@code "delta"} in a stream
	 */
	static void prune(ObjectNode choice, String message) {
		if (choice.get("logprobs") != null && !choice.get("logprobs").isNull()) {
			choice.putNull("logprobs");
		}
		dropUnchecked(choice, CHOICE);
		if (!(choice.get(message) instanceof ObjectNode body)) {
			return;
		}
		dropUnchecked(body, MESSAGE);
		for (String field : TEXTS) {
			if (carriesText(body.get(field)) && !body.get(field).isString()) {
				body.remove(field);
			}
		}
		if (body.get("content") instanceof ArrayNode parts) {
			for (JsonNode part : parts) {
				if (part instanceof ObjectNode object) {
					dropUnchecked(object, PART);
				}
			}
		}
		if (body.get("tool_calls") instanceof ArrayNode calls) {
			for (JsonNode call : calls) {
				if (call instanceof ObjectNode object) {
					dropUnchecked(object, TOOL_CALL);
					if (object.get("function") instanceof ObjectNode function) {
						dropUnchecked(function, FUNCTION);
					}
				}
			}
		}
		if (body.get("function_call") instanceof ObjectNode function) {
			dropUnchecked(function, FUNCTION);
		}
	}

	private static void dropUnchecked(ObjectNode node, Set<String> kept) {
		List<String> dropped = new ArrayList<>();
		for (String name : node.propertyNames()) {
			if (!kept.contains(name) && carriesText(node.get(name))) {
				dropped.add(name);
			}
		}
		node.remove(dropped);
	}

	private static boolean carriesText(JsonNode node) {
		if (node == null) {
			return false;
		}
		if (node.isString()) {
			return true;
		}
		for (JsonNode child : node) {
			if (carriesText(child)) {
				return true;
			}
		}
		return false;
	}

}
