package dev.aigov.web.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small OpenAI-compatible server on loopback, standing in for an upstream. It answers
 * from the last user message: an echo ({@code You said: ...}) by default, a tool call
 * when tools are offered (choosing the first value of a parameter's {@code enum}), and on
 * cue a leaked secret ({@code leak}), a hang ({@code hang}), garbage ({@code garbage}), a
 * refusal of the request ({@code refuse}) or Azure OpenAI's content-filter refusal
 * ({@code filtered}). Streams split the answer into small chunks. Every request it
 * receives is kept, so tests can see what left the proxy.
 */
final class FakeOpenAi implements AutoCloseable {

	static final String LEAKED_SECRET = "AKIAIOSFODNN7EXAMPLE";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	final List<Received> received = new CopyOnWriteArrayList<>();

	/** Streams whose reader went away before the end (the proxy cancelled them). */
	final java.util.concurrent.atomic.AtomicInteger abandonedStreams = new java.util.concurrent.atomic.AtomicInteger();

	/** "linger" calls now being answered slowly. */
	final java.util.concurrent.atomic.AtomicInteger lingering = new java.util.concurrent.atomic.AtomicInteger();

	/** "linger" calls whose connection the proxy closed before the answer was whole. */
	final java.util.concurrent.atomic.AtomicInteger abandonedAnswers = new java.util.concurrent.atomic.AtomicInteger();

	/** Calls whose prompt says "gather" wait here until this many have arrived. */
	private volatile java.util.concurrent.CountDownLatch gathering = new java.util.concurrent.CountDownLatch(0);

	/** "gather" calls that saw every other one arrive while they were held. */
	final java.util.concurrent.atomic.AtomicInteger gatheredTogether = new java.util.concurrent.atomic.AtomicInteger();

	FakeOpenAi() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl(String prefix) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + prefix;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * Holds each of the next {@code calls} "gather" calls until all of them are held at
	 * once, or 1.5 s have passed: how many calls a proxy keeps in flight.
	 */
	void gather(int calls) {
		this.gatheredTogether.set(0);
		this.gathering = new java.util.concurrent.CountDownLatch(calls);
	}

	Received last() {
		return this.received.isEmpty() ? null : this.received.get(this.received.size() - 1);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] bytes = exchange.getRequestBody().readAllBytes();
			ObjectNode body = (ObjectNode) json.readTree(bytes);
			this.received.add(new Received(path, exchange.getRequestURI().getRawQuery(), body,
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("api-key")));
			if (path.endsWith("/embeddings")) {
				embeddings(exchange, body);
				return;
			}
			String prompt = lastUserText(body);
			if (prompt.contains("gather")) {
				java.util.concurrent.CountDownLatch latch = this.gathering;
				latch.countDown();
				try {
					if (latch.await(1500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
						this.gatheredTogether.incrementAndGet();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (prompt.contains("linger")) {
				linger(exchange, body, prompt);
				return;
			}
			if (prompt.contains("hang")) {
				sleep(10_000);
			}
			if (prompt.contains("cutoff")) {
				// A stream that breaks off after its first words, without [DONE].
				exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
				exchange.sendResponseHeaders(200, 0);
				chunk(exchange.getResponseBody(), body.path("model").asString(),
						(delta) -> delta.put("role", "assistant").put("content", "Partial answer"), null);
				return;
			}
			if (prompt.contains("think")) {
				think(exchange, body);
				return;
			}
			if (prompt.contains("filtered")) {
				// Azure OpenAI's answer when its content filter stops a prompt.
				send(exchange, 400, "application/json",
						("{\"error\":{\"message\":\"The response was filtered due to "
								+ "the prompt triggering Azure OpenAI's content management policy.\",\"type\":null,"
								+ "\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":"
								+ "{\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"violence\":"
								+ "{\"filtered\":true,\"severity\":\"medium\"}}}}}")
							.getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (prompt.contains("refuse")) {
				send(exchange, 400, "application/json",
						"{\"error\":{\"message\":\"Unrecognized request argument supplied: frobnicate\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"
							.getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (prompt.contains("garbage")) {
				send(exchange, 200, "text/html", "<html>upstream error page</html>".getBytes(StandardCharsets.UTF_8));
				return;
			}
			String answer = prompt.contains("leak") ? "Here it is: " + LEAKED_SECRET + " and that is all."
					: "You said: " + prompt;
			boolean tools = body.has("tools");
			if (body.path("stream").asBoolean(false)) {
				try {
					stream(exchange, body, prompt.contains("slow") ? "word ".repeat(200) : answer, tools,
							prompt.contains("leak") ? 1 : 3, prompt.contains("slow") ? 50 : 0);
				}
				catch (IOException ex) {
					this.abandonedStreams.incrementAndGet();
				}
			}
			else {
				send(exchange, 200, "application/json", json.writeValueAsBytes(completion(body, answer, tools)));
			}
		}
		catch (RuntimeException ex) {
			send(exchange, 500, "application/json", "{\"error\":{\"message\":\"fake failed\"}}".getBytes());
		}
	}

	private static ObjectNode completion(ObjectNode request, String answer, boolean tools) {
		ObjectNode root = json.createObjectNode()
			.put("id", "chatcmpl-fake")
			.put("object", "chat.completion")
			.put("created", 1_700_000_000)
			.put("model", request.path("model").asString());
		ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		if (declaresCustomTool(request)) {
			// A custom tool's input is free text: here a shell command that carries the
			// answer.
			message.putNull("content");
			message.putArray("tool_calls")
				.addObject()
				.put("id", "call_1")
				.put("type", "custom")
				.putObject("custom")
				.put("name", "shell")
				.put("input", "notify --text '" + answer + "'")
				.put("x_trace", LEAKED_SECRET);
			choice.put("finish_reason", "tool_calls");
		}
		else if (tools) {
			message.putNull("content");
			ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
			call.putObject("function").put("name", "lookup_order").put("arguments", arguments(request));
			choice.put("finish_reason", "tool_calls");
		}
		else {
			message.put("content", answer);
			choice.put("finish_reason", "stop");
		}
		root.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 7).put("total_tokens", 18);
		return root;
	}

	/**
	 * A tool call's arguments: the first value a parameter of the first tool allows, as a
	 * model picks from an {@code enum}, or an order number.
	 */
	private static String arguments(ObjectNode request) {
		for (var parameter : request.at("/tools/0/function/parameters/properties").properties()) {
			JsonNode allowed = parameter.getValue().path("enum").path(0);
			if (allowed.isString()) {
				return json.createObjectNode().put(parameter.getKey(), allowed.stringValue()).toString();
			}
		}
		return "{\"order\":\"A-1001\"}";
	}

	private static void stream(HttpExchange exchange, ObjectNode request, String answer, boolean tools, int size,
			long pauseMillis) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String model = request.path("model").asString();
		chunk(out, model, (delta) -> delta.put("role", "assistant").put("content", ""), null);
		if (declaresCustomTool(request)) {
			// A custom tool call whose input carries the answer, in pieces of the
			// answer's size.
			chunk(out, model,
					(delta) -> delta.putArray("tool_calls")
						.addObject()
						.put("index", 0)
						.put("id", "call_1")
						.put("type", "custom")
						.putObject("custom")
						.put("name", "shell")
						.put("input", ""),
					null);
			if (answer.contains("mixed")) {
				// A server that goes on with the same call as a function.
				chunk(out, model,
						(delta) -> delta.putArray("tool_calls")
							.addObject()
							.put("index", 0)
							.putObject("function")
							.put("arguments", "{}"),
						null);
			}
			toolCallPieces(out, model, "custom", "input", "notify --text '" + answer + "'", size);
		}
		else if (tools) {
			chunk(out, model, (delta) -> {
				ObjectNode call = delta.putArray("tool_calls")
					.addObject()
					.put("index", 0)
					.put("id", "call_1")
					.put("type", "function");
				call.putObject("function").put("name", "lookup_order").put("arguments", "");
			}, null);
			// On cue the arguments leak a secret, split into chunks of the answer's size.
			String arguments = answer.contains(LEAKED_SECRET) ? "{\"key\":\"" + LEAKED_SECRET + "\"}"
					: "{\"order\":\"A-1001\"}";
			toolCallPieces(out, model, "function", "arguments", arguments, size);
		}
		else {
			for (int i = 0; i < answer.length(); i += size) {
				String part = answer.substring(i, Math.min(answer.length(), i + size));
				chunk(out, model, (delta) -> delta.put("content", part), null);
				if (pauseMillis > 0) {
					sleep(pauseMillis);
				}
			}
			chunk(out, model, (delta) -> {
			}, "stop");
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/**
	 * Streams the text of tool call 0 ({@code function.arguments} or
	 * {@code custom.input}) in pieces of {@code size} characters, then ends the choice
	 * with {@code tool_calls}.
	 */
	private static void toolCallPieces(OutputStream out, String model, String kind, String field, String text, int size)
			throws IOException {
		for (int i = 0; i < text.length(); i += size) {
			String part = text.substring(i, Math.min(text.length(), i + size));
			chunk(out, model, (
					delta) -> delta.putArray("tool_calls").addObject().put("index", 0).putObject(kind).put(field, part),
					null);
		}
		chunk(out, model, (delta) -> {
		}, "tool_calls");
	}

	private static boolean declaresCustomTool(ObjectNode request) {
		return request.path("tools").valueStream().anyMatch((tool) -> tool.path("type").asString("").equals("custom"));
	}

	/**
	 * An answer whose secret is outside {@code content}: in the model's reasoning
	 * ({@code reasoning_content}, as vLLM and llama.cpp send it), in token
	 * log-probabilities, in annotations and in a field no API defines. Streamed one
	 * character per chunk when asked.
	 */
	private static void think(HttpExchange exchange, ObjectNode request) throws IOException {
		String reasoning = "The key is " + LEAKED_SECRET + ", so";
		if (!request.path("stream").asBoolean(false)) {
			ObjectNode root = completion(request, "Done.", false);
			ObjectNode choice = (ObjectNode) root.get("choices").get(0);
			ObjectNode message = (ObjectNode) choice.get("message");
			message.put("reasoning_content", reasoning).put("x_trace", LEAKED_SECRET);
			message.putObject("function_call").put("name", "lookup").putObject("arguments").put("key", LEAKED_SECRET);
			root.put("__verbose", LEAKED_SECRET);
			choice.putArray("token_ids").add(1).add(2);
			message.putArray("annotations")
				.addObject()
				.put("type", "url_citation")
				.putObject("url_citation")
				.put("url", "https://example.com/" + LEAKED_SECRET);
			choice.putObject("logprobs").putArray("content").addObject().put("token", LEAKED_SECRET);
			send(exchange, 200, "application/json", json.writeValueAsBytes(root));
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String model = request.path("model").asString();
		chunk(out, model, (delta) -> delta.put("role", "assistant").put("content", ""), null);
		for (int i = 0; i < reasoning.length(); i++) {
			String part = reasoning.substring(i, i + 1);
			chunk(out, model, (delta) -> delta.put("reasoning_content", part).put("x_trace", part), null);
		}
		chunk(out, model, (delta) -> delta.put("content", "Done."), null);
		// A whole message where a stream has deltas: no guard reads it.
		out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{},\"message\":{\"content\":\"" + LEAKED_SECRET
				+ "\"}}]}\n\n")
			.getBytes(StandardCharsets.UTF_8));
		chunk(out, model, (delta) -> {
		}, "stop");
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void chunk(OutputStream out, String model, java.util.function.Consumer<ObjectNode> delta,
			String finish) throws IOException {
		ObjectNode chunk = json.createObjectNode()
			.put("id", "chatcmpl-fake")
			.put("object", "chat.completion.chunk")
			.put("created", 1_700_000_000)
			.put("model", model);
		ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
		delta.accept(choice.putObject("delta"));
		if (finish != null) {
			choice.put("finish_reason", finish);
		}
		else {
			choice.putNull("finish_reason");
		}
		out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void embeddings(HttpExchange exchange, ObjectNode body) throws IOException {
		JsonNode input = body.get("input");
		int count = input.isArray() ? input.size() : 1;
		boolean base64 = "base64".equals(body.path("encoding_format").asString(""));
		ObjectNode root = json.createObjectNode().put("object", "list").put("model", body.path("model").asString());
		ArrayNode data = root.putArray("data");
		float[] vector = { 0.25f, -0.5f, 0.75f };
		for (int i = 0; i < count; i++) {
			ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
			if (base64) {
				ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
				for (float f : vector) {
					buffer.putFloat(f);
				}
				item.put("embedding", Base64.getEncoder().encodeToString(buffer.array()));
			}
			else {
				ArrayNode values = item.putArray("embedding");
				for (float f : vector) {
					values.add(f);
				}
			}
		}
		root.putObject("usage").put("prompt_tokens", 4).put("total_tokens", 4);
		send(exchange, 200, "application/json", json.writeValueAsBytes(root));
	}

	private static String lastUserText(ObjectNode body) {
		String text = "";
		for (JsonNode message : body.path("messages")) {
			if ("user".equals(message.path("role").asString(""))) {
				JsonNode content = message.get("content");
				text = content.isString() ? content.asString() : content.path(0).path("text").asString("");
			}
		}
		return text;
	}

	/**
	 * An answer that takes 10 s to begin, as from a model that thinks first: every 50 ms
	 * a space (JSON allows leading white space) or, streamed, an SSE comment (of which
	 * the proxy passes nothing to its caller). Each also tells when the proxy closed the
	 * connection.
	 */
	private void linger(HttpExchange exchange, ObjectNode body, String prompt) throws IOException {
		this.lingering.incrementAndGet();
		boolean streamed = body.path("stream").asBoolean(false);
		try {
			exchange.getResponseHeaders().set("Content-Type", streamed ? "text/event-stream" : "application/json");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			byte[] filler = (streamed ? ": thinking\n\n" : " ").getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < 200; i++) {
				out.write(filler);
				out.flush();
				sleep(50);
			}
			String answer = "You said: " + prompt;
			if (streamed) {
				String model = body.path("model").asString();
				chunk(out, model, (delta) -> delta.put("role", "assistant").put("content", answer), null);
				chunk(out, model, (delta) -> {
				}, "stop");
				out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
			}
			else {
				out.write(json.writeValueAsBytes(completion(body, answer, false)));
			}
		}
		catch (IOException ex) {
			this.abandonedAnswers.incrementAndGet();
		}
		finally {
			this.lingering.decrementAndGet();
		}
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A request as it arrived: its path and query, body, and the credential in either
	 * header (OpenAI's {@code Authorization}, Azure's {@code api-key}).
	 */
	record Received(String path, String query, ObjectNode body, String authorization, String apiKey) {

		String lastUserText() {
			return FakeOpenAi.lastUserText(this.body);
		}

	}

}
