package dev.aigov.web.proxy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigov.audit.AuditPage;
import dev.aigov.audit.AuditPipeline;
import dev.aigov.audit.AuditQuery;
import dev.aigov.audit.AuditSearch;
import dev.aigov.eslauncher.junit.SharedElasticsearch;
import dev.aigov.policy.DataClass;
import dev.aigov.proxy.ApplicationKeys;
import dev.aigov.web.TestDataDirectory;
import dev.aigov.web.TestHttp;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.RegistryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The proxy with the real parts, as an operator runs it: the default detector suite, the
 * built-in runtime pack (Drools) and the durable audit pipeline shipping to the real
 * Elasticsearch. Driven by the official OpenAI Java SDK. Each call is decided by the
 * pack's own rules and found in the audit index exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "aigov.audit.elasticsearch.embedded.enabled=false",
				"aigov.security.admin-password=" + ProxyIntegrationTest.ADMIN_PASSWORD, "aigov.demo.enabled=false",
				"aigov.proxy.routes.support-chat.upstream=external",
				"aigov.proxy.routes.support-chat.upstream-model=fake-gpt",
				"aigov.proxy.routes.support-chat-onprem.upstream=onprem",
				"aigov.proxy.routes.support-chat-onprem.upstream-model=fake-local",
				"aigov.proxy.upstreams.external.location=external", "aigov.proxy.upstreams.external.timeout=2s",
				"aigov.proxy.upstreams.external.api-key=" + ProxyEndToEndIntegrationTests.UPSTREAM_CREDENTIAL,
				"aigov.proxy.upstreams.onprem.location=on-prem", "aigov.proxy.upstreams.onprem.timeout=2s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyEndToEndIntegrationTests {

	static final String UPSTREAM_CREDENTIAL = "sk-upstream-credential-for-tests";

	static final FakeOpenAi upstream = ProxyIntegrationTest.start();

	private static final Path dataDir = TestDataDirectory.create("proxy-it");

	@LocalServerPort
	int port;

	@Autowired
	RegistryService registry;

	@Autowired
	ApprovalWorkflow workflow;

	@Autowired
	ApplicationKeys keys;

	@Autowired
	AuditSearch search;

	@Autowired
	AuditPipeline pipeline;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.elasticsearch.uris", SharedElasticsearch::url);
		String auditPrefix = dev.aigov.web.ApplianceIntegrationTest.auditIndexPrefix();
		registry.add("aigov.audit.elasticsearch.index-prefix", () -> auditPrefix);
		registry.add("aigov.data-dir", dataDir::toString);
		registry.add("aigov.proxy.upstreams.external.base-url", () -> upstream.baseUrl("/external/v1"));
		registry.add("aigov.proxy.upstreams.onprem.base-url", () -> upstream.baseUrl("/onprem/v1"));
	}

	@BeforeAll
	void deploy() {
		ProxyIntegrationTest.deploy(this.registry, this.workflow);
	}

	@Test
	void theRoutesPageShowsEachRouteItsUpstreamAndTheVersionDeployedOnItButNeverTheCredential() {
		HttpResponse<String> page = signedInAdmin().get("/admin/proxy/routes?lang=en");
		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		assertThat(html)
			.contains("id=\"route-support-chat\"", "id=\"route-support-chat-onprem\"", "fake-gpt", "fake-local",
					upstream.baseUrl("/external/v1"), "On premises", "External provider", "Configured (not shown)",
					"/registry/model-version/" + ProxyIntegrationTest.VERSION)
			.doesNotContain(UPSTREAM_CREDENTIAL);
		assertThat(html.substring(html.indexOf("id=\"route-support-chat\""),
				html.indexOf("id=\"route-support-chat-onprem\"")))
			.as("the version is deployed on the external route")
			.contains(ProxyIntegrationTest.VERSION);
	}

	@Test
	void theRuntimePackAllowsReroutesAndBlocksAndEveryCallIsInTheAuditIndexOnce() {
		Instant from = Instant.now().minusSeconds(1);
		OpenAIClient client = client("e2e-app", DataClass.PUBLIC, DataClass.INTERNAL, DataClass.CONFIDENTIAL);

		ChatCompletion plain = client.chat().completions().create(chat("What is the return policy?"));
		assertThat(plain.choices().get(0).message().content()).hasValue("You said: What is the return policy?");
		assertThat(upstream.last().path()).isEqualTo("/external/v1/chat/completions");

		// A Taiwanese national ID (checksum valid) is personal data: it stays on
		// premises.
		ChatCompletion personal = client.chat().completions().create(chat("Customer A123456789 asks about a refund."));
		assertThat(personal.choices().get(0).message().content())
			.hasValue("You said: Customer A123456789 asks about a refund.");
		assertThat(upstream.last().path()).as("rerouted by runtime.confidential-reroute")
			.isEqualTo("/onprem/v1/chat/completions");

		// A cloud access key is restricted: this key may not send it anywhere.
		int received = upstream.received.size();
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> client.chat().completions().create(chat("Deploy with AKIAIOSFODNN7EXAMPLE please")))
			.withMessageContaining("RESTRICTED");
		assertThat(upstream.received).as("nothing reached an upstream").hasSize(received);

		assertThat(this.pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
		AuditPage page = this.search.search(new AuditQuery(from, Instant.now().plusSeconds(5), "inference", "e2e-app",
				null, null, null, null, null, null, 50, null));
		assertThat(page.records()).as("one record per call").hasSize(3);
		List<String> decisions = page.records().stream().map((r) -> decision(r)).sorted().toList();
		assertThat(decisions).containsExactly("allow", "block", "reroute");
		Map<String, Object> blocked = record(page, "block");
		assertThat(blocked.toString()).contains("runtime.data-class-not-allowed")
			.contains("AWS_ACCESS_KEY")
			.doesNotContain("AKIAIOSFODNN7EXAMPLE");
		assertThat(blocked.get("error")).as("what the caller was told, in the index's strict mapping")
			.isEqualTo(Map.of("type", "policy_violation", "code", "runtime.data-class-not-allowed"));
		Map<String, Object> rerouted = record(page, "reroute");
		assertThat(rerouted.toString()).contains("TW_NATIONAL_ID").doesNotContain("A123456789");
		assertThat(rerouted).doesNotContainKey("error");

		TestHttp officer = signedInAdmin();
		assertThat(officer.get("/audit?application=e2e-app&lang=en").body()).contains("Error returned",
				"<code>HTTP 403 runtime.data-class-not-allowed</code>");
		List<String> csv = officer.get("/audit/export?format=csv&application=e2e-app").body().lines().toList();
		assertThat(csv.get(0)).startsWith("id,time,category,action,outcome,http_status,error_code,user,");
		assertThat(csv).hasSize(4)
			.anySatisfy((row) -> assertThat(row).contains(",failure,403,runtime.data-class-not-allowed,"))
			.anySatisfy((row) -> assertThat(row).contains(",success,200,,"));
	}

	@Test
	void contentTheDetectorsCannotReadStaysOnPremisesUnlessItsDataClassIsDeclared() {
		Instant from = Instant.now().minusSeconds(1);
		OpenAIClient client = client("e2e-images", DataClass.PUBLIC, DataClass.INTERNAL);
		ChatCompletionCreateParams scan = ChatCompletionCreateParams.builder()
			.model(ProxyIntegrationTest.MODEL)
			.addUserMessageOfArrayOfContentParts(List.of(
					ChatCompletionContentPart
						.ofText(ChatCompletionContentPartText.builder().text("What does this scan say?").build()),
					ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
						.imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
							.url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==")
							.build())
						.build())))
			.build();

		client.chat().completions().create(scan);
		assertThat(upstream.last().path()).as("rerouted by runtime.unscanned-content-reroute")
			.isEqualTo("/onprem/v1/chat/completions");
		assertThat(upstream.last().body().at("/messages/0/content/1/image_url/url").asString())
			.startsWith("data:image/png");

		client.chat()
			.completions()
			.create(scan.toBuilder().putAdditionalHeader("x-aigov-data-class", "internal").build());
		assertThat(upstream.last().path()).as("the caller vouched for the image")
			.isEqualTo("/external/v1/chat/completions");

		assertThat(this.pipeline.awaitShipped(Duration.ofSeconds(30), true)).isTrue();
		AuditPage page = this.search.search(new AuditQuery(from, Instant.now().plusSeconds(5), "inference",
				"e2e-images", null, null, null, null, null, null, 50, null));
		assertThat(page.records()).hasSize(2);
		assertThat(page.records().stream().map((r) -> decision(r)).sorted().toList()).containsExactly("allow",
				"reroute");
		Map<String, Object> rerouted = record(page, "reroute");
		assertThat(rerouted.toString()).contains("runtime.unscanned-content-reroute");
		assertThat(aigov(rerouted)).containsEntry("unscanned_parts", 1).doesNotContainKey("declared_data_class");
		assertThat(aigov(record(page, "allow"))).containsEntry("unscanned_parts", 1)
			.containsEntry("declared_data_class", "INTERNAL");

		TestHttp officer = signedInAdmin();
		String explorer = officer.get("/audit?application=e2e-images&lang=zh-TW").body();
		assertThat(explorer).contains("偵測器無法檢查的內容", "1 個部分：圖片、音訊或檔案", "呼叫端宣告的資料等級", "<dd>INTERNAL</dd>");
		List<String> csv = officer.get("/audit/export?format=csv&application=e2e-images").body().lines().toList();
		assertThat(csv.get(0)).contains(",detector_types,declared_data_class,unscanned_parts,");
		assertThat(csv).hasSize(3).anySatisfy((row) -> assertThat(row).contains(",INTERNAL,1,"));
	}

	/** The official client with a new key of the application, for the test's model. */
	private OpenAIClient client(String application, DataClass... classes) {
		return OpenAIOkHttpClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/v1")
			.apiKey(this.keys
				.create(new ApplicationKeys.Specification(application, Set.of(ProxyIntegrationTest.MODEL),
						Set.of(classes), 0, null, 0), "tests")
				.secret())
			.maxRetries(0)
			.build();
	}

	private TestHttp signedInAdmin() {
		TestHttp http = TestHttp.browser("http://127.0.0.1:" + this.port);
		String login = http.get("/login").body();
		assertThat(http
			.postForm("/login", Map.of("username", ProxyIntegrationTest.ADMIN, "password",
					ProxyIntegrationTest.ADMIN_PASSWORD, "_csrf", TestHttp.csrfToken(login)))
			.statusCode()).isEqualTo(302);
		return http;
	}

	private static Map<String, Object> record(AuditPage page, String decision) {
		return page.records().stream().filter((r) -> decision.equals(decision(r))).findFirst().orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> aigov(Map<String, Object> record) {
		return (Map<String, Object>) record.get("aigov");
	}

	@SuppressWarnings("unchecked")
	private static String decision(Map<String, Object> record) {
		Map<String, Object> aigov = (Map<String, Object>) record.get("aigov");
		return (String) ((Map<String, Object>) aigov.get("policy")).get("decision");
	}

	private static ChatCompletionCreateParams chat(String prompt) {
		return ChatCompletionCreateParams.builder().model(ProxyIntegrationTest.MODEL).addUserMessage(prompt).build();
	}

}
