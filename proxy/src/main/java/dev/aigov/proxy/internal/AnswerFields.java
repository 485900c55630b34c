package dev.aigov.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of a chat answer reaches the caller: only text the guard checks, and fields that
 * carry no text. The checked texts are a message's {@code content} (a string or text
 * parts), {@link #TEXTS}, the arguments of tool and function calls and the input of
 * custom tool calls, each kept only in the shape the guard reads. Token log-probabilities
 * and token ids are removed (each token is a piece of the answer that no detector can
 * judge alone; requests for them are refused), and so is every other field that holds a
 * string (annotations, audio, fields a server invented, such as llama.cpp's
 * {@code __verbose}), because nothing would check it. Numbers, booleans and nulls pass as
 * they are.
 */
final class AnswerFields {

	/** Model-written text fields of a message or delta, besides content and calls. */
	static final List<String> TEXTS = List.of("refusal", "reasoning_content", "reasoning");

	private static final Set<String> ANSWER = Set.of("id", "object", "created", "model", "system_fingerprint",
			"service_tier", "choices", "usage", "prompt_filter_results");

	/** Fields of a choice that spell its tokens out, whatever their type. */
	private static final Set<String> TOKENS = Set.of("logprobs", "token_ids");

	private static final Set<String> CHOICE_OF_ANSWER = Set.of("index", "finish_reason", "stop_reason",
			"content_filter_results", "logprobs", "token_ids", "message");

	private static final Set<String> CHOICE_OF_CHUNK = Set.of("index", "finish_reason", "stop_reason",
			"content_filter_results", "logprobs", "token_ids", "delta");

	private static final Set<String> MESSAGE = Set.of("role", "content", "refusal", "reasoning_content", "reasoning",
			"tool_calls", "function_call");

	private static final Set<String> PART = Set.of("type", "text");

	private static final Set<String> TOOL_CALL = Set.of("index", "id", "type", "function", "custom");

	private static final Set<String> FUNCTION = Set.of("name", "arguments");

	private static final Set<String> CUSTOM = Set.of("name", "input");

	private AnswerFields() {
	}

	/**
	 * Removes from an answer or a streamed chunk what would reach the caller unchecked,
	 * then prunes each of its choices.
	 * @param message {@code "message"} in a whole answer, {@code "delta"} in a stream
	 * @return the choices, or {@code null} when there are none
	 */
	static ArrayNode prune(ObjectNode answer, String message) {
		answer.remove("prompt_token_ids");
		dropUnchecked(answer, ANSWER);
		if (!(answer.get("choices") instanceof ArrayNode choices)) {
			answer.remove("choices");
			return null;
		}
		for (int i = choices.size() - 1; i >= 0; i--) {
			if (choices.get(i) instanceof ObjectNode choice) {
				pruneChoice(choice, message);
			}
			else if (carriesText(choices.get(i))) {
				choices.remove(i);
			}
		}
		return choices;
	}

	private static void pruneChoice(ObjectNode choice, String message) {
		for (String tokens : TOKENS) {
			if (choice.get(tokens) != null && !choice.get(tokens).isNull()) {
				choice.putNull(tokens);
			}
		}
		if (!(choice.get(message) instanceof ObjectNode)) {
			choice.remove(message);
		}
		dropUnchecked(choice, message.equals("delta") ? CHOICE_OF_CHUNK : CHOICE_OF_ANSWER);
		if (!(choice.get(message) instanceof ObjectNode body)) {
			return;
		}
		dropUnchecked(body, MESSAGE);
		keepIfString(body, "role");
		for (String field : TEXTS) {
			keepIfString(body, field);
		}
		JsonNode content = body.get("content");
		if (content instanceof ArrayNode parts) {
			pruneParts(parts);
		}
		else {
			keepIfString(body, "content");
		}
		if (body.get("tool_calls") instanceof ArrayNode calls) {
			for (int i = calls.size() - 1; i >= 0; i--) {
				if (calls.get(i) instanceof ObjectNode call) {
					dropUnchecked(call, TOOL_CALL);
					keepIfString(call, "id");
					keepIfString(call, "type");
					pruneFunction(call, "function");
					pruneCustom(call);
				}
				else if (carriesText(calls.get(i))) {
					calls.remove(i);
				}
			}
		}
		else {
			keepIfString(body, "tool_calls");
		}
		pruneFunction(body, "function_call");
	}

	private static void pruneParts(ArrayNode parts) {
		for (int i = parts.size() - 1; i >= 0; i--) {
			if (parts.get(i) instanceof ObjectNode part) {
				dropUnchecked(part, PART);
				keepIfString(part, "type");
				keepIfString(part, "text");
			}
			else if (carriesText(parts.get(i))) {
				parts.remove(i);
			}
		}
	}

	/**
	 * A tool call's {@code function} or a message's {@code function_call}: an object
	 * whose name is a string and whose arguments are a string, as the API defines them
	 * (arguments some servers send as a JSON value become its JSON text, which is then
	 * checked like any other).
	 */
	private static void pruneFunction(ObjectNode parent, String field) {
		JsonNode node = parent.get(field);
		if (!(node instanceof ObjectNode function)) {
			if (carriesText(node)) {
				parent.remove(field);
			}
			return;
		}
		dropUnchecked(function, FUNCTION);
		keepIfString(function, "name");
		JsonNode arguments = function.get("arguments");
		if (arguments != null && arguments.isContainer()) {
			function.put("arguments", arguments.toString());
		}
	}

	/**
	 * A custom tool call's {@code custom}: an object whose name and input are strings.
	 */
	private static void pruneCustom(ObjectNode call) {
		JsonNode node = call.get("custom");
		if (!(node instanceof ObjectNode custom)) {
			if (carriesText(node)) {
				call.remove("custom");
			}
			return;
		}
		dropUnchecked(custom, CUSTOM);
		keepIfString(custom, "name");
		keepIfString(custom, "input");
	}

	/**
	 * Keeps a field that holds text only when it is a string: a field the guard reads as
	 * a string is not passed on in another shape (such as {@code {"value": ...}}).
	 */
	private static void keepIfString(ObjectNode node, String field) {
		JsonNode value = node.get(field);
		if (value != null && !value.isString() && carriesText(value)) {
			node.remove(field);
		}
	}

	private static void dropUnchecked(ObjectNode node, Set<String> kept) {
		List<String> dropped = null;
		for (String name : node.propertyNames()) {
			if (!kept.contains(name) && carriesText(node.get(name))) {
				dropped = (dropped != null) ? dropped : new ArrayList<>();
				dropped.add(name);
			}
		}
		if (dropped != null) {
			node.remove(dropped);
		}
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
