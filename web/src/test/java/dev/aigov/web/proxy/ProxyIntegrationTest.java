package dev.aigov.web.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.eslauncher.junit.SharedElasticsearch;
import dev.aigov.proxy.ApplicationKeys;
import dev.aigov.registry.Actor;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Role;
import dev.aigov.web.TestDataDirectory;
import dev.aigov.web.TestHttp;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the proxy's acceptance tests: the whole appliance with the proxy's test
 * stand-ins for detectors, policy and audit ({@link ProxyTestBeans}), three routes to a
 * fake OpenAI server on loopback (one external, one on-prem, one addressed as Azure
 * OpenAI's deployments API), and a model version that is approved and deployed on the
 * first two. One Spring context for all subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"aigov.audit.elasticsearch.embedded.enabled=false",
		"aigov.security.admin-password=" + ProxyIntegrationTest.ADMIN_PASSWORD, "aigov.demo.enabled=false",
		"aigov.proxy.routes.support-chat.upstream=external", "aigov.proxy.routes.support-chat.upstream-model=fake-gpt",
		"aigov.proxy.routes.support-chat-onprem.upstream=onprem",
		"aigov.proxy.routes.support-chat-onprem.upstream-model=fake-local",
		"aigov.proxy.upstreams.external.location=external", "aigov.proxy.upstreams.external.api-key=sk-upstream-secret",
		"aigov.proxy.upstreams.external.timeout=2s", "aigov.proxy.upstreams.onprem.location=on-prem",
		"aigov.proxy.upstreams.onprem.timeout=2s", "aigov.proxy.upstreams.azure.api=azure",
		"aigov.proxy.upstreams.azure.api-version=2024-10-21",
		"aigov.proxy.upstreams.azure.api-key=azure-upstream-secret", "aigov.proxy.upstreams.azure.timeout=2s",
		"aigov.proxy.routes.support-chat-azure.upstream=azure",
		"aigov.proxy.routes.support-chat-azure.upstream-model=chat-prod", "aigov.proxy.hold-back-chars=32",
		"aigov.proxy.body-timeout=2s" })
@Import(ProxyTestBeans.class)
abstract class ProxyIntegrationTest {

	static final String ADMIN = "admin";

	static final String ADMIN_PASSWORD = "proxy-admin-password-for-tests";

	static final String MODEL = "proxy-bot";

	static final String VERSION = "proxy-bot-1";

	static final FakeOpenAi upstream = start();

	private static final Path dataDir = TestDataDirectory.create("proxy-it");

	private static volatile boolean deployed;

	@LocalServerPort
	protected int port;

	@Autowired
	RegistryService registry;

	@Autowired
	ApprovalWorkflow workflow;

	@Autowired
	ApplicationKeys keys;

	@Autowired
	ProxyTestBeans.RecordingAuditLog audit;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.elasticsearch.uris", SharedElasticsearch::url);
		String auditPrefix = dev.aigov.web.ApplianceIntegrationTest.auditIndexPrefix();
		registry.add("aigov.audit.elasticsearch.index-prefix", () -> auditPrefix);
		registry.add("aigov.data-dir", dataDir::toString);
		registry.add("aigov.proxy.upstreams.external.base-url", () -> upstream.baseUrl("/external/v1"));
		registry.add("aigov.proxy.upstreams.onprem.base-url", () -> upstream.baseUrl("/onprem/v1"));
		registry.add("aigov.proxy.upstreams.azure.base-url", () -> upstream.baseUrl("/azure/openai"));
	}

	@BeforeEach
	void deployModelVersion() {
		synchronized (ProxyIntegrationTest.class) {
			if (!deployed) {
				deploy(this.registry, this.workflow);
				deployed = true;
			}
		}
	}

	/**
	 * Registers {@value #VERSION} with a résumé complete enough to be approved, approves
	 * it and deploys it on the on-prem route and then on the external one (the newest
	 * deployment is the default route).
	 */
	static void deploy(RegistryService registry, ApprovalWorkflow workflow) {
		Actor owner = new Actor("proxy.owner", Set.of(Role.MODEL_OWNER));
		create(registry, owner, Kind.AI_SYSTEM, "id", "proxy-assistant", "name", "Proxy test assistant", "purpose",
				"Answer questions in tests.", "riskLevel", "limited", "decidesAboutPeople", false, "owner",
				owner.username());
		create(registry, owner, Kind.BASE_MODEL, "id", "proxy-base", "name", "Base 7B", "provider", "Example",
				"version", "1", "licenseExpression", "Apache-2.0", "source", "https://example.org/base-7b");
		create(registry, owner, Kind.DATASET, "id", "proxy-tickets", "name", "Tickets");
		create(registry, owner, Kind.DATASET_VERSION, "id", "proxy-tickets-1", "dataset", "proxy-tickets", "version",
				"1", "source", "https://example.org/tickets", "licenseExpression", "LicenseRef-internal", "sensitivity",
				"internal", "containsPersonalData", true, "legalBasis", "contract", "anonymisationMethod",
				"placeholders", "collection", "Closed tickets.", "cleaning", "Duplicates removed.", "labelling",
				"Rated answers kept.");
		create(registry, owner, Kind.TRAINING_RUN, "id", "proxy-run-1", "runKind", "fine-tuning", "datasets",
				List.of("proxy-tickets-1"), "baseModels", List.of("proxy-base"), "codeReference", "git#1", "compute",
				"1 GPU", "energyKwh", 1.0);
		deployModel(registry, workflow, MODEL, "Proxy bot", VERSION, "proxy-eval-1", "on-premises",
				"support-chat-onprem", "support-chat");
	}

	/**
	 * Registers a model of the test system (after {@link #deploy}) and one version of it,
	 * trained like {@value #VERSION}, approves the version and deploys it on the routes
	 * in order.
	 */
	static void deployModel(RegistryService registry, ApprovalWorkflow workflow, String model, String name,
			String version, String evaluation, String servingProvider, String... routes) {
		Actor owner = new Actor("proxy.owner", Set.of(Role.MODEL_OWNER));
		Actor officer = new Actor("proxy.officer", Set.of(Role.COMPLIANCE_OFFICER));
		create(registry, owner, Kind.MODEL, "id", model, "name", name, "system", "proxy-assistant", "owner",
				owner.username());
		create(registry, owner, Kind.MODEL_VERSION, "id", version, "model", model, "version", "1.0.0", "task",
				"text generation", "architecture", "transformer", "intendedUse", "Draft answers.", "limitations",
				"May be wrong.", "explanationMethod", "Cited passages", "servingProvider", servingProvider,
				"licenseExpression", "Apache-2.0", "baseModels", List.of("proxy-base"), "trainingRun", "proxy-run-1",
				"energyPerInferenceWh", 0.3);
		create(registry, owner, Kind.EVALUATION, "id", evaluation, "modelVersion", version, "evaluationKind",
				"groundedness", "method", "Held-out tickets", "metrics",
				List.of(Map.of("name", "groundedness", "value", 0.9)));
		workflow.submit(version, owner);
		workflow.approve(version, "Good enough for tests.", officer);
		for (String route : routes) {
			workflow.deploy(version, "production", route, owner);
		}
	}

	private static void create(RegistryService registry, Actor actor, Kind kind, Object... fields) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			map.put((String) fields[i], fields[i + 1]);
		}
		if (!registry.exists(new EntityRef(kind, (String) map.get("id")))) {
			registry.create(kind, map, actor);
		}
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	TestHttp http() {
		return TestHttp.to(base());
	}

	/** A new key for the test model, with the given limits. */
	String key(long tokenBudget, int requestsPerMinute, String... models) {
		return this.keys
			.create(new ApplicationKeys.Specification("proxy-tests",
					Set.of((models.length == 0) ? new String[] { MODEL } : models),
					Set.of(dev.aigov.policy.DataClass.PUBLIC, dev.aigov.policy.DataClass.INTERNAL), tokenBudget, null,
					requestsPerMinute), "tests")
			.secret();
	}

	static FakeOpenAi start() {
		try {
			return new FakeOpenAi();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
