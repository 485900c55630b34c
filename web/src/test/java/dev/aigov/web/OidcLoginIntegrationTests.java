package dev.aigov.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.aigov.eslauncher.junit.SharedElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import testsupport.oidc.TestIssuer;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC sign-in against a real authorization server (Spring Authorization Server) that the
 * test starts itself, configured only through Spring Boot's standard properties. The
 * browser's full redirect dance is driven over HTTP, cookies and all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "aigov.audit.elasticsearch.embedded.enabled=false",
				"aigov.security.admin-password=oidc-test-admin-password", "aigov.demo.enabled=false" })
class OidcLoginIntegrationTests {

	private static final int appliancePort = freePort();

	private static ConfigurableApplicationContext issuer;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		issuer = TestIssuer.start("http://127.0.0.1:" + appliancePort + "/login/oauth2/code/corp");
		String registration = "spring.security.oauth2.client.registration.corp.";
		registry.add("server.port", () -> appliancePort);
		registry.add("spring.elasticsearch.uris", SharedElasticsearch::url);
		String auditPrefix = dev.aigov.web.ApplianceIntegrationTest.auditIndexPrefix();
		registry.add("aigov.audit.elasticsearch.index-prefix", () -> auditPrefix);
		registry.add("aigov.data-dir", TestDataDirectory.create("oidc")::toString);
		registry.add(registration + "client-id", () -> TestIssuer.CLIENT_ID);
		registry.add(registration + "client-secret", () -> TestIssuer.CLIENT_SECRET);
		registry.add(registration + "scope", () -> "openid,profile");
		registry.add("spring.security.oauth2.client.provider.corp.issuer-uri", () -> TestIssuer.issuerUri(issuer));
	}

	@AfterAll
	static void stopIssuer() {
		if (issuer != null) {
			issuer.close();
		}
	}

	@Test
	void aUserSignsInThroughTheIdentityProviderAndGetsTheRolesItAsserts() {
		TestHttp browser = signIn("olivia");
		HttpResponse<String> response = browser.get("/api/me");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode me = TestHttp.json(response);
		assertThat(me.path("username").asString()).isEqualTo("olivia");
		assertThat(me.path("roles").toString()).isEqualTo("[\"COMPLIANCE_OFFICER\"]");
		assertThat(browser.get("/api/admin/users").statusCode()).isEqualTo(403);
	}

	@Test
	void aUserWithoutAnApplianceRoleSignsInButMayDoNothing() {
		TestHttp browser = signIn("nora");
		JsonNode me = TestHttp.json(browser.get("/api/me"));
		assertThat(me.path("username").asString()).isEqualTo("nora");
		assertThat(me.path("roles").size()).isZero();
		assertThat(browser.get("/api/admin/users").statusCode()).isEqualTo(403);
	}

	@Test
	void theLoginPageOffersTheIdentityProvider() {
		String page = TestHttp.browser(appliance()).get("/login").body();
		assertThat(page).contains("/oauth2/authorization/corp");
	}

	private TestHttp signIn(String user) {
		TestHttp browser = TestHttp.browser(appliance());
		HttpResponse<String> start = browser.get("/oauth2/authorization/corp");
		assertThat(start.statusCode()).isEqualTo(302);
		String authorize = location(start);
		assertThat(authorize).startsWith(TestIssuer.issuerUri(issuer) + "/oauth2/authorize");

		HttpResponse<String> toLogin = browser.get(authorize);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		String loginUrl = location(toLogin);
		String loginPage = browser.get(loginUrl).body();
		HttpResponse<String> loggedIn = browser.postForm(loginUrl,
				Map.of("username", user, "password", TestIssuer.PASSWORD, "_csrf", TestHttp.csrfToken(loginPage)));
		assertThat(loggedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> backToAuthorize = browser.get(location(loggedIn));
		assertThat(backToAuthorize.statusCode()).as(backToAuthorize.body()).isEqualTo(302);
		String callback = location(backToAuthorize);
		assertThat(callback).startsWith(appliance() + "/login/oauth2/code/corp?code=");

		HttpResponse<String> done = browser.get(callback);
		assertThat(done.statusCode()).isEqualTo(302);
		assertThat(location(done)).doesNotContain("error");
		return browser;
	}

	private static String location(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		return location.startsWith("/") ? response.uri().resolve(location).toString() : location;
	}

	private static String appliance() {
		return "http://127.0.0.1:" + appliancePort;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
