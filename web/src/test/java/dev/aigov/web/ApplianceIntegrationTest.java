package dev.aigov.web;

import java.nio.file.Path;

import dev.aigov.eslauncher.junit.SharedElasticsearch;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole appliance: a real Elasticsearch shared by the test
 * JVM and a real TDB2 store in a temporary directory. Every subclass gets the same
 * configuration, so Spring starts the application once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "aigov.audit.elasticsearch.embedded.enabled=false",
				"aigov.security.admin-password=" + ApplianceIntegrationTest.ADMIN_PASSWORD,
				"aigov.demo.enabled=false" })
public abstract class ApplianceIntegrationTest {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final Path dataDir = TestDataDirectory.create("it");

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.elasticsearch.uris", SharedElasticsearch::url);
		String auditPrefix = auditIndexPrefix();
		registry.add("aigov.audit.elasticsearch.index-prefix", () -> auditPrefix);
		registry.add("aigov.data-dir", dataDir::toString);
	}

	/**
	 * Audit indices of a test context's own. Contexts stay cached and keep writing
	 * checkpoints signed with their own keys, which another context's verifier cannot
	 * check; sharing one Elasticsearch, they must not share indices.
	 */
	public static String auditIndexPrefix() {
		return "t" + Long.toString(System.nanoTime(), 36) + "-audit";
	}

	protected TestHttp http() {
		return TestHttp.to("http://127.0.0.1:" + this.port);
	}

	protected TestHttp browser() {
		return TestHttp.browser("http://127.0.0.1:" + this.port);
	}

}
