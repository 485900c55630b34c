package dev.aigov.web.proxy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aigov.audit.AuditRecord;
import dev.aigov.proxy.ApplicationKeys;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.web.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy driven by the official OpenAI Java SDK, unmodified, and by plain HTTP where
 * the SDK cannot say enough (headers, exact error bodies).
 */
class ProxyIntegrationTests extends ProxyIntegrationTest {

	private static final String VERSION_IRI = new EntityRef(Kind.MODEL_VERSION, VERSION).iri();

	/** What an end-user id becomes on its way upstream. */
	private static final String PSEUDONYM = "aigov-[A-Za-z0-9_-]{22}";

	private OpenAIClient client(String secret) {
		return OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey(secret).maxRetries(0).build();
	}

	private static ChatCompletionCreateParams chat(String prompt) {
		return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(prompt).build();
	}

	@Test
	void aChatCompletionIsAnsweredThroughTheRoutesUpstreamAndAuditedOnce() {
		int before = this.audit.records.size();
		ChatCompletion completion = client(key(0, 0)).chat().completions().create(chat("What is the return policy?"));

		assertThat(completion.choices().get(0).message().content()).hasValue("You said: What is the return policy?");
		assertThat(completion.model()).isEqualTo(MODEL);
		FakeOpenAi.Received sent = upstream.last();
		assertThat(sent.path()).isEqualTo("/external/v1/chat/completions");
		assertThat(sent.body().get("model").asString()).isEqualTo("fake-gpt");
		assertThat(sent.authorization()).isEqualTo("Bearer sk-upstream-secret");
		assertThat(this.audit.records).hasSize(before + 1);
		AuditRecord.Inference inference = this.audit.records.get(before).inference();
		assertThat(inference.decision()).isEqualTo("allow");
		assertThat(inference.modelVersion()).isEqualTo(VERSION_IRI);
		assertThat(inference.route()).isEqualTo("support-chat");
		assertThat(inference.httpStatus()).isEqualTo(200);
		assertThat(inference.inputTokens()).isEqualTo(11);
		assertThat(inference.energyWh()).isEqualTo(0.3);
		assertThat(this.audit.records.get(before).actor().application()).isEqualTo("proxy-tests");
	}

	@Test
	void azureOpenAiDeploymentsAreAddressedByPathApiVersionAndApiKey() {
		deployOnAzure();
		OpenAIClient client = client(key(0, 0, AZURE_MODEL));
		ChatCompletion completion = client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(AZURE_MODEL)
				.addUserMessage("Where is my parcel?")
				.build());

		assertThat(completion.choices().get(0).message().content()).hasValue("You said: Where is my parcel?");
		assertThat(completion.model()).isEqualTo(AZURE_MODEL);
		FakeOpenAi.Received sent = upstream.last();
		assertThat(sent.path()).isEqualTo("/azure/openai/deployments/chat-prod/chat/completions");
		assertThat(sent.query()).isEqualTo("api-version=2024-10-21");
		assertThat(sent.apiKey()).isEqualTo("azure-upstream-secret");
		assertThat(sent.authorization()).as("neither the caller's key nor a Bearer token goes to Azure").isNull();
		assertThat(last().inference().route()).isEqualTo("support-chat-azure");
		assertThat(last().inference().httpStatus()).isEqualTo(200);

		StringBuilder text = new StringBuilder();
		try (StreamResponse<ChatCompletionChunk> stream = client.chat()
			.completions()
			.createStreaming(
					ChatCompletionCreateParams.builder().model(AZURE_MODEL).addUserMessage("And now?").build())) {
			stream.stream()
				.forEach((chunk) -> chunk.choices()
					.forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		}
		assertThat(text.toString()).isEqualTo("You said: And now?");
		assertThat(upstream.last().path()).isEqualTo("/azure/openai/deployments/chat-prod/chat/completions");
		assertThat(upstream.last().query()).isEqualTo("api-version=2024-10-21");

		client.embeddings().create(EmbeddingCreateParams.builder().model(AZURE_MODEL).input("hello").build());
		assertThat(upstream.last().path()).isEqualTo("/azure/openai/deployments/chat-prod/embeddings");
		assertThat(upstream.last().query()).isEqualTo("api-version=2024-10-21");
		assertThat(upstream.last().apiKey()).isEqualTo("azure-upstream-secret");

		JsonNode azureRoute = null;
		for (JsonNode route : TestHttp.json(http().get("/api/proxy/routes", ADMIN, ADMIN_PASSWORD))) {
			if (route.path("name").asString().equals("support-chat-azure")) {
				azureRoute = route;
			}
		}
		assertThat(azureRoute).isNotNull();
		assertThat(azureRoute.path("api").asString()).isEqualTo("azure");
		assertThat(azureRoute.path("apiVersion").asString()).isEqualTo("2024-10-21");
		assertThat(azureRoute.path("upstreamModel").asString()).isEqualTo("chat-prod");
		assertThat(azureRoute.toString()).doesNotContain("azure-upstream-secret");

		TestHttp browser = TestHttp.browser(base());
		String token = TestHttp.csrfToken(browser.get("/login").body());
		browser.postForm("/login", java.util.Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "_csrf", token));
		HttpResponse<String> page = browser.get("/admin/proxy/routes");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Azure OpenAI", "api-version 2024-10-21", "chat-prod")
			.doesNotContain("azure-upstream-secret");
	}

	private static final String AZURE_MODEL = "azure-bot";

	private static volatile boolean deployedOnAzure;

	/**
	 * {@value #AZURE_MODEL}: a second model of the test system, deployed on the Azure
	 * route only.
	 */
	private void deployOnAzure() {
		synchronized (ProxyIntegrationTests.class) {
			if (deployedOnAzure) {
				return;
			}
			deployModel(this.registry, this.workflow, AZURE_MODEL, "Azure bot", AZURE_MODEL + "-1",
					AZURE_MODEL + "-eval-1", "Azure OpenAI", "support-chat-azure");
			deployedOnAzure = true;
		}
	}

	@Test
	void answersCarryTheModelVersionForTransparency() {
		HttpResponse<String> response = post(key(0, 0), "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-aigov-model-version")).hasValue(VERSION_IRI);
		assertThat(response.headers().firstValue("x-request-id")).isPresent();
	}

	@Test
	void aStreamedCompletionArrivesWhole() {
		StringBuilder text = new StringBuilder();
		try (StreamResponse<ChatCompletionChunk> stream = client(key(0, 0)).chat()
			.completions()
			.createStreaming(chat("Tell me about shipping times please"))) {
			stream.stream()
				.forEach((chunk) -> chunk.choices()
					.forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		}
		assertThat(text.toString()).isEqualTo("You said: Tell me about shipping times please");
		AuditRecord record = this.audit.records.get(this.audit.records.size() - 1);
		assertThat(record.inference().streamed()).isTrue();
		assertThat(record.inference().latency().timeToFirstTokenMs()).isNotNull();
	}

	@Test
	void toolCallsArePassedThroughStreamedOrNot() {
		ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
			.model(MODEL)
			.addUserMessage("Where is my order?")
			.addTool(ChatCompletionFunctionTool.builder()
				.function(FunctionDefinition.builder().name("lookup_order").build())
				.build())
			.build();
		OpenAIClient client = client(key(0, 0));
		ChatCompletion completion = client.chat().completions().create(params);
		var call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
		assertThat(call.function().name()).isEqualTo("lookup_order");
		assertThat(call.function().arguments()).isEqualTo("{\"order\":\"A-1001\"}");

		StringBuilder arguments = new StringBuilder();
		try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
			stream.stream()
				.forEach((chunk) -> chunk.choices()
					.forEach((choice) -> choice.delta()
						.toolCalls()
						.ifPresent((calls) -> calls
							.forEach((c) -> c.function().flatMap((f) -> f.arguments()).ifPresent(arguments::append)))));
		}
		assertThat(arguments.toString()).isEqualTo("{\"order\":\"A-1001\"}");

		var custom = client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(MODEL)
				.addUserMessage("Tell the team")
				.addTool(com.openai.models.chat.completions.ChatCompletionCustomTool.builder()
					.custom(com.openai.models.chat.completions.ChatCompletionCustomTool.Custom.builder()
						.name("shell")
						.build())
					.build())
				.build())
			.choices()
			.get(0)
			.message()
			.toolCalls()
			.orElseThrow()
			.get(0)
			.asCustom();
		assertThat(custom.custom().name()).isEqualTo("shell");
		assertThat(custom.custom().input()).isEqualTo("notify --text 'You said: Tell the team'");
	}

	@Test
	void aSecretSplitAcrossStreamedToolCallArgumentsIsRedactedBeforeAnyOfItIsSent() {
		ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
			.model(MODEL)
			.addUserMessage("please leak it")
			.addTool(ChatCompletionFunctionTool.builder()
				.function(FunctionDefinition.builder().name("lookup_order").build())
				.build())
			.build();
		StringBuilder arguments = new StringBuilder();
		try (StreamResponse<ChatCompletionChunk> stream = client(key(0, 0)).chat()
			.completions()
			.createStreaming(params)) {
			stream.stream()
				.forEach((chunk) -> chunk.choices()
					.forEach((choice) -> choice.delta()
						.toolCalls()
						.ifPresent((calls) -> calls
							.forEach((c) -> c.function().flatMap((f) -> f.arguments()).ifPresent(arguments::append)))));
		}
		assertThat(arguments.toString()).isEqualTo("{\"key\":\"[AWS_ACCESS_KEY_1]\"}")
			.doesNotContain(FakeOpenAi.LEAKED_SECRET.substring(0, 4));
		assertThat(last().inference().decision()).isEqualTo("redact");
		assertThat(last().inference().detections()).extracting(AuditRecord.DetectorHit::direction).contains("response");
	}

	@Test
	void personalDataIsRedactedOnTheWayOutAndRestoredForTheCaller() {
		ChatCompletion completion = client(key(0, 0)).chat()
			.completions()
			.create(chat("Write to mei-ling.wang@example.com about the refund"));

		assertThat(upstream.last().lastUserText()).isEqualTo("Write to [EMAIL_1] about the refund")
			.doesNotContain("example.com");
		assertThat(completion.choices().get(0).message().content())
			.hasValue("You said: Write to mei-ling.wang@example.com about the refund");
		AuditRecord.Inference inference = last().inference();
		assertThat(inference.decision()).isEqualTo("redact");
		assertThat(inference.rulesFired()).contains("prompt.pii");
		assertThat(inference.detections()).extracting(AuditRecord.DetectorHit::type).contains("EMAIL");
		assertThat(inference.prompt().redacted()).doesNotContain("mei-ling");
	}

	@Test
	void confidentialDataIsReroutedOnPrem() {
		client(key(0, 0)).chat().completions().create(chat("Summarise this 機密 memo"));
		assertThat(upstream.last().path()).isEqualTo("/onprem/v1/chat/completions");
		assertThat(upstream.last().body().get("model").asString()).isEqualTo("fake-local");
		assertThat(last().inference().decision()).isEqualTo("reroute");
		assertThat(last().inference().route()).isEqualTo("support-chat-onprem");
	}

	@Test
	void aSecretInThePromptIsBlockedWithAnExplanationAndNeverSent() {
		int sent = upstream.received.size();
		assertThatThrownBy(() -> client(key(0, 0)).chat()
			.completions()
			.create(chat("my key is AKIAIOSFODNN7EXAMPLE, why does it fail?")))
			.isInstanceOfSatisfying(PermissionDeniedException.class, (ex) -> {
				assertThat(ex.type()).hasValue("policy_violation");
				assertThat(ex.code()).hasValue("prompt.secret");
				assertThat(ex.getMessage()).contains("Remove credentials from the prompt").doesNotContain("AKIA");
			});
		assertThat(upstream.received).hasSize(sent);
		assertThat(last().inference().decision()).isEqualTo("block");
		assertThat(last().inference().httpStatus()).isEqualTo(403);
	}

	@Test
	void aSecretInAStreamedAnswerNeverReachesTheClientEvenInOneCharacterChunks() {
		StringBuilder text = new StringBuilder();
		try (StreamResponse<ChatCompletionChunk> stream = client(key(0, 0)).chat()
			.completions()
			.createStreaming(chat("please leak it"))) {
			stream.stream()
				.forEach((chunk) -> chunk.choices()
					.forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		}
		assertThat(text.toString()).isEqualTo("Here it is: [AWS_ACCESS_KEY_1] and that is all.");
		assertThat(last().inference().decision()).isEqualTo("redact");
		assertThat(last().inference().detections()).extracting(AuditRecord.DetectorHit::direction).contains("response");
	}

	@Test
	void aSecretInAnAnswerIsRedactedWithoutStreamingToo() {
		ChatCompletion completion = client(key(0, 0)).chat().completions().create(chat("leak"));
		assertThat(completion.choices().get(0).message().content())
			.hasValue("Here it is: [AWS_ACCESS_KEY_1] and that is all.");
	}

	/**
	 * A model's text outside {@code content} (its reasoning, token log-probabilities,
	 * annotations, fields no API defines) is checked like content where the proxy knows
	 * it, and removed where it does not: none of it reaches the caller unchecked.
	 */
	@Test
	void answerTextOutsideTheContentIsRedactedOrRemoved() {
		HttpResponse<String> whole = post(key(0, 0), "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"think\"}]}");
		assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
		assertThat(whole.body()).doesNotContain("AKIA");
		JsonNode choice = TestHttp.json(whole).get("choices").get(0);
		assertThat(choice.at("/message/reasoning_content").asString()).isEqualTo("The key is [AWS_ACCESS_KEY_1], so");
		assertThat(choice.at("/message/content").asString()).isEqualTo("Done.");
		assertThat(choice.get("message").has("x_trace") || choice.get("message").has("annotations")).isFalse();
		assertThat(choice.get("logprobs").isNull() && choice.get("token_ids").isNull()).isTrue();
		assertThat(choice.at("/message/function_call/arguments").asString())
			.isEqualTo("{\"key\":\"[AWS_ACCESS_KEY_1]\"}");
		assertThat(TestHttp.json(whole).has("__verbose")).isFalse();
		assertThat(last().inference().decision()).isEqualTo("redact");
		assertThat(last().inference().detections()).extracting(AuditRecord.DetectorHit::direction).contains("response");

		HttpResponse<String> streamed = post(key(0, 0), "/v1/chat/completions", "{\"model\":\"" + MODEL
				+ "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"think\"}]}");
		assertThat(streamed.statusCode()).isEqualTo(200);
		StringBuilder reasoning = new StringBuilder();
		StringBuilder content = new StringBuilder();
		deltas(streamed).forEach((delta) -> {
			assertThat(delta.has("x_trace")).as(delta.toString()).isFalse();
			reasoning.append(delta.path("reasoning_content").asString(""));
			content.append(delta.path("content").asString(""));
			if (!content.isEmpty()) {
				// The reasoning is out, whole, before the answer begins.
				assertThat(reasoning.toString()).isEqualTo("The key is [AWS_ACCESS_KEY_1], so");
			}
		});
		assertThat(streamed.body()).doesNotContain("AKIA");
		assertThat(reasoning.toString()).isEqualTo("The key is [AWS_ACCESS_KEY_1], so");
		assertThat(content.toString()).isEqualTo("Done.");
		assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
		assertThat(last().inference().decision()).isEqualTo("redact");
	}

	/**
	 * Log-probabilities would return the answer token by token, past the detectors, and
	 * audio answers cannot be checked: both are refused before any upstream sees them.
	 */
	@Test
	void requestsForAnswersTheDetectorsCannotCheckAreRefused() {
		int sent = upstream.received.size();
		String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
		for (String extra : List.of("\"logprobs\":true", "\"logprobs\":false,\"top_logprobs\":3",
				"\"modalities\":[\"text\",\"audio\"]", "\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}",
				"\"return_token_ids\":true", "\"tools\":[{\"type\":\"code_interpreter\"}]")) {
			HttpResponse<String> refused = post(key(0, 0), "/v1/chat/completions",
					"{\"model\":\"" + MODEL + "\"," + extra + "," + messages + "}");
			assertError(refused, 400, "unsupported_parameter");
			assertThat(last().inference().httpStatus()).isEqualTo(400);
		}
		assertThat(upstream.received).hasSize(sent);
		assertThat(post(key(0, 0), "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"logprobs\":false,\"top_logprobs\":0," + messages + "}")
			.statusCode()).isEqualTo(200);
	}

	/**
	 * A custom tool call's input is free text the model wrote: it is checked and redacted
	 * like content, in the answer and in the conversation sent back, and whatever else
	 * the call carries is removed.
	 */
	@Test
	void theInputOfCustomToolCallsIsCheckedBothWays() {
		String customTool = "\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"shell\"}}]";
		HttpResponse<String> answer = post(key(0, 0), "/v1/chat/completions", "{\"model\":\"" + MODEL + "\","
				+ customTool + ",\"messages\":[{\"role\":\"user\",\"content\":\"leak the key\"}]}");
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).doesNotContain("AKIA");
		JsonNode call = TestHttp.json(answer).at("/choices/0/message/tool_calls/0");
		assertThat(call.path("type").asString()).isEqualTo("custom");
		assertThat(call.at("/custom/name").asString()).isEqualTo("shell");
		assertThat(call.at("/custom/input").asString())
			.isEqualTo("notify --text 'Here it is: [AWS_ACCESS_KEY_1] and that is all.'");
		assertThat(call.get("custom").has("x_trace")).isFalse();
		assertThat(last().inference().decision()).isEqualTo("redact");
		assertThat(last().inference().detections()).extracting(AuditRecord.DetectorHit::direction)
			.containsExactly("response");

		// Streamed one character a chunk, so the key is split at every boundary.
		HttpResponse<String> streamed = post(key(0, 0), "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"stream\":true," + customTool
						+ ",\"messages\":[{\"role\":\"user\",\"content\":\"leak the key\"}]}");
		assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
		assertThat(streamed.body()).doesNotContain("AKIA").endsWith("data: [DONE]\n\n");
		StringBuilder input = new StringBuilder();
		deltas(streamed).forEach((delta) -> {
			assertThat(delta.at("/tool_calls/0").has("function")).as(delta.toString()).isFalse();
			input.append(delta.at("/tool_calls/0/custom/input").asString(""));
		});
		assertThat(input.toString()).isEqualTo("notify --text 'Here it is: [AWS_ACCESS_KEY_1] and that is all.'");
		assertThat(last().inference().decision()).isEqualTo("redact");
		assertThat(last().inference().detections()).extracting(AuditRecord.DetectorHit::direction)
			.containsExactly("response");

		HttpResponse<String> mixed = post(key(0, 0), "/v1/chat/completions", "{\"model\":\"" + MODEL
				+ "\",\"stream\":true," + customTool + ",\"messages\":[{\"role\":\"user\",\"content\":\"mixed\"}]}");
		assertThat(mixed.body()).contains("\"code\":\"upstream_invalid_response\"").doesNotContain("notify");
		assertThat(last().inference().httpStatus()).isEqualTo(502);

		String history = "{\"model\":\"" + MODEL + "\"," + customTool
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"go on\"},"
				+ "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"custom\",\"custom\":"
				+ "{\"name\":\"shell\",\"input\":\"%s\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
				+ "\"content\":\"ok\"}]}";
		HttpResponse<String> redacted = post(key(0, 0), "/v1/chat/completions",
				history.formatted("mail --to mei-ling.wang@example.com"));
		assertThat(redacted.statusCode()).as(redacted.body()).isEqualTo(200);
		assertThat(upstream.last().body().at("/messages/1/tool_calls/0/custom/input").asString())
			.isEqualTo("mail --to [EMAIL_1]");
		assertThat(last().inference().decision()).isEqualTo("redact");
		assertThat(last().inference().detections()).extracting(AuditRecord.DetectorHit::type).containsExactly("EMAIL");

		assertSecretBlockedAndNothingSent(
				history.formatted("aws configure set aws_access_key_id " + FakeOpenAi.LEAKED_SECRET));
	}

	@Test
	void whatTheModelReadsBesideTheMessagesIsCheckedBeforeItLeaves() {
		String request = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"name\":\"%s\","
				+ "\"content\":\"Draft the reply\"}],\"prediction\":{\"type\":\"content\",\"content\":[{\"type\":"
				+ "\"text\",\"text\":\"%s\"}]},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"send\","
				+ "\"description\":\"%s\",\"parameters\":{\"type\":\"object\",\"properties\":{\"to\":{\"type\":"
				+ "\"string\",\"description\":\"%s\"}}}}},{\"type\":\"custom\",\"custom\":{\"name\":\"shell\","
				+ "\"description\":\"%s\"}}]}";
		HttpResponse<String> redacted = post(key(0, 0), "/v1/chat/completions",
				request.formatted("ops@example.net", "Dear mei-ling.wang@example.com,", "Mails chen.ta@example.com",
						"for example lin@example.org", "runs as root@example.com"));
		assertThat(redacted.statusCode()).as(redacted.body()).isEqualTo(200);
		JsonNode sent = upstream.last().body();
		assertThat(sent.at("/messages/0/name").asString()).isEqualTo("[EMAIL_1]");
		assertThat(sent.at("/prediction/content/0/text").asString()).isEqualTo("Dear [EMAIL_2],");
		assertThat(sent.at("/tools/0/function/description").asString()).isEqualTo("Mails [EMAIL_3]");
		assertThat(sent.at("/tools/0/function/parameters/properties/to/description").asString())
			.isEqualTo("for example [EMAIL_4]");
		assertThat(sent.at("/tools/1/custom/description").asString()).isEqualTo("runs as [EMAIL_5]");
		assertThat(sent.toString()).doesNotContain("example.");
		assertThat(last().inference().decision()).isEqualTo("redact");
		assertThat(last().inference().detections()).hasSize(5);

		assertSecretBlockedAndNothingSent(
				"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Fix the config\"}],"
						+ "\"prediction\":{\"type\":\"content\",\"content\":\"aws_access_key_id = "
						+ FakeOpenAi.LEAKED_SECRET + "\"}}");
	}

	@Test
	void valuesInSchemasAndMetadataAreCheckedBeforeTheyLeave() {
		String request = "{\"model\":\"" + MODEL
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"Mail the owner\"}],"
				+ "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"send\",\"parameters\":{\"type\":"
				+ "\"object\",\"title\":\"%s\",\"properties\":{\"to\":{\"type\":\"string\",\"pattern\":\"^.+@.+$\","
				+ "\"enum\":[\"%s\",\"%s\"],\"default\":\"%s\",\"examples\":[{\"to\":\"%s\"}]},\"cc\":{\"const\":"
				+ "\"%s\"}}}}}],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"reply\","
				+ "\"description\":\"%s\",\"schema\":{\"type\":\"object\",\"properties\":{\"owner\":{\"enum\":"
				+ "[\"%s\"]}}}}}}";
		HttpResponse<String> redacted = post(key(0, 0), "/v1/chat/completions",
				request.formatted("Mail to ops@example.net", "mei-ling.wang@example.com", "chen.ta@example.com",
						"lin@example.org", "root@example.com", "audit@example.tw", "Reply as owner@example.jp",
						"hsu@example.edu"));
		assertThat(redacted.statusCode()).as(redacted.body()).isEqualTo(200);
		JsonNode sent = upstream.last().body();
		JsonNode parameters = sent.at("/tools/0/function/parameters");
		assertThat(parameters.at("/title").asString()).isEqualTo("Mail to [EMAIL_1]");
		assertThat(parameters.at("/properties/to/enum").toString()).isEqualTo("[\"[EMAIL_2]\",\"[EMAIL_3]\"]");
		assertThat(parameters.at("/properties/to/default").asString()).isEqualTo("[EMAIL_4]");
		assertThat(parameters.at("/properties/to/examples/0/to").asString()).isEqualTo("[EMAIL_5]");
		assertThat(parameters.at("/properties/cc/const").asString()).isEqualTo("[EMAIL_6]");
		// Identifiers and constraints are the application's, and stay as they are.
		assertThat(parameters.at("/properties/to/type").asString()).isEqualTo("string");
		assertThat(parameters.at("/properties/to/pattern").asString()).isEqualTo("^.+@.+$");
		assertThat(sent.at("/response_format/json_schema/description").asString()).isEqualTo("Reply as [EMAIL_7]");
		assertThat(sent.at("/response_format/json_schema/schema/properties/owner/enum/0").asString())
			.isEqualTo("[EMAIL_8]");
		assertThat(sent.toString()).doesNotContain("example.");
		assertThat(last().inference().decision()).isEqualTo("redact");
		// The model picks [EMAIL_2] from the enum; the caller gets its own value back.
		assertThat(TestHttp.json(redacted).at("/choices/0/message/tool_calls/0/function/arguments").asString())
			.isEqualTo("{\"to\":\"mei-ling.wang@example.com\"}");

		HttpResponse<String> legacy = post(key(0, 0), "/v1/chat/completions", "{\"model\":\"" + MODEL
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"Mail the owner\"}],\"functions\":[{\"name\":"
				+ "\"send\",\"description\":\"Mails ops@example.net\",\"parameters\":{\"type\":\"object\","
				+ "\"properties\":{\"to\":{\"enum\":[\"chen.ta@example.com\"]}}}}],\"store\":true,\"metadata\":{\"ticket\":"
				+ "\"T-88 from lin@example.org\"}}");
		assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(200);
		assertThat(upstream.last().body().at("/functions/0/description").asString()).isEqualTo("Mails [EMAIL_1]");
		assertThat(upstream.last().body().at("/functions/0/parameters/properties/to/enum/0").asString())
			.isEqualTo("[EMAIL_2]");
		assertThat(upstream.last().body().at("/metadata/ticket").asString()).isEqualTo("T-88 from [EMAIL_3]");

		assertSecretBlockedAndNothingSent("{\"model\":\"" + MODEL
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"Deploy\"}],\"tools\":[{\"type\":\"function\","
				+ "\"function\":{\"name\":\"deploy\",\"parameters\":{\"type\":\"object\",\"properties\":{\"key\":"
				+ "{\"default\":\"aws_access_key_id = " + FakeOpenAi.LEAKED_SECRET + "\"}}}}}]}");
	}

	@Test
	void endUserIdsReachTheUpstreamAsPseudonymsItCanReportBack() {
		ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
			.model(MODEL)
			.addUserMessage("hi")
			.user("mei-ling.wang@example.com")
			.safetyIdentifier("mei-ling.wang@example.com")
			.promptCacheKey("tenant A-1024")
			.build();
		String secret = key(0, 0);
		client(secret).chat().completions().create(params);
		JsonNode sent = upstream.last().body();
		String pseudonym = sent.path("user").asString();
		assertThat(pseudonym).matches(PSEUDONYM);
		assertThat(sent.path("safety_identifier").asString()).as("one end user, one pseudonym").isEqualTo(pseudonym);
		assertThat(sent.path("prompt_cache_key").asString()).matches(PSEUDONYM).isNotEqualTo(pseudonym);
		assertThat(sent.toString()).doesNotContain("example.com").doesNotContain("A-1024");
		// The record keeps both: an upstream's report leads back to the calls.
		assertThat(last().actor().user()).isEqualTo("mei-ling.wang@example.com");
		assertThat(last().inference().endUserPseudonyms()).containsExactly(pseudonym);

		client(key(0, 0)).chat().completions().create(params);
		assertThat(upstream.last().body().path("user").asString()).as("stable across calls and keys")
			.isEqualTo(pseudonym);
		String otherApplication = this.keys
			.create(new ApplicationKeys.Specification("proxy-tests-other", java.util.Set.of(MODEL),
					java.util.Set.of(dev.aigov.policy.DataClass.PUBLIC), 0, null, 0), "tests")
			.secret();
		client(otherApplication).chat().completions().create(params);
		assertThat(upstream.last().body().path("user").asString()).as("not linkable across applications")
			.matches(PSEUDONYM)
			.isNotEqualTo(pseudonym);

		// A long id is cut in the record, not dropped: its pseudonym leads to someone.
		String longId = "tenant-7/" + "x".repeat(200);
		client(secret).chat().completions().create(params.toBuilder().user(longId).build());
		assertThat(last().actor().user()).isEqualTo(longId.substring(0, 128));
		assertThat(last().inference().endUserPseudonyms()).hasSize(2)
			.containsExactly(upstream.last().body().path("user").asString(), pseudonym);

		int received = upstream.received.size();
		HttpResponse<String> refused = post(secret, "/v1/chat/completions", "{\"model\":\"" + MODEL
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":{\"email\":\"lin@example.org\"}}");
		assertError(refused, 400, "invalid_request");
		assertThat(TestHttp.json(refused).at("/error/param").asString()).isEqualTo("user");
		assertThat(upstream.received).hasSize(received);
	}

	/**
	 * Sends a chat request with a cloud key in it: refused with 403
	 * {@code prompt.secret}, the key never echoed, nothing sent upstream, the call
	 * audited as blocked.
	 */
	private void assertSecretBlockedAndNothingSent(String body) {
		int sent = upstream.received.size();
		HttpResponse<String> blocked = post(key(0, 0), "/v1/chat/completions", body);
		assertError(blocked, 403, "prompt.secret");
		assertThat(blocked.body()).doesNotContain("AKIA");
		assertThat(upstream.received).hasSize(sent);
		assertThat(last().inference().decision()).isEqualTo("block");
	}

	@Test
	void embeddingsAndModelsWorkWithTheSdk() {
		OpenAIClient client = client(key(0, 0, MODEL, VERSION));
		CreateEmbeddingResponse embeddings = client.embeddings()
			.create(EmbeddingCreateParams.builder().model(MODEL).input("hello").user("mei@example.com").build());
		assertThat(embeddings.data().get(0).embedding()).containsExactly(0.25f, -0.5f, 0.75f);
		assertThat(upstream.last().body().path("user").asString()).matches(PSEUDONYM);
		assertThat(last().inference().endUserPseudonyms())
			.containsExactly(upstream.last().body().path("user").asString());
		assertThat(client.models().list().data()).extracting((m) -> m.id()).containsExactlyInAnyOrder(MODEL, VERSION);
		assertThat(last().action()).isEqualTo("models.list");
		assertThat(last().inference().httpStatus()).isEqualTo(200);
		assertThat(last().actor().application()).isEqualTo("proxy-tests");
		assertThat(client(key(0, 0, VERSION)).models().list().data()).extracting((m) -> m.id())
			.containsExactly(VERSION);
	}

	/**
	 * {@code GET /v1/models/{model}} answers a model the key may use as the list shows
	 * it, and the same 404 for a name that does not exist and one the key may not use;
	 * only a plain name is a model path.
	 */
	@Test
	void oneModelIsRetrievedOnlyWhenTheKeyMayUseIt() {
		String secret = key(0, 0, VERSION);
		OpenAIClient client = client(secret);
		assertThat(client.models().retrieve(VERSION).id()).isEqualTo(VERSION);
		assertThat(last().action()).isEqualTo("models.retrieve");
		assertThat(last().inference().requestedModel()).isEqualTo(VERSION);
		assertThat(last().inference().modelVersion()).endsWith("/" + VERSION);
		for (String name : List.of(MODEL, "no-such-model")) {
			assertThatThrownBy(() -> client.models().retrieve(name)).isInstanceOfSatisfying(NotFoundException.class,
					(ex) -> {
						assertThat(ex.code()).hasValue("model_not_found");
						assertThat(ex.getMessage()).contains("'" + name + "'");
					});
			assertThat(last().action()).isEqualTo("models.retrieve");
			assertThat(last().inference().httpStatus()).isEqualTo(404);
			assertThat(last().inference().errorCode()).isEqualTo("model_not_found");
		}
		int records = this.audit.records.size();
		for (String path : List.of("/v1/models/", "/v1/models/" + VERSION + "/x", "/v1/models/a%20b",
				"/v1/models/" + VERSION + ";x=1", "/v1/models/.hidden")) {
			assertError(http().send(http().request(path).header("Authorization", "Bearer " + secret).GET()), 404,
					"unknown_url");
		}
		assertError(post(secret, "/v1/models/" + VERSION, "{}"), 405, "method_not_allowed");
		assertThat(this.audit.records).as("no model path, no record").hasSize(records);
	}

	@Test
	void unknownOrForbiddenModelsAreNotFound() {
		OpenAIClient client = client(key(0, 0, VERSION));
		assertThatThrownBy(() -> client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model("no-such-model").addUserMessage("hi").build()))
			.isInstanceOfSatisfying(NotFoundException.class, (ex) -> assertThat(ex.code()).hasValue("model_not_found"));
		assertThatThrownBy(() -> client.chat().completions().create(chat("hi")))
			.isInstanceOfSatisfying(NotFoundException.class, (ex) -> assertThat(ex.code()).hasValue("model_not_found"));
		assertThat(last().inference().httpStatus()).isEqualTo(404);

		// The refusal's record still says what the call carried.
		HttpResponse<String> refused = post(key(0, 0, VERSION), "/v1/chat/completions",
				"{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
						+ "\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}]}",
				"x-aigov-data-class", "internal");
		assertError(refused, 404, "model_not_found");
		assertThat(last().inference().unscannedParts()).isEqualTo(1);
		assertThat(last().inference().declaredDataClass()).isEqualTo("INTERNAL");
	}

	@Test
	void missingUnknownAndRevokedKeysAreRefused() {
		assertThat(post(null, "/v1/chat/completions", "{}").statusCode()).isEqualTo(401);
		HttpResponse<String> unknown = post("aigov-not-a-key", "/v1/chat/completions", "{}");
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(TestHttp.json(unknown).at("/error/code").asString()).isEqualTo("invalid_api_key");
		var created = this.keys.create(new dev.aigov.proxy.ApplicationKeys.Specification("revoked-app",
				java.util.Set.of(MODEL), java.util.Set.of(), 0, null, 0), "tests");
		assertThat(client(created.secret()).models().list().data()).isNotEmpty();
		assertThat(this.keys.revoke(created.key().id())).isTrue();
		assertThatThrownBy(() -> client(created.secret()).chat().completions().create(chat("hi")))
			.isInstanceOf(UnauthorizedException.class);
		// Basic credentials of an administrator are no application key.
		assertThat(http().post("/v1/chat/completions", "{}", ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(401);
	}

	@Test
	void aSignedInUiSessionIsNoApplicationKey() {
		TestHttp browser = TestHttp.browser(base());
		String token = TestHttp.csrfToken(browser.get("/login").body());
		browser.postForm("/login", java.util.Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "_csrf", token));
		assertThat(browser.get("/api/me").statusCode()).as("signed in").isEqualTo(200);
		HttpResponse<String> response = browser.send(browser.request("/v1/models").GET());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestHttp.json(response).at("/error/code").asString()).isEqualTo("invalid_api_key");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void everyAnswerUnderV1CarriesApiSecurityHeadersAndNoSession() {
		String secret = key(0, 0);
		HttpResponse<String> ok = post(secret, "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		HttpResponse<String> refused = post(null, "/v1/chat/completions", "{}");
		for (HttpResponse<String> response : List.of(ok, refused)) {
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		}
	}

	@Test
	void unknownPathsAndMethodsUnderV1AreRefusedInTheOpenAiShape() {
		String secret = key(0, 0);
		assertThat(post(null, "/v1/completions", "{}").statusCode()).isEqualTo(401);
		assertError(post(secret, "/v1/completions", "{}"), 404, "unknown_url");
		assertError(post(secret, "/v1/chat/completions/", "{}"), 404, "unknown_url");
		assertError(post(secret, "/v1/chat/completions;x=1", "{}"), 404, "unknown_url");
		assertError(post(secret, "/v1/models", "{}"), 405, "method_not_allowed");
		HttpResponse<String> get = http()
			.send(http().request("/v1/chat/completions").header("Authorization", "Bearer " + secret).GET());
		assertError(get, 405, "method_not_allowed");
		assertThat(get.headers().firstValue("Allow")).hasValue("POST");
	}

	/**
	 * Requests that Jetty refuses before any filter sees them (here: headers too large)
	 * still get an OpenAI-shaped JSON error under {@code /v1}, not Jetty's HTML page, so
	 * clients can read them; elsewhere the page stays. (A request line Jetty cannot parse
	 * has no path, and gets Jetty's page: nothing tells that it was meant for the proxy.)
	 */
	@Test
	void requestsRefusedByTheServerItselfUnderV1GetOpenAiErrors() throws Exception {
		String padding = "\r\nX-Padding: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n";
		assertRawError(raw("GET /v1/models HTTP/1.1\r\nHost: x" + padding), 431, "headers_too_large");
		assertRawError(raw("POST /v1/chat/completions HTTP/1.1\r\nHost: x" + padding), 431, "headers_too_large");
		String elsewhere = raw("GET /api/registry HTTP/1.1\r\nHost: x" + padding);
		assertThat(elsewhere).startsWith("HTTP/1.1 431").doesNotContain("headers_too_large");
	}

	/**
	 * A call refused before its body is read (no key, too large, unknown path) still
	 * reads the body the caller sends, so the caller writes it to its end, gets its
	 * answer, and the connection serves the next call. Closing with the body unread would
	 * make the kernel reset the connection, and a client still sending would lose the
	 * answer.
	 */
	@Test
	void bodiesOfRefusedCallsAreReadSoTheConnectionServesTheNextCall() throws Exception {
		byte[] body = ("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
				+ "x".repeat(1_100_000) + "\"}]}")
			.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		String key = "\r\nAuthorization: Bearer " + key(0, 0);
		List<byte[]> calls = new java.util.ArrayList<>();
		for (String head : List.of("POST /v1/chat/completions HTTP/1.1\r\nHost: x",
				"POST /v1/chat/completions HTTP/1.1\r\nHost: x" + key, "POST /v1/unknown HTTP/1.1\r\nHost: x" + key)) {
			calls.add((head + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			calls.add(body);
		}
		calls.add(("GET /v1/models HTTP/1.1\r\nHost: x" + key + "\r\nConnection: close\r\n\r\n")
			.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		try (java.net.Socket socket = send(calls.toArray(byte[][]::new))) {
			socket.setSoTimeout(10_000);
			String answers = new String(socket.getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.UTF_8);
			assertThat(java.util.regex.Pattern.compile("HTTP/1\\.1 \\d{3}")
				.matcher(answers)
				.results()
				.map((m) -> m.group())).as(answers)
				.containsExactly("HTTP/1.1 401", "HTTP/1.1 413", "HTTP/1.1 404", "HTTP/1.1 200");
		}
	}

	/**
	 * A caller that sends its body a few bytes at a time holds a request thread for
	 * seconds, not for as long as it likes: with a key its call is refused 408 once the
	 * body timeout (2 s here) has passed, and audited; without one, the rest of its body
	 * is read for 5 s at most after the 401.
	 */
	@Test
	void aBodyTrickledInIsRefusedWithinSeconds() throws Exception {
		for (String key : java.util.Arrays.asList(null, key(0, 0))) {
			String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
					+ ((key != null) ? "Authorization: Bearer " + key + "\r\n" : "")
					+ "Content-Length: 500000\r\n\r\n{\"model\":\"" + MODEL + "\",";
			long started = System.nanoTime();
			try (java.net.Socket socket = send(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
				java.util.concurrent.CompletableFuture<byte[]> answer = java.util.concurrent.CompletableFuture
					.supplyAsync(() -> {
						try {
							return socket.getInputStream().readAllBytes();
						}
						catch (IOException ex) {
							return new byte[0];
						}
					});
				try {
					while (!answer.isDone() && System.nanoTime() - started < 15_000_000_000L) {
						socket.getOutputStream()
							.write("          ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
						socket.getOutputStream().flush();
						Thread.sleep(200);
					}
				}
				catch (IOException ex) {
					// closed by the proxy
				}
				String received = new String(answer.get(5, java.util.concurrent.TimeUnit.SECONDS),
						java.nio.charset.StandardCharsets.UTF_8);
				assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the connection ended")
					.isLessThan(10_000);
				assertThat(received).startsWith((key != null) ? "HTTP/1.1 408" : "HTTP/1.1 401");
			}
		}
		assertThat(last().inference().httpStatus()).isEqualTo(408);
	}

	private static void assertRawError(String response, int status, String code) {
		assertThat(response).as(response).startsWith("HTTP/1.1 " + status + " ");
		String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
		assertThat(head).contains("content-type: application/json");
		JsonNode error = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(response.substring(response.indexOf("\r\n\r\n") + 4))
			.get("error");
		assertThat(error.get("code").asString()).isEqualTo(code);
		assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.has("message") && error.has("param")).isTrue();
	}

	/** Sends bytes no HTTP client would, and reads the answer to the connection's end. */
	private String raw(String request) throws IOException {
		try (java.net.Socket socket = send(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
			socket.setSoTimeout(10_000);
			return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	/**
	 * Starts a chat call that the upstream takes 10 s to answer ("linger") on a socket of
	 * its own, which the test then closes or half-closes as no HTTP client would.
	 */
	private java.net.Socket lingeringCall(String requestId, boolean stream) throws IOException {
		String body = "{\"model\":\"" + MODEL + "\",\"stream\":" + stream
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"linger please\"}]}";
		byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key(0, 0)
				+ "\r\nContent-Type: application/json\r\nx-request-id: " + requestId + "\r\nContent-Length: "
				+ bytes.length + "\r\n\r\n";
		return send(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII), bytes);
	}

	/** Opens a socket to the appliance and writes these bytes on it. */
	private java.net.Socket send(byte[]... parts) throws IOException {
		java.net.URI uri = http().request("/").build().uri();
		java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
		try {
			for (byte[] part : parts) {
				socket.getOutputStream().write(part);
			}
			socket.getOutputStream().flush();
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	@Test
	void badRequestsGetOpenAiErrorsAndAnAuditRecord() {
		String secret = key(0, 0);
		assertError(post(secret, "/v1/chat/completions", "{not json"), 400, "invalid_json");
		assertError(post(secret, "/v1/chat/completions", "[1,2]"), 400, "invalid_json");
		assertError(post(secret, "/v1/chat/completions", "{not json", "x-aigov-data-class", "confidential"), 400,
				"invalid_json");
		assertThat(last().inference().declaredDataClass()).as("declared before the body was read")
			.isEqualTo("CONFIDENTIAL");
		int sent = upstream.received.size();
		HttpResponse<String> unknownClass = post(secret, "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
				"x-aigov-data-class", "top-secret");
		assertError(unknownClass, 400, "invalid_request");
		assertThat(TestHttp.json(unknownClass).at("/error/message").asString())
			.contains("public, internal, confidential or restricted");
		assertThat(upstream.received).hasSize(sent);
		assertError(post(secret, "/v1/chat/completions", "{\"messages\":[]}"), 400, "invalid_request");
		assertError(post(secret, "/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":[]}"), 400,
				"invalid_request");
		assertError(
				post(secret, "/v1/chat/completions",
						"{\"model\":\"" + MODEL
								+ "\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
				400, "invalid_request");
		assertError(post(secret, "/v1/chat/completions", "{\"model\":\"" + MODEL
				+ "\",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
				400, "invalid_request");
		// Nested past the parser's depth limit, in a tool's schema that the proxy walks.
		assertError(post(secret, "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
						+ "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
						+ "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000) + "}}]}"),
				400, "invalid_json");
		String big = "x".repeat(1_100_000);
		assertError(
				post(secret, "/v1/chat/completions",
						"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}"),
				413, "request_too_large");
		// Refused before its body is read: the caller still gets the answer, not a reset.
		assertError(
				post(null, "/v1/chat/completions",
						"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}"),
				401, "invalid_api_key");
		assertThatThrownBy(() -> client(secret).chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(MODEL)
				.addUserMessage("hi")
				.maxCompletionTokens(-1)
				.build()))
			.isInstanceOf(BadRequestException.class);
		assertThat(last().inference().httpStatus()).isEqualTo(400);
		assertThat(last().inference().errorType()).isEqualTo("invalid_request_error");
	}

	/**
	 * A call holds a request thread for its whole upstream time, so the container's
	 * thread cap is the most calls in flight. Jetty's default of 200 would hold these 250
	 * back until the first ones ended (the upstream sees at most about 200 at once).
	 */
	@Test
	void moreCallsThanJettysDefaultThreadPoolAreInFlightAtOnce() throws Exception {
		String secret = key(0, 0);
		int calls = 250;
		upstream.gather(calls);
		String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"gather\"}]}";
		List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
		try (java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.build()) {
			for (int i = 0; i < calls; i++) {
				HttpRequest request = http().request("/v1/chat/completions")
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + secret)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
				answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
			}
			for (var answer : answers) {
				assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			}
		}
		assertThat(upstream.gatheredTogether.get()).as("calls the upstream held all at once").isEqualTo(calls);
	}

	@Test
	void everyRefusedCallAfterAuthenticationIsAuditedExactlyOnce() {
		String secret = key(0, 0);
		int before = this.audit.records.size();
		post(secret, "/v1/chat/completions", "{not json");
		post(secret, "/v1/chat/completions",
				"{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
		post(secret, "/v1/chat/completions", "{\"model\":\"" + MODEL
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"AKIAIOSFODNN7EXAMPLE\"}]}");
		assertThat(this.audit.records.subList(before, this.audit.records.size()))
			.extracting((r) -> r.inference().httpStatus())
			.containsExactly(400, 404, 403);
	}

	@Test
	void budgetsAndRateLimitsAreEnforced() {
		OpenAIClient budgeted = client(key(30, 0));
		budgeted.chat().completions().create(chat("first call uses eighteen tokens"));
		budgeted.chat().completions().create(chat("second call uses eighteen more"));
		assertThatThrownBy(() -> budgeted.chat().completions().create(chat("third")))
			.isInstanceOfSatisfying(RateLimitException.class, (ex) -> {
				assertThat(ex.code()).hasValue("insufficient_quota");
				assertThat(ex.type()).hasValue("insufficient_quota");
			});
		String limitedKey = key(0, 2);
		OpenAIClient limited = client(limitedKey);
		// Refused input changes nothing, the count of calls included.
		assertError(
				post(limitedKey, "/v1/chat/completions",
						"{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
				404, "model_not_found");
		assertError(
				post(limitedKey, "/v1/chat/completions",
						"{\"model\":\"" + MODEL
								+ "\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
				400, "invalid_request");
		limited.chat().completions().create(chat("one"));
		limited.chat().completions().create(chat("two"));
		assertThatThrownBy(() -> limited.chat().completions().create(chat("three"))).isInstanceOfSatisfying(
				RateLimitException.class, (ex) -> assertThat(ex.code()).hasValue("rate_limit_exceeded"));
	}

	@Test
	void anUpstreamThatHangsOrSendsGarbageIsAGatewayError() {
		OpenAIClient client = client(key(0, 0));
		long started = System.nanoTime();
		assertThatThrownBy(() -> client.chat().completions().create(chat("hang")))
			.isInstanceOfSatisfying(OpenAIServiceException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(504);
				assertThat(ex.code()).hasValue("upstream_timeout");
			});
		assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(8_000);
		assertThat(last().inference().httpStatus()).isEqualTo(504);
		assertThat(last().inference().errorCode()).isEqualTo("upstream_timeout");
		assertThatThrownBy(() -> client.chat().completions().create(chat("garbage")))
			.isInstanceOfSatisfying(OpenAIServiceException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(502);
				assertThat(ex.code()).hasValue("upstream_invalid_response");
				assertThat(ex.getMessage()).doesNotContain("<html>");
			});
		assertThat(last().inference().httpStatus()).isEqualTo(502);
		assertThat(last().inference().errorCode()).isEqualTo("upstream_invalid_response");
	}

	/**
	 * An upstream's refusal reaches the caller as a 400 with the upstream's message; a
	 * refusal by Azure OpenAI's content filter keeps its code and parameter, so that the
	 * caller's handling of it works through the proxy, streamed or not, and its audit
	 * record says which of the two it was.
	 */
	@Test
	void anUpstreamsRefusalAndItsContentFilterAreToldApart() {
		OpenAIClient client = client(key(0, 0));
		assertThatThrownBy(() -> client.chat().completions().create(chat("please refuse this")))
			.isInstanceOfSatisfying(BadRequestException.class, (ex) -> {
				assertThat(ex.code()).hasValue("upstream_rejected");
				assertThat(ex.getMessage()).contains("Unrecognized request argument supplied: frobnicate");
			});
		assertThat(last().inference().httpStatus()).isEqualTo(400);
		assertThat(last().inference().errorType()).isEqualTo("invalid_request_error");
		assertThat(last().inference().errorCode()).isEqualTo("upstream_rejected");
		assertThat(last().inference().decision()).isEqualTo("error");
		assertThatThrownBy(() -> client.chat().completions().create(chat("a prompt the upstream filtered")))
			.isInstanceOfSatisfying(BadRequestException.class, (ex) -> {
				assertThat(ex.code()).hasValue("content_filter");
				assertThat(ex.param()).hasValue("prompt");
				assertThat(ex.getMessage()).contains("content filter").contains("content management policy");
			});
		assertThat(last().inference().errorCode()).isEqualTo("content_filter");
		HttpResponse<String> streamed = post(key(0, 0), "/v1/chat/completions", "{\"model\":\"" + MODEL
				+ "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"filtered, streamed\"}]}");
		assertError(streamed, 400, "content_filter");
		assertThat(last().inference().streamed()).isTrue();
		assertThat(last().inference().errorCode()).isEqualTo("content_filter");
	}

	@Test
	void aPolicyThatCannotDecideRefusesTheCall() {
		HttpResponse<String> response = post(key(0, 0), "/v1/chat/completions",
				"{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
				"x-aigov-data-class", "restricted");
		assertError(response, 503, "policy_error");
		assertThat(last().inference().decision()).isEqualTo("error");
	}

	@Test
	void whenTheAuditLogCannotRecordTheCallIsRefused() {
		String secret = key(0, 0);
		int before = this.audit.records.size();
		this.audit.failing.set(true);
		try {
			assertThatThrownBy(() -> client(secret).chat().completions().create(chat("hello")))
				.isInstanceOfSatisfying(OpenAIServiceException.class, (ex) -> {
					assertThat(ex.statusCode()).isEqualTo(503);
					assertThat(ex.code()).hasValue("audit_unavailable");
				});
		}
		finally {
			this.audit.failing.set(false);
		}
		assertThat(this.audit.records).hasSize(before);
	}

	/**
	 * A stream that fails midway is audited before its error event is sent, so when the
	 * audit cannot record it the caller is told that, not the upstream's failure.
	 */
	@Test
	void aStreamThatFailsWhileTheAuditLogCannotRecordEndsWithAuditUnavailable() {
		String stream = "{\"model\":\"" + MODEL
				+ "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"cutoff\"}]}";
		HttpResponse<String> failed = post(key(0, 0), "/v1/chat/completions", stream);
		// What the guard held back of a broken stream is never released.
		assertThat(failed.body()).contains("\"code\":\"upstream_invalid_response\"").doesNotContain("Partial");
		assertThat(last().inference().httpStatus()).isEqualTo(502);
		int before = this.audit.records.size();
		this.audit.failing.set(true);
		try {
			HttpResponse<String> unrecorded = post(key(0, 0), "/v1/chat/completions", stream);
			assertThat(unrecorded.body()).contains("\"code\":\"audit_unavailable\"")
				.doesNotContain("upstream_invalid_response");
		}
		finally {
			this.audit.failing.set(false);
		}
		assertThat(this.audit.records).hasSize(before);
	}

	/**
	 * A fault nobody foresaw in the middle of a stream ends it with an error event and
	 * one audit record, not with a stream that merely stops.
	 */
	@Test
	void anUnforeseenFaultMidStreamEndsItWithAnErrorEventAndAnAuditRecord() {
		String requestId = "fault-" + System.nanoTime();
		HttpResponse<String> failed = chat(requestId, "FAULT-TRIGGER", true);
		assertThat(failed.statusCode()).isEqualTo(200);
		assertThat(failed.body()).contains("\"code\":\"internal_error\"").doesNotContain("[DONE]");
		assertThat(this.audit.of(requestId)).singleElement()
			.satisfies((record) -> assertThat(record.inference().httpStatus()).isEqualTo(500));
	}

	@Test
	void aCallOnWhichTheJvmFailsIsRefusedAndStillAuditedOnce() {
		String whole = "overflow-" + System.nanoTime();
		HttpResponse<String> refused = chat(whole, "OVERFLOW-TRIGGER", false);
		assertError(refused, 500, "internal_error");
		assertThat(this.audit.of(whole)).singleElement()
			.satisfies((record) -> assertThat(record.inference().httpStatus()).isEqualTo(500));

		// Streamed, the answer has begun: Jetty cuts the connection, so the caller cannot
		// take the stream for complete.
		String streamed = "overflow-stream-" + System.nanoTime();
		assertThatThrownBy(() -> chat(streamed, "OVERFLOW-TRIGGER", true)).hasRootCauseInstanceOf(IOException.class);
		assertThat(this.audit.of(streamed)).singleElement()
			.satisfies((record) -> assertThat(record.inference().httpStatus()).isEqualTo(500));
	}

	@Test
	void aScanThatCannotFinishRefusesTheCallWithAReasonAndAnAuditRecord() {
		// On the prompt: nothing goes upstream.
		int calls = upstream.received.size();
		String requestId = "scan-" + System.nanoTime();
		HttpResponse<String> refused = chat(requestId, "I said: GIVE-UP", false);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("\"code\":\"policy_error\"")
			.contains("pattern TEST gave up")
			.contains("Ask the administrator");
		assertThat(upstream.received).hasSize(calls);
		assertThat(this.audit.of(requestId)).singleElement().satisfies((record) -> {
			assertThat(record.inference().httpStatus()).isEqualTo(503);
			assertThat(record.inference().decision()).isEqualTo("error");
			// The unchecked prompt is kept for its hash, with no redacted form.
			assertThat(record.inference().prompt().raw()).contains("I said: GIVE-UP");
			assertThat(record.inference().prompt().redacted()).isNull();
		});
		// On a streamed answer ("You said: GIVE-UP"): an error event, no [DONE], and the
		// answer's text withheld.
		String streamed = "scan-stream-" + System.nanoTime();
		HttpResponse<String> ended = chat(streamed, "GIVE-UP", true);
		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(ended.body()).contains("\"code\":\"policy_error\"")
			.doesNotContain("[DONE]")
			.doesNotContain("GIVE-UP");
		assertThat(this.audit.of(streamed)).singleElement().satisfies((record) -> {
			assertThat(record.inference().httpStatus()).isEqualTo(503);
			assertThat(record.inference().response().redacted()).isNull();
		});
	}

	@Test
	void aClientThatGoesAwayMidStreamCancelsTheUpstreamCallAndIsAudited() throws Exception {
		int abandoned = upstream.abandonedStreams.get();
		String requestId = "disconnect-" + System.nanoTime();
		HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
			.send(http().request("/v1/chat/completions")
				.header("Authorization", "Bearer " + key(0, 0))
				.header("Content-Type", "application/json")
				.header("x-request-id", requestId)
				.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
						+ "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"slow please\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (java.io.InputStream body = response.body()) {
			assertThat(body.readNBytes(200)).isNotEmpty();
		}
		long deadline = System.nanoTime() + 20_000_000_000L;
		while ((this.audit.of(requestId).isEmpty() || upstream.abandonedStreams.get() == abandoned)
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(upstream.abandonedStreams.get()).as("the upstream stream was cancelled").isGreaterThan(abandoned);
		assertThat(this.audit.of(requestId)).singleElement()
			.satisfies((record) -> assertThat(record.inference().httpStatus()).isEqualTo(499));
	}

	/**
	 * A caller that closes its connection while a whole (non-streamed) answer is awaited:
	 * the upstream, which would take 10 s (the route times out after 2 s), sees its
	 * connection closed well before the timeout, and the call is audited as 499.
	 */
	@Test
	void aClientThatGoesAwayBeforeAWholeAnswerCancelsTheUpstreamCallAndIsAudited() throws Exception {
		goAwayWhileTheUpstreamThinks(false);
	}

	/**
	 * The same for a stream whose upstream sends only SSE comments for 10 s (a model that
	 * thinks before its first token): nothing is written to the caller that would notice
	 * it went away, and the route's timeout does not apply once the stream has begun.
	 */
	@Test
	void aClientThatGoesAwayWhileAStreamIsSilentCancelsTheUpstreamCallAndIsAudited() throws Exception {
		goAwayWhileTheUpstreamThinks(true);
	}

	private void goAwayWhileTheUpstreamThinks(boolean stream) throws Exception {
		int abandoned = upstream.abandonedAnswers.get();
		String requestId = "gone-" + System.nanoTime();
		long closed;
		try (java.net.Socket socket = lingeringCall(requestId, stream)) {
			long held = System.nanoTime() + 5_000_000_000L;
			while (upstream.lingering.get() == 0 && System.nanoTime() < held) {
				Thread.sleep(20);
			}
			assertThat(upstream.lingering.get()).as("the call reached the upstream").isPositive();
			Thread.sleep(300);
			closed = System.nanoTime();
		}
		long deadline = System.nanoTime() + 8_000_000_000L;
		while ((this.audit.of(requestId).isEmpty() || upstream.abandonedAnswers.get() == abandoned)
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(upstream.abandonedAnswers.get()).as("the upstream call was cancelled").isGreaterThan(abandoned);
		assertThat((System.nanoTime() - closed) / 1_000_000).as("ms from the close until cancelled").isLessThan(1_500);
		assertThat(this.audit.of(requestId)).singleElement().satisfies((record) -> {
			assertThat(record.inference().httpStatus()).isEqualTo(499);
			assertThat(record.inference().errorType()).isEqualTo("invalid_request_error");
			assertThat(record.inference().errorCode()).isEqualTo("client_closed_request");
			assertThat(record.inference().decision()).as("the policy's decision is kept").isEqualTo("allow");
			assertThat(record.inference().inputTokens()).as("the prompt the upstream read, charged").isPositive();
		});
	}

	/**
	 * A caller that only half-closes (shuts its output, still reads) is taken as gone, as
	 * nginx does, and is told so: 499 in the OpenAI error shape, not an empty 200.
	 */
	@Test
	void aClientThatHalfClosesIsToldItsCallWasCancelled() throws Exception {
		String requestId = "half-" + System.nanoTime();
		try (java.net.Socket socket = lingeringCall(requestId, false)) {
			socket.setSoTimeout(5_000);
			socket.shutdownOutput();
			String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 499").contains("\"code\":\"client_closed_request\"");
		}
		assertThat(this.audit.of(requestId)).singleElement()
			.satisfies((record) -> assertThat(record.inference().httpStatus()).isEqualTo(499));
	}

	@Test
	void administratorsCreateListAndRevokeKeysAndSeeTheSecretOnlyOnce() {
		HttpResponse<String> created = http()
			.post("/api/admin/proxy/keys", "{\"application\":\"helpdesk\",\"allowedModels\":[\"" + MODEL
					+ "\"],\"allowedDataClasses\":[\"PUBLIC\"],\"tokenBudget\":1000,\"budgetPeriod\":\"HOUR\",\"requestsPerMinute\":60}",
					ADMIN, ADMIN_PASSWORD);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode body = TestHttp.json(created);
		String id = body.at("/key/id").asString();
		String secret = body.get("secret").asString();
		assertThat(secret).startsWith("aigov-");
		assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/proxy/keys/" + id);
		assertThat(client(secret).models().list().data()).extracting((m) -> m.id()).containsExactly(MODEL);

		HttpResponse<String> list = http().get("/api/admin/proxy/keys", ADMIN, ADMIN_PASSWORD);
		assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("secretHash");
		assertThat(http().get("/api/admin/proxy/keys/" + id, ADMIN, ADMIN_PASSWORD).body())
			.contains("\"tokenBudget\":1000");

		assertThat(http().send("DELETE", "/api/admin/proxy/keys/" + id, null, ADMIN, ADMIN_PASSWORD).statusCode())
			.isEqualTo(204);
		assertThat(http().send("DELETE", "/api/admin/proxy/keys/" + id, null, ADMIN, ADMIN_PASSWORD).statusCode())
			.isEqualTo(404);
		assertThatThrownBy(() -> client(secret).models().list()).isInstanceOf(UnauthorizedException.class);

		HttpResponse<String> invalid = http().post("/api/admin/proxy/keys",
				"{\"application\":\"x\",\"allowedModels\":[]}", ADMIN, ADMIN_PASSWORD);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("allowedModels");
		HttpResponse<String> routes = http().get("/api/proxy/routes", ADMIN, ADMIN_PASSWORD);
		assertThat(routes.body()).contains("support-chat-onprem", "on-prem").doesNotContain("sk-upstream-secret");
	}

	private AuditRecord last() {
		return this.audit.records.get(this.audit.records.size() - 1);
	}

	/** One user message to the test model with key (0, 0), under this request id. */
	private HttpResponse<String> chat(String requestId, String content, boolean stream) {
		return http().send(http().request("/v1/chat/completions")
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + key(0, 0))
			.header("x-request-id", requestId)
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"stream\":" + stream
					+ ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}")));
	}

	/** Posts a JSON body with the given key (none if null) and further header pairs. */
	private HttpResponse<String> post(String secret, String path, String body, String... headers) {
		HttpRequest.Builder request = http().request(path)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (secret != null) {
			request.header("Authorization", "Bearer " + secret);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return http().send(request);
	}

	/** The first choice's delta of each event of a streamed answer, in order. */
	private static List<JsonNode> deltas(HttpResponse<String> streamed) {
		return streamed.body()
			.lines()
			.filter((line) -> line.startsWith("data: {"))
			.map((line) -> TestHttp.json(line.substring(6)).at("/choices/0/delta"))
			.toList();
	}

	private static void assertError(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode error = TestHttp.json(response).get("error");
		assertThat(error.get("code").asString()).isEqualTo(code);
		assertThat(error.has("message") && error.has("type") && error.has("param")).isTrue();
	}

}
