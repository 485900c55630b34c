package dev.aigov.proxy.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.aigov.audit.AuditUnavailableException;
import dev.aigov.detect.Hit;
import dev.aigov.detect.ScanFailedException;
import dev.aigov.detect.Redaction;
import dev.aigov.policy.DataClass;
import dev.aigov.policy.Finding;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.proxy.ApplicationKey;
import dev.aigov.proxy.ProxyProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * One call through the proxy, from the authenticated request to the audited answer: parse
 * and check the request, resolve the model, scan the texts, ask the runtime policy, call
 * the route's upstream, scan and decide on the answer, append the audit record, and only
 * then complete the answer. Whatever goes wrong after the key was authenticated becomes
 * an OpenAI-shaped error and exactly one audit record; when the audit record cannot be
 * made durable the call is refused with 503.
 */
@Component
class OpenAiProxy {

	static final String MODEL_VERSION_HEADER = "x-aigov-model-version";

	static final String DATA_CLASS_HEADER = "x-aigov-data-class";

	/** Tool calls per streamed choice the guard tells apart. */
	static final int MAX_TOOL_CALLS = 1024;

	/** Choices per streamed answer the guard tells apart. */
	static final int MAX_CHOICES = 1 << 20;

	/** {@link #textKey}'s field for the arguments of a (legacy) function call. */
	static final int FUNCTION_ARGUMENTS = AnswerFields.TEXTS.size() + 1;

	/** The tools a chat request may declare; the input of their calls is checked. */
	private static final Set<String> TOOL_TYPES = Set.of("function", "custom");

	private static final Logger logger = LoggerFactory.getLogger(OpenAiProxy.class);

	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final ProxyProperties properties;

	private final ProxyComponents components;

	private final ModelCatalog catalog;

	private final Upstreams upstreams;

	private final ClientWatch callers;

	private final Meter meter;

	private final EndUserPseudonyms pseudonyms;

	private final JsonMapper json;

	/**
	 * The proxy's own mapper, not the application's: bodies pass through as trees, so no
	 * module or naming setting of the REST API may touch them; floats stay exact decimals
	 * so that numbers reach the upstream and the caller as sent.
	 */
	static final JsonMapper JSON = JsonMapper.builder()
		.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	OpenAiProxy(ProxyProperties properties, ProxyComponents components, ModelCatalog catalog, Upstreams upstreams,
			ClientWatch callers, Meter meter, EndUserPseudonyms pseudonyms) {
		this.properties = properties;
		this.components = components;
		this.catalog = catalog;
		this.upstreams = upstreams;
		this.callers = callers;
		this.meter = meter;
		this.pseudonyms = pseudonyms;
		this.json = JSON;
	}

	/** {@code POST /v1/chat/completions} by an authenticated key. */
	void chat(HttpServletRequest request, HttpServletResponse response, ApplicationKey key) throws IOException {
		handle(request, response, key, "chat.completions", (call, body) -> {
			JsonNode messages = body.get("messages");
			if (!(messages instanceof ArrayNode array) || array.isEmpty()) {
				throw OpenAiException.invalid("messages", "'messages' must be a non-empty array of messages.");
			}
			JsonNode stream = body.get("stream");
			if (stream != null && !stream.isNull() && !stream.isBoolean()) {
				throw OpenAiException.invalid("stream", "'stream' must be true or false.");
			}
			call.streamed = stream != null && stream.asBoolean(false);
			if (!call.streamed && body.get("stream_options") != null && !body.get("stream_options").isNull()) {
				throw OpenAiException.invalid("stream_options",
						"'stream_options' is only allowed with 'stream': true.");
			}
			refuseUncheckable(body);
			return TextSet.ofChatRequest(body);
		});
	}

	/**
	 * Refuses what would return text the detectors cannot check: token log-probabilities
	 * and token ids (each token alone is a piece of the answer, so a redacted value would
	 * still arrive token by token), tools other than functions and custom tools (the
	 * input of their calls is not among the texts the detectors check) and audio answers.
	 */
	private static void refuseUncheckable(ObjectNode body) {
		JsonNode logprobs = body.get("logprobs");
		JsonNode top = body.get("top_logprobs");
		boolean tokens = requested(logprobs);
		boolean topTokens = top != null && !top.isNull() && !(top.isNumber() && top.intValue() == 0);
		if (tokens || topTokens) {
			throw unsupported(tokens ? "logprobs" : "top_logprobs",
					"Token log-probabilities are not available through the proxy: each token would carry a piece "
							+ "of the answer past its detectors, including values it redacts.");
		}
		for (String tokenIds : List.of("return_token_ids", "prompt_logprobs")) {
			if (requested(body.get(tokenIds))) {
				throw unsupported(tokenIds, "Token ids and log-probabilities are not available through the proxy: "
						+ "they spell the answer out past its detectors.");
			}
		}
		if (body.get("tools") instanceof ArrayNode tools && tools.valueStream()
			.anyMatch((tool) -> !TOOL_TYPES.contains(tool.path("type").asString("function")))) {
			throw unsupported("tools", "Only function and custom tools are available through the proxy: the input "
					+ "of other tool calls is text its detectors do not check.");
		}
		JsonNode modalities = body.get("modalities");
		boolean audio = modalities instanceof ArrayNode array
				&& array.valueStream().anyMatch((m) -> m.isString() && m.stringValue().equals("audio"));
		if (audio || (body.get("audio") != null && !body.get("audio").isNull())) {
			throw unsupported(audio ? "modalities" : "audio",
					"Audio answers are not available through the proxy: its detectors check text only.");
		}
	}

	/** Whether a request parameter asks for something: present, not null, not false. */
	private static boolean requested(JsonNode value) {
		return value != null && !value.isNull() && !(value.isBoolean() && !value.booleanValue());
	}

	private static OpenAiException unsupported(String param, String message) {
		return new OpenAiException(400, "invalid_request_error", "unsupported_parameter", param, message, "error");
	}

	/** {@code POST /v1/embeddings} by an authenticated key. */
	void embeddings(HttpServletRequest request, HttpServletResponse response, ApplicationKey key) throws IOException {
		handle(request, response, key, "embeddings", (call, body) -> {
			JsonNode input = body.get("input");
			if (input == null || !(input.isString() || (input instanceof ArrayNode array && !array.isEmpty()))) {
				throw OpenAiException.invalid("input", "'input' must be a string or a non-empty array.");
			}
			if (body.get("stream") != null) {
				throw OpenAiException.invalid("stream", "Embeddings cannot be streamed.");
			}
			return TextSet.ofEmbeddingInput(body);
		});
	}

	/**
	 * {@code GET /v1/models}: the served models this key may use. Audited like a call (it
	 * tells an application what it may use), and refused when it cannot be.
	 */
	void models(HttpServletRequest request, HttpServletResponse response, ApplicationKey key) throws IOException {
		String requestId = requestId(request);
		response.setHeader("x-request-id", requestId);
		if (!admitted(response, requestId)) {
			return;
		}
		ObjectNode list = this.json.createObjectNode().put("object", "list");
		ArrayNode data = list.putArray("data");
		this.catalog.all().forEach((name, served) -> {
			if (key.allows(name)) {
				modelEntry(data.addObject(), name);
			}
		});
		complete(response, new CallRecord(requestId, "models.list", key, request.getRemoteAddr()),
				new JsonOutcome(200, this.json.writeValueAsBytes(list), null));
	}

	/**
	 * {@code GET /v1/models/{model}}: one model as the list shows it, when it is served
	 * and this key may use it; otherwise 404 {@code model_not_found}, the same answer for
	 * a name that does not exist and one the key may not use. Audited like the list.
	 */
	void model(HttpServletRequest request, HttpServletResponse response, ApplicationKey key, String name)
			throws IOException {
		String requestId = requestId(request);
		response.setHeader("x-request-id", requestId);
		if (!admitted(response, requestId)) {
			return;
		}
		CallRecord call = new CallRecord(requestId, "models.retrieve", key, request.getRemoteAddr());
		call.requestedModel = name;
		ModelCatalog.Served served = this.catalog.resolve(name);
		if (served == null || !key.allows(name)) {
			OpenAiException refused = modelNotFound(name);
			call.failed(refused);
			complete(response, call, new ErrorOutcome(refused));
			return;
		}
		call.modelVersion = served.versionIri();
		complete(response, call, new JsonOutcome(200,
				this.json.writeValueAsBytes(modelEntry(this.json.createObjectNode(), name)), null));
	}

	/** A model as {@code /v1/models} lists it. */
	private static ObjectNode modelEntry(ObjectNode into, String name) {
		return into.put("id", name).put("object", "model").put("created", 0).put("owned_by", "aigov");
	}

	private static OpenAiException modelNotFound(String name) {
		return new OpenAiException(404, "invalid_request_error", "model_not_found", "model",
				"The model '" + name
						+ "' does not exist or this key may not use it; GET /v1/models lists those it may use.",
				"block");
	}

	/**
	 * Whether a call may be served at all; otherwise the error is written.
	 */
	private boolean admitted(HttpServletResponse response, String requestId) throws IOException {
		if (this.components.missing() != null) {
			writeError(response, new OpenAiException(503, "server_error", "proxy_unavailable", null,
					"The policy proxy is not configured (no " + this.components.missing() + "); no call can pass.",
					"error"), requestId);
			return false;
		}
		return true;
	}

	private void handle(HttpServletRequest request, HttpServletResponse response, ApplicationKey key, String action,
			Validator validator) throws IOException {
		String requestId = requestId(request);
		response.setHeader("x-request-id", requestId);
		if (!admitted(response, requestId)) {
			return;
		}
		CallRecord call = new CallRecord(requestId, action, key, request.getRemoteAddr());
		Outcome outcome;
		try {
			outcome = process(request, response, call, validator);
		}
		catch (OpenAiException ex) {
			call.failed(ex);
			outcome = new ErrorOutcome(ex);
		}
		catch (ClientGone ex) {
			// The caller went away while the upstream answered; the upstream call was
			// cancelled. Audited, and answered in case it only half-closed.
			call.failed(clientClosed());
			appendQuietly(call);
			answerGone(response, requestId);
			return;
		}
		catch (ScanFailedException ex) {
			OpenAiException error = scanFailed(ex);
			call.failed(error);
			outcome = new ErrorOutcome(error);
		}
		catch (RuntimeException ex) {
			// Fail closed on anything unforeseen; the message may hold input, so not
			// logged.
			logger.error("Proxy call {} failed: {}", requestId, ex.getClass().getName());
			OpenAiException error = internalError(requestId);
			call.failed(error);
			outcome = new ErrorOutcome(error);
		}
		catch (Error ex) {
			// The JVM is in trouble (a stack overflow, memory) and OpenAiEndpoint
			// answers 500; the call still gets its one record if it has none yet.
			logger.error("Proxy call {} failed: {}", requestId, ex.getClass().getName());
			if (!call.audited) {
				call.failed(internalError(requestId));
				try {
					appendQuietly(call);
				}
				catch (RuntimeException | Error second) {
					ex.addSuppressed(second);
				}
			}
			throw ex;
		}
		if (outcome != null) {
			complete(response, call, outcome);
		}
	}

	/**
	 * @return what to answer, or {@code null} when a stream was answered (and audited)
	 * already
	 */
	private Outcome process(HttpServletRequest request, HttpServletResponse response, CallRecord call,
			Validator validator) throws IOException {
		// Known before the body is read: a call refused for its body still records it.
		DataClass declared = declaredDataClass(request);
		call.declaredDataClass = (declared != null) ? declared.name() : null;
		ObjectNode body = parse(request);
		JsonNode model = body.get("model");
		if (model == null || !model.isString() || model.stringValue().isBlank()) {
			throw OpenAiException.invalid("model", "'model' must name a model, e.g. one listed by GET /v1/models.");
		}
		call.requestedModel = model.stringValue();
		call.user = user(request, body);
		call.endUserPseudonyms = this.pseudonyms.apply(call.key.application(), body);
		TextSet texts = validator.validate(call, body);
		// Known before the model is: a refused call's record says what it carried too.
		call.unscannedParts = texts.unscannedParts();
		ApplicationKey key = call.key;
		ModelCatalog.Served served = this.catalog.resolve(call.requestedModel);
		if (served == null || !key.allows(call.requestedModel)) {
			throw modelNotFound(call.requestedModel);
		}
		long maxTokens = maxTokens(body);
		// Only a call that passed every check of its input counts against the rate.
		if (!this.meter.admitRequest(key)) {
			throw new OpenAiException(429, "rate_limit_error", "rate_limit_exceeded", null,
					"This key may make " + key.requestsPerMinute() + " requests per minute. Wait and retry.", "block");
		}
		call.modelVersion = served.versionIri();
		call.energyWh = served.energyWh();
		call.route = served.route();
		call.upstream = route(served.route()).upstream();
		long started = System.nanoTime();
		List<Hit> hits = call.scan("request", texts.joined(), () -> texts.scan(this.components.scanner()));
		long promptTokens = (texts.length() + 3) / 4;
		long tokensRequested = promptTokens + maxTokens;
		long used = this.meter.used(key);
		if (key.tokenBudget() > 0 && used + promptTokens > key.tokenBudget()) {
			call.policyNanos += System.nanoTime() - started;
			throw new OpenAiException(429, "insufficient_quota", "insufficient_quota", null,
					"This key's token budget for the current " + key.budgetPeriod().name().toLowerCase(Locale.ROOT)
							+ " is used up (" + used + " of " + key.tokenBudget() + " tokens). Ask the administrator.",
					"block");
		}
		RuntimeCall facts = new RuntimeCall(call.requestId, RuntimeCall.Direction.REQUEST, key.application(), key.id(),
				key.allowedModels(), key.allowedDataClasses(), call.requestedModel, served.versionIri(), served.state(),
				served.routes(), served.route(), upstreamOf(served.route()), served.onPremRoute(), declared,
				TextSet.detections(hits), tokensRequested, used, key.tokenBudget(), texts.unscannedParts());
		RuntimeDecision decision = this.components.policy().evaluate(facts);
		call.policyNanos += System.nanoTime() - started;
		call.decided(decision);
		Redaction redaction = null;
		switch (decision.action()) {
			case ALLOW -> call.decision = "allow";
			case BLOCK -> throw blocked(decision, "request");
			case ERROR -> throw policyError(decision);
			case REDACT -> {
				call.decision = "redact";
				redaction = texts.redaction(decision.redactTypes());
				texts.write(redaction.text());
			}
			case REROUTE -> {
				String target = decision.rerouteTo();
				if (target == null || !this.properties.routes().containsKey(target)
						|| !served.routes().contains(target)) {
					throw policyError(new RuntimeDecision(RuntimeDecision.Action.ERROR, null, Set.of(), List.of(),
							decision.packVersion(), "the policy rerouted to '" + target
									+ "', which is not a configured route serving this model version"));
				}
				call.decision = "reroute";
				call.route = target;
				call.upstream = route(target).upstream();
			}
		}
		ProxyProperties.Route route = route(call.route);
		body.put("model", (route.upstreamModel() != null) ? route.upstreamModel() : call.requestedModel);
		byte[] upstreamBody = this.json.writeValueAsBytes(body);
		UnaryOperator<String> restore = (redaction != null && redaction.changed()
				&& this.properties.restorePlaceholders()) ? redaction::restore : null;
		Answerer answerer = new Answerer(request, call, facts, served, restore);
		if (call.action.equals("embeddings")) {
			return answerer.embeddings(upstreamBody);
		}
		if (call.streamed) {
			answerer.stream(upstreamBody, response);
			return null;
		}
		return answerer.chat(upstreamBody);
	}

	/** Calls the upstream and decides on its answer, for one call. */
	private final class Answerer {

		private final CallRecord call;

		private final RuntimeCall request;

		private final ModelCatalog.Served served;

		private final UnaryOperator<String> restore;

		/**
		 * The caller's request, whose connection is watched while the upstream answers.
		 */
		private final HttpServletRequest caller;

		/** Cancels the upstream call; a caller that goes away triggers it. */
		private final UpstreamClient.Cancellation cancellation = new UpstreamClient.Cancellation();

		private final Map<Set<String>, Set<String>> decided = new HashMap<>();

		/** Per streamed choice, the guard's keys of the texts it holds. */
		private final Map<Integer, Set<Integer>> held = new HashMap<>();

		/**
		 * Per guard key of a streamed tool call, whether it is a custom tool (its text is
		 * {@code custom.input}) or a function ({@code function.arguments}). A call's
		 * first piece decides.
		 */
		private final Map<Integer, Boolean> customCalls = new HashMap<>();

		Answerer(HttpServletRequest caller, CallRecord call, RuntimeCall request, ModelCatalog.Served served,
				UnaryOperator<String> restore) {
			this.caller = caller;
			this.call = call;
			this.request = request;
			this.served = served;
			this.restore = restore;
		}

		Outcome chat(byte[] body) {
			UpstreamClient.Answer answer = exchange(Upstreams.Operation.CHAT, body);
			ObjectNode root = answerJson(answer.body());
			TextSet texts = TextSet.ofChatAnswer(root);
			if (texts == null) {
				throw garbage("the answer has no 'choices' array");
			}
			long started = System.nanoTime();
			List<Hit> hits = this.call.scan("response", texts.joined(),
					() -> texts.scan(OpenAiProxy.this.components.scanner()));
			Set<String> types = hits.isEmpty() ? Set.of() : decide(hits);
			if (!texts.isEmpty() && (!types.isEmpty() || this.restore != null)) {
				StreamGuard renderer = new StreamGuard(OpenAiProxy.this.components.scanner(), 0, (h) -> types,
						this.restore);
				texts.write(renderer.render(texts.joined(), texts.joined().length(), hits, types));
			}
			this.call.policyNanos += System.nanoTime() - started;
			root.put("model", this.call.requestedModel);
			usage(root.get("usage"), texts.length());
			return new JsonOutcome(200, OpenAiProxy.this.json.writeValueAsBytes(root), this.served.versionIri());
		}

		Outcome embeddings(byte[] body) {
			UpstreamClient.Answer answer = exchange(Upstreams.Operation.EMBEDDINGS, body);
			ObjectNode root = answerJson(answer.body());
			if (!(root.get("data") instanceof ArrayNode)) {
				throw garbage("the answer has no 'data' array");
			}
			root.put("model", this.call.requestedModel);
			usage(root.get("usage"), 0);
			return new JsonOutcome(200, OpenAiProxy.this.json.writeValueAsBytes(root), this.served.versionIri());
		}

		/**
		 * Relays a streamed answer. The caller is watched for the whole stream, not only
		 * at each event written: a model may think for a long time before its first
		 * event, or between two.
		 */
		void stream(byte[] body, HttpServletResponse response) throws IOException {
			long started = System.nanoTime();
			try (ClientWatch.Watch watch = OpenAiProxy.this.callers.watch(this.caller, this.cancellation::cancel)) {
				UpstreamClient.Streamed answer = OpenAiProxy.this.upstreams.openChat(this.call.route, body,
						this.cancellation);
				checkAndRelay(answer, response, started);
			}
			catch (OpenAiException ex) {
				// Also an error status or a wrong content type, read short by a cancel.
				throw goneOr(ex);
			}
		}

		private void checkAndRelay(UpstreamClient.Streamed answer, HttpServletResponse response, long started)
				throws IOException {
			InputStream upstream = answer.body();
			try (upstream) {
				if (answer.status() != 200) {
					byte[] error;
					try {
						error = upstream.readNBytes(64 * 1024);
					}
					catch (IOException ex) {
						error = new byte[0];
					}
					this.call.upstreamNanos = System.nanoTime() - started;
					throw upstreamStatus(answer.status(), error);
				}
				String type = (answer.contentType() != null) ? answer.contentType() : "";
				if (!type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
					throw garbage("a streamed answer must be text/event-stream, got '" + type + "'");
				}
				relay(upstream, response, started);
			}
		}

		private void relay(InputStream upstream, HttpServletResponse response, long started) throws IOException {
			StreamGuard guard = new StreamGuard(OpenAiProxy.this.components.scanner(),
					OpenAiProxy.this.properties.holdBackChars(), this::decide, this.restore);
			response.setStatus(200);
			response.setContentType("text/event-stream;charset=UTF-8");
			response.setHeader("Cache-Control", "no-cache");
			header(response, this.served.versionIri());
			OutputStream out = response.getOutputStream();
			BufferedReader reader = new BufferedReader(new InputStreamReader(upstream, StandardCharsets.UTF_8));
			boolean done = false;
			try {
				String line;
				while ((line = readLine(reader)) != null) {
					if (!line.startsWith("data:")) {
						continue;
					}
					String data = line.substring(5).strip();
					if (data.equals("[DONE]")) {
						done = true;
						break;
					}
					ObjectNode chunk = chunk(data);
					if (chunk.get("error") != null) {
						throw upstreamStatus(502, data.getBytes(StandardCharsets.UTF_8));
					}
					guardChunk(chunk, guard);
					usage(chunk.get("usage"), -1);
					chunk.put("model", this.call.requestedModel);
					send(out, OpenAiProxy.this.json.writeValueAsBytes(chunk), started);
				}
				if (!done) {
					throw garbage("the stream ended without [DONE]");
				}
				Map<Integer, String> rest = guard.flush();
				if (!rest.isEmpty()) {
					ObjectNode tail = OpenAiProxy.this.json.createObjectNode();
					tail.put("id", "aigov-" + this.call.requestId).put("object", "chat.completion.chunk");
					tail.put("model", this.call.requestedModel);
					ArrayNode choices = tail.putArray("choices");
					Map<Integer, ObjectNode> byIndex = new java.util.TreeMap<>();
					new java.util.TreeMap<>(rest).forEach((key, text) -> place(
							byIndex.computeIfAbsent(choiceOf(key), (c) -> choices.addObject().put("index", c)), key,
							text));
					send(out, OpenAiProxy.this.json.writeValueAsBytes(tail), started);
				}
				this.call.upstreamNanos = System.nanoTime() - started;
				finishStreamAudit(guard);
				audit(this.call);
				out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (ClientGone ex) {
				// The caller went away: stop reading (closing cancels the upstream call).
				this.call.failed(clientClosed());
				if (this.call.inputTokens == 0) {
					// No usage came back; the upstream has read the prompt (charged
					// below).
					this.call.inputTokens = this.request.tokensRequested();
				}
				finishStreamAudit(guard);
				appendQuietly(this.call);
				answerGone(response, this.call.requestId);
			}
			catch (OpenAiException ex) {
				this.call.failed(ex);
				finishStreamAudit(guard);
				streamError(out, ex);
			}
			catch (AuditUnavailableException ex) {
				streamError(out, auditUnavailable());
			}
			catch (ScanFailedException ex) {
				OpenAiException error = scanFailed(ex);
				this.call.failed(error);
				finishStreamAudit(guard);
				streamError(out, error);
			}
			catch (RuntimeException ex) {
				// Fail closed on anything unforeseen, with an error event rather than a
				// stream that merely stops; the message may hold input, so not logged.
				logger.error("Streamed call {} failed: {}", this.call.requestId, ex.getClass().getName());
				OpenAiException error = internalError(this.call.requestId);
				this.call.failed(error);
				finishStreamAudit(guard);
				streamError(out, error);
			}
			finally {
				// Before its end this closes the connection, which cancels the upstream.
				closeQuietly(upstream);
			}
		}

		private String readLine(BufferedReader reader) {
			try {
				return reader.readLine();
			}
			catch (java.net.SocketTimeoutException ex) {
				// silent for longer than the upstream's idle timeout
				throw Upstreams.timeout(this.call.upstream);
			}
			catch (IOException ex) {
				if (this.cancellation.cancelled()) {
					throw new ClientGone();
				}
				throw Upstreams.unreachable(this.call.upstream, "the stream broke off");
			}
		}

		/**
		 * Passes one chunk's choices through the guard: each text of each choice (its
		 * content, {@link AnswerFields#TEXTS}, the arguments of each tool call and of a
		 * function call, the input of each custom tool call) is held back as its own
		 * text, so a secret split across chunks is caught and redacted before any of it
		 * is sent. What a choice still holds is released when it finishes; what the guard
		 * removes ({@link AnswerFields}) is never sent.
		 */
		private void guardChunk(ObjectNode chunk, StreamGuard guard) {
			ArrayNode choices = AnswerFields.prune(chunk, "delta");
			if (choices == null) {
				return;
			}
			for (JsonNode node : choices) {
				if (!(node instanceof ObjectNode choice)) {
					continue;
				}
				int index = choice.path("index").asInt(0);
				if (index < 0 || index >= MAX_CHOICES) {
					throw garbage("a streamed choice has the index " + index);
				}
				boolean last = choice.get("finish_reason") != null && !choice.get("finish_reason").isNull();
				if (choice.get("delta") instanceof ObjectNode delta) {
					JsonNode content = delta.get("content");
					if (content != null && !content.isNull() && !content.isString()) {
						throw garbage("a streamed delta's content must be a string");
					}
					if (content != null && !content.isNull() && !content.stringValue().isEmpty()) {
						releaseReasoning(guard, index, choice);
					}
					for (int field = 0; field <= AnswerFields.TEXTS.size(); field++) {
						holdField(guard, index, textKey(index, field), delta, textField(field));
					}
					if (delta.get("function_call") instanceof ObjectNode function) {
						holdField(guard, index, textKey(index, FUNCTION_ARGUMENTS), function, "arguments");
					}
					if (delta.get("tool_calls") instanceof ArrayNode calls) {
						for (JsonNode call : calls) {
							if (call instanceof ObjectNode callObject) {
								holdToolCall(guard, index, callObject);
							}
						}
					}
				}
				Set<Integer> held = last ? this.held.remove(index) : null;
				if (held != null) {
					for (int key : held) {
						String rest = guard.offer(key, null, true);
						if (!rest.isEmpty()) {
							place(choice, key, rest);
						}
					}
				}
			}
		}

		/**
		 * Releases what the guard still holds of a choice's reasoning once its answer
		 * begins, so that a client shows the reasoning before the answer, not after it.
		 */
		private void releaseReasoning(StreamGuard guard, int choice, ObjectNode node) {
			Set<Integer> held = this.held.get(choice);
			if (held == null) {
				return;
			}
			for (int field = 1; field <= AnswerFields.TEXTS.size(); field++) {
				int key = textKey(choice, field);
				if (textField(field).startsWith("reasoning") && held.remove(key)) {
					String rest = guard.offer(key, null, true);
					if (!rest.isEmpty()) {
						place(node, key, rest);
					}
				}
			}
		}

		/**
		 * Holds back a piece of a streamed tool call's text: a function's arguments or a
		 * custom tool's input, whichever its first piece carried.
		 */
		private void holdToolCall(StreamGuard guard, int choice, ObjectNode call) {
			ObjectNode function = (call.get("function") instanceof ObjectNode object) ? object : null;
			ObjectNode custom = (call.get("custom") instanceof ObjectNode object) ? object : null;
			if (function == null && custom == null) {
				return;
			}
			int tool = call.path("index").asInt(0);
			if (tool < 0 || tool >= MAX_TOOL_CALLS) {
				throw garbage("a streamed tool call has the index " + tool);
			}
			int key = toolKey(choice, tool);
			Boolean wasCustom = this.customCalls.putIfAbsent(key, custom != null);
			if ((function != null && custom != null) || (wasCustom != null && wasCustom != (custom != null))) {
				throw garbage("a streamed tool call is both a function and a custom tool");
			}
			if (function != null) {
				holdField(guard, choice, key, function, "arguments");
			}
			else {
				holdField(guard, choice, key, custom, "input");
			}
		}

		/**
		 * Offers a field's piece of text to the guard under a key, when it holds a
		 * string, and leaves what the guard releases now in its place.
		 */
		private void holdField(StreamGuard guard, int choice, int key, ObjectNode parent, String field) {
			if (parent.get(field) != null && parent.get(field).isString()) {
				parent.put(field, hold(guard, choice, key, parent.get(field).stringValue()));
			}
		}

		/** Offers a piece of one text to the guard and returns what it releases now. */
		private String hold(StreamGuard guard, int choice, int key, String text) {
			this.held.computeIfAbsent(choice, (c) -> new java.util.TreeSet<>()).add(key);
			return guard.offer(key, text, false);
		}

		/** Adds released text for one of the guard's keys to a choice's delta. */
		private void place(ObjectNode choice, int key, String text) {
			ObjectNode delta = (choice.get("delta") instanceof ObjectNode existing) ? existing
					: choice.putObject("delta");
			if (key < 0) {
				ArrayNode calls = (delta.get("tool_calls") instanceof ArrayNode existing) ? existing
						: delta.putArray("tool_calls");
				boolean custom = this.customCalls.getOrDefault(key, false);
				calls.addObject()
					.put("index", (-1 - key) % MAX_TOOL_CALLS)
					.putObject(custom ? "custom" : "function")
					.put(custom ? "input" : "arguments", text);
				return;
			}
			int field = key / MAX_CHOICES;
			ObjectNode parent = delta;
			String name;
			if (field == FUNCTION_ARGUMENTS) {
				parent = (delta.get("function_call") instanceof ObjectNode existing) ? existing
						: delta.putObject("function_call");
				name = "arguments";
			}
			else {
				name = textField(field);
			}
			JsonNode before = parent.get(name);
			parent.put(name, (before != null && before.isString()) ? before.stringValue() + text : text);
		}

		/** The choice a key of the guard belongs to. */
		private static int choiceOf(int key) {
			return (key >= 0) ? key % MAX_CHOICES : (-1 - key) / MAX_TOOL_CALLS;
		}

		private void send(OutputStream out, byte[] chunk, long started) {
			try {
				out.write("data: ".getBytes(StandardCharsets.US_ASCII));
				out.write(chunk);
				out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (IOException ex) {
				throw new ClientGone();
			}
			if (this.call.timeToFirstTokenMs == null) {
				this.call.timeToFirstTokenMs = (System.nanoTime() - started) / 1e6;
			}
		}

		/**
		 * Ends a stream with an error event, after the call's audit record: when that
		 * cannot be written, the caller is told so instead.
		 */
		private void streamError(OutputStream out, OpenAiException ex) {
			OpenAiException told = ex;
			if (ex.status() != 503 || !"audit_unavailable".equals(ex.code())) {
				try {
					audit(this.call);
				}
				catch (AuditUnavailableException unavailable) {
					logger.error("Audit unavailable for streamed call {}: {}", this.call.requestId,
							unavailable.getMessage());
					told = auditUnavailable();
				}
			}
			try {
				out.write("data: ".getBytes(StandardCharsets.US_ASCII));
				out.write(errorBody(told));
				out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (IOException ignored) {
				// The caller is gone; the audit record already says what happened.
			}
		}

		private void finishStreamAudit(StreamGuard guard) {
			if (this.call.response != null) {
				return;
			}
			String raw = guard.raw();
			try {
				this.call.scan("response", raw, () -> OpenAiProxy.this.components.scanner().scan(raw));
			}
			catch (ScanFailedException ignored) {
				// Recording must not fail with the scan: whatever reached the caller
				// passed the guard's windows, and the record keeps the answer's hash.
			}
			if (this.call.outputTokens == 0) {
				this.call.outputTokens = (raw.length() + 3) / 4;
				OpenAiProxy.this.meter.record(this.call.key, this.call.inputTokens + this.call.outputTokens);
			}
		}

		/**
		 * Decides on hits in the answer: the types to redact, or an exception to stop.
		 */
		private Set<String> decide(List<Hit> hits) {
			List<RuntimeCall.Detection> detections = TextSet.detections(hits);
			Set<String> key = new java.util.TreeSet<>();
			detections.forEach((d) -> key.add(d.type()));
			Set<String> cached = this.decided.get(key);
			if (cached != null) {
				return cached;
			}
			long started = System.nanoTime();
			RuntimeCall r = this.request;
			RuntimeDecision decision = OpenAiProxy.this.components.policy()
				.evaluate(new RuntimeCall(r.requestId(), RuntimeCall.Direction.RESPONSE, r.applicationId(), r.keyId(),
						r.allowedModels(), r.allowedDataClasses(), r.requestedModel(), r.modelVersion(),
						r.versionState(), r.deployedRoutes(), this.call.route, upstreamOf(this.call.route),
						r.onPremRoute(), r.declaredDataClass(), detections, r.tokensRequested(), r.tokensUsed(),
						r.tokenBudget(), r.unscannedParts()));
			this.call.policyNanos += System.nanoTime() - started;
			this.call.decided(decision);
			Set<String> types = switch (decision.action()) {
				case ALLOW -> Set.of();
				// An answer cannot be rerouted; what rules asked to redact still is.
				case REDACT, REROUTE -> decision.redactTypes();
				case BLOCK -> throw blocked(decision, "response");
				case ERROR -> throw policyError(decision);
			};
			if (!types.isEmpty() && this.call.decision.equals("allow")) {
				this.call.decision = "redact";
			}
			this.decided.put(key, types);
			return types;
		}

		private UpstreamClient.Answer exchange(Upstreams.Operation operation, byte[] body) {
			long started = System.nanoTime();
			try (ClientWatch.Watch watch = OpenAiProxy.this.callers.watch(this.caller, this.cancellation::cancel)) {
				UpstreamClient.Answer answer = OpenAiProxy.this.upstreams.exchange(this.call.route, operation, body,
						this.cancellation);
				if (answer.status() / 100 != 2) {
					throw upstreamStatus(answer.status(), answer.body());
				}
				return answer;
			}
			catch (OpenAiException ex) {
				throw goneOr(ex);
			}
			finally {
				this.call.upstreamNanos = System.nanoTime() - started;
			}
		}

		/**
		 * What an upstream failure ends the call with: {@link ClientGone} when it failed
		 * because the caller went away (and {@link ClientWatch} cancelled it), else the
		 * failure itself.
		 */
		private RuntimeException goneOr(OpenAiException failure) {
			return this.cancellation.cancelled() ? gone() : failure;
		}

		/**
		 * The call's end when the caller went away: the prompt, which the upstream has
		 * read, is still charged to the key (as an estimate; no usage came back).
		 */
		private ClientGone gone() {
			if (this.call.inputTokens == 0) {
				this.call.inputTokens = this.request.tokensRequested();
				OpenAiProxy.this.meter.record(this.call.key, this.call.inputTokens);
			}
			return new ClientGone();
		}

		private ObjectNode answerJson(byte[] body) {
			try {
				if (OpenAiProxy.this.json.readTree(body) instanceof ObjectNode root) {
					return root;
				}
			}
			catch (JacksonException ex) {
				// answered below
			}
			throw garbage("the answer is not a JSON object");
		}

		private ObjectNode chunk(String data) {
			try {
				if (OpenAiProxy.this.json.readTree(data) instanceof ObjectNode chunk) {
					return chunk;
				}
			}
			catch (JacksonException ex) {
				// answered below
			}
			throw garbage("a streamed chunk is not a JSON object");
		}

		private void usage(JsonNode usage, int answerChars) {
			if (usage != null && usage.isObject()) {
				this.call.inputTokens = usage.path("prompt_tokens").asLong(0);
				this.call.outputTokens = usage.path("completion_tokens").asLong(0);
			}
			else if (answerChars >= 0) {
				this.call.inputTokens = this.request.tokensRequested();
				this.call.outputTokens = (answerChars + 3) / 4;
			}
			else {
				return;
			}
			OpenAiProxy.this.meter.record(this.call.key, this.call.inputTokens + this.call.outputTokens);
		}

		private OpenAiException garbage(String why) {
			return new OpenAiException(502, "server_error", "upstream_invalid_response", null,
					"The model's server sent an answer the proxy cannot read (" + why + ").", "error");
		}

	}

	private void complete(HttpServletResponse response, CallRecord call, Outcome outcome) throws IOException {
		if (outcome instanceof JsonOutcome ok) {
			call.httpStatus = ok.status();
		}
		try {
			audit(call);
		}
		catch (AuditUnavailableException ex) {
			logger.error("Audit unavailable, call {} refused: {}", call.requestId, ex.getMessage());
			writeError(response, auditUnavailable(), call.requestId);
			return;
		}
		if (outcome instanceof JsonOutcome ok) {
			response.setStatus(ok.status());
			response.setContentType("application/json");
			header(response, ok.modelVersion());
			response.setContentLength(ok.body().length);
			response.getOutputStream().write(ok.body());
		}
		else if (outcome instanceof ErrorOutcome error) {
			writeError(response, error.error(), call.requestId);
		}
	}

	private void header(HttpServletResponse response, String modelVersion) {
		if (this.properties.transparencyHeader() && modelVersion != null) {
			response.setHeader(MODEL_VERSION_HEADER, modelVersion);
		}
	}

	/**
	 * Appends the call's audit record.
	 * @throws AuditUnavailableException when it cannot be written
	 */
	private void audit(CallRecord call) {
		this.components.audit().append(call.toAuditRecord());
		call.audited = true;
	}

	private void appendQuietly(CallRecord call) {
		try {
			audit(call);
		}
		catch (AuditUnavailableException ex) {
			logger.error("Audit unavailable for streamed call {}: {}", call.requestId, ex.getMessage());
		}
	}

	private ObjectNode parse(HttpServletRequest request) throws IOException {
		int max = this.properties.maxBodyBytes();
		long declared = request.getContentLengthLong();
		if (declared > max) {
			throw tooLarge(max);
		}
		byte[] bytes;
		try {
			bytes = readBody(request.getInputStream(), (int) declared, max);
		}
		catch (IOException ex) {
			// The caller stopped sending (or went away): still one audited refusal.
			throw new OpenAiException(400, "invalid_request_error", "invalid_body", null,
					"The request body could not be read to its end.", "error");
		}
		if (bytes.length > max) {
			throw tooLarge(max);
		}
		try {
			if (this.json.readTree(bytes) instanceof ObjectNode body) {
				return body;
			}
		}
		catch (JacksonException ex) {
			// answered below, without echoing the input
		}
		throw new OpenAiException(400, "invalid_request_error", "invalid_json", null,
				"The request body must be a JSON object (it could not be parsed).", "error");
	}

	/**
	 * Reads a body of the declared length (one array of that size, not a chain of 8 KiB
	 * buffers joined afterwards), or up to {@code max + 1} bytes of one without a length,
	 * within {@link ProxyProperties#bodyTimeout}: a caller that sends a byte now and then
	 * holds the request thread that long at most (and one read more, which the server's
	 * idle timeout bounds).
	 * @throws OpenAiException 408 when the body is not in by then
	 */
	private byte[] readBody(InputStream in, int declared, int max) throws IOException {
		long deadline = System.nanoTime() + this.properties.bodyTimeout().toNanos();
		byte[] bytes = new byte[(declared >= 0) ? declared : 8192];
		int length = 0;
		while (length < bytes.length || (declared < 0 && length <= max)) {
			if (length == bytes.length) {
				bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(max + 1L, 2L * length));
			}
			int read = in.read(bytes, length, bytes.length - length);
			if (read < 0) {
				if (declared >= 0) {
					throw new IOException("the body ended before its Content-Length");
				}
				break;
			}
			length += read;
			if (System.nanoTime() - deadline > 0 && (length < bytes.length || declared < 0)) {
				throw new OpenAiException(408, "invalid_request_error", "request_timeout", null,
						"The request body did not arrive within " + this.properties.bodyTimeout().toMillis()
								+ " ms; it was refused.",
						"error");
			}
		}
		return (length == bytes.length) ? bytes : java.util.Arrays.copyOf(bytes, length);
	}

	/**
	 * The guard's key for one tool call's arguments: negative, so never a choice index.
	 */
	static int toolKey(int choice, int tool) {
		return -1 - (choice * MAX_TOOL_CALLS + tool);
	}

	/**
	 * The guard's key for one text field of a choice: 0 is its content (the key is then
	 * the choice's index), 1 to {@code TEXTS.size()} are {@link AnswerFields#TEXTS}, and
	 * {@link #FUNCTION_ARGUMENTS} the arguments of a function call. Never negative.
	 */
	static int textKey(int choice, int field) {
		return field * MAX_CHOICES + choice;
	}

	/**
	 * The delta's field a {@link #textKey} field stands for, below
	 * {@link #FUNCTION_ARGUMENTS}.
	 */
	private static String textField(int field) {
		return (field == 0) ? "content" : AnswerFields.TEXTS.get(field - 1);
	}

	private static OpenAiException tooLarge(int max) {
		return new OpenAiException(413, "invalid_request_error", "request_too_large", null,
				"The request body is larger than " + max + " bytes.", "error");
	}

	private ProxyProperties.Route route(String name) {
		ProxyProperties.Route route = this.properties.routes().get(name);
		if (route == null) {
			throw new IllegalStateException("Route " + name + " is not configured");
		}
		return route;
	}

	private RuntimeCall.Upstream upstreamOf(String routeName) {
		String upstream = route(routeName).upstream();
		return new RuntimeCall.Upstream(upstream, this.properties.upstreams().get(upstream).place());
	}

	private static long maxTokens(ObjectNode body) {
		JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
		if (max == null || max.isNull()) {
			return 0;
		}
		if (!max.isIntegralNumber() || max.asLong() < 1) {
			throw OpenAiException.invalid("max_tokens", "'max_tokens' must be a positive integer.");
		}
		return max.asLong();
	}

	private static DataClass declaredDataClass(HttpServletRequest request) {
		String value = request.getHeader(DATA_CLASS_HEADER);
		if (value == null) {
			return null;
		}
		try {
			return DataClass.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw OpenAiException.invalid(null,
					"The " + DATA_CLASS_HEADER + " header must be public, internal, confidential or restricted.");
		}
	}

	private static String user(HttpServletRequest request, ObjectNode body) {
		JsonNode user = body.get("user");
		if (user == null || !user.isString()) {
			user = body.get("safety_identifier");
		}
		String value = (user != null && user.isString()) ? user.stringValue() : request.getHeader("x-aigov-user");
		// Bounded for the record; cut, not dropped: its pseudonym still leads to someone.
		return (value == null || value.length() <= 128) ? value : value.substring(0, 128);
	}

	private static String requestId(HttpServletRequest request) {
		String given = request.getHeader("x-request-id");
		return (given != null && REQUEST_ID.matcher(given).matches()) ? given : randomRequestId();
	}

	/**
	 * A random (version 4) UUID from the thread's own generator: a request id names a
	 * call, it guards nothing, so it needs no {@code SecureRandom} (whose lock and
	 * reseeding showed in the profile of every call).
	 */
	static String randomRequestId() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(high, low).toString();
	}

	private static OpenAiException blocked(RuntimeDecision decision, String direction) {
		StringBuilder message = new StringBuilder("The runtime policy blocked this ").append(direction).append('.');
		for (Finding finding : decision.findings()) {
			message.append(' ').append(finding.message().en());
			if (finding.remediation() != null && finding.remediation().en() != null) {
				message.append(' ').append(finding.remediation().en());
			}
			message.append(" (rule ").append(finding.ruleId()).append(')');
		}
		String code = decision.findings().isEmpty() ? "policy_blocked" : decision.findings().get(0).ruleId();
		return new OpenAiException(403, "policy_violation", code, null, message.toString(), "block");
	}

	private static OpenAiException policyError(RuntimeDecision decision) {
		return new OpenAiException(503, "server_error", "policy_error", null,
				"The runtime policy could not decide on this call, so it was refused"
						+ ((decision.error() != null) ? ": " + decision.error() : "."),
				"error");
	}

	/**
	 * The detectors could not finish (a configured marker pattern gave up on the text):
	 * the text is unchecked, so the call is refused. The message names the pattern, not
	 * the text.
	 */
	private static OpenAiException scanFailed(ScanFailedException ex) {
		return new OpenAiException(503, "server_error", "policy_error", null,
				"The detectors could not finish checking this call, so it was refused: " + ex.getMessage()
						+ ". Ask the administrator to correct the pattern.",
				"error");
	}

	private static OpenAiException internalError(String requestId) {
		return new OpenAiException(500, "server_error", "internal_error", null,
				"The proxy could not handle this call; it was refused (request " + requestId + ").", "error");
	}

	/**
	 * The caller went away before its answer: recorded as 499 with the call's decision
	 * kept, and answered so in case it only half-closed its side.
	 */
	private static OpenAiException clientClosed() {
		return new OpenAiException(499, "invalid_request_error", "client_closed_request", null,
				"The connection was closed before the answer; the model's call was cancelled.", null);
	}

	static OpenAiException auditUnavailable() {
		return new OpenAiException(503, "server_error", "audit_unavailable", null,
				"The audit log cannot record this call, so it was refused. Try again later.", "error");
	}

	/**
	 * The caller's answer to an upstream's error status. A 400 with code
	 * {@code content_filter} (Azure OpenAI's content filtering refused the prompt) keeps
	 * its code and {@code param}, so that the caller and the audit record can tell the
	 * upstream's filter from a malformed request.
	 */
	private OpenAiException upstreamStatus(int status, byte[] body) {
		String message = null;
		JsonNode error = null;
		try {
			error = this.json.readTree(body).path("error");
			message = error.path("message").isString() ? error.path("message").stringValue() : null;
		}
		catch (JacksonException ex) {
			// not an OpenAI error body
		}
		if (status == 400 && error != null && error.path("code").isString()
				&& "content_filter".equals(error.path("code").stringValue())) {
			return new OpenAiException(400, "invalid_request_error", "content_filter",
					error.path("param").isString() ? error.path("param").stringValue() : null,
					"The model's server refused the request by its content filter"
							+ ((message != null) ? ": " + message : "."),
					"error");
		}
		if (status == 400 || status == 404 || status == 422) {
			return new OpenAiException(400, "invalid_request_error", "upstream_rejected", null,
					"The model's server rejected the request" + ((message != null) ? ": " + message : "."), "error");
		}
		if (status == 429) {
			return new OpenAiException(429, "rate_limit_error", "upstream_rate_limited", null,
					"The model's server is rate limiting; retry later.", "error");
		}
		return new OpenAiException(502, "server_error", "upstream_error", null,
				"The model's server failed (HTTP " + status + ").", "error");
	}

	byte[] errorBody(OpenAiException ex) {
		ObjectNode root = this.json.createObjectNode();
		ObjectNode error = root.putObject("error");
		error.put("message", ex.getMessage()).put("type", ex.type());
		if (ex.param() != null) {
			error.put("param", ex.param());
		}
		else {
			error.putNull("param");
		}
		error.put("code", ex.code());
		return this.json.writeValueAsBytes(root);
	}

	/**
	 * Answers a caller that was taken as gone, in case it only half-closed its side and
	 * still reads: 499 and the connection closed, rather than an empty 200 or a stream
	 * without its end. Nothing when the answer had begun, or the caller is really gone.
	 */
	private void answerGone(HttpServletResponse response, String requestId) {
		try {
			if (!response.isCommitted()) {
				response.setHeader("Connection", "close");
				writeError(response, clientClosed(), requestId);
			}
		}
		catch (IOException ex) {
			// Gone indeed.
		}
	}

	void writeError(HttpServletResponse response, OpenAiException ex, String requestId) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(ex.status());
		response.setHeader("x-request-id", requestId);
		response.setContentType("application/json");
		byte[] body = errorBody(ex);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ignored) {
			// closing to cancel; nothing to do
		}
	}

	@FunctionalInterface
	private interface Validator {

		TextSet validate(CallRecord call, ObjectNode body);

	}

	private sealed interface Outcome permits JsonOutcome, ErrorOutcome {

	}

	private record JsonOutcome(int status, byte[] body, String modelVersion) implements Outcome {
	}

	private record ErrorOutcome(OpenAiException error) implements Outcome {
	}

	/**
	 * The caller closed the connection while a stream was relayed or an answer awaited.
	 */
	private static final class ClientGone extends RuntimeException {

		ClientGone() {
			super(null, null, false, false);
		}

	}

}
