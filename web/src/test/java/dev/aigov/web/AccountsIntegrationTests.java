package dev.aigov.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.aigov.web.account.AccountService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User management by the administrator, and each user's own password.
 */
class AccountsIntegrationTests extends ApplianceIntegrationTest {

	@Autowired
	AccountService accounts;

	@Test
	void anAdministratorCreatesAUserWhoSignsInWithTheGeneratedPassword() {
		HttpResponse<String> created = http().post("/api/admin/users", TestHttp
			.toJson(Map.of("username", "carol", "displayName", "Carol Chen", "roles", List.of("COMPLIANCE_OFFICER"))),
				ADMIN, ADMIN_PASSWORD);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/users/carol");
		JsonNode body = TestHttp.json(created);
		String password = body.path("generatedPassword").asString();
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);
		assertThat(created.body()).doesNotContain("passwordHash").doesNotContain("bcrypt");

		JsonNode me = TestHttp.json(http().get("/api/me", "carol", password));
		assertThat(me.path("username").asString()).isEqualTo("carol");
		assertThat(me.path("roles").toString()).isEqualTo("[\"COMPLIANCE_OFFICER\"]");
		assertThat(this.accounts.find("carol").orElseThrow().passwordHash()).startsWith("{bcrypt}$2");
	}

	@Test
	void invalidInputGetsAProblemAndChangesNothing() {
		HttpResponse<String> badName = http().post("/api/admin/users",
				TestHttp.toJson(Map.of("username", "bad name!", "password", "long-enough-password")), ADMIN,
				ADMIN_PASSWORD);
		assertThat(badName.statusCode()).isEqualTo(400);
		assertThat(badName.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(TestHttp.json(badName).path("detail").asString()).contains("2 to 64 characters");

		HttpResponse<String> missing = http().post("/api/admin/users", "{}", ADMIN, ADMIN_PASSWORD);
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(TestHttp.json(missing).path("errors").get(0).path("field").asString()).isEqualTo("username");

		HttpResponse<String> unknownRole = http().post("/api/admin/users",
				"{\"username\":\"dave\",\"roles\":[\"SUPERUSER\"]}", ADMIN, ADMIN_PASSWORD);
		assertThat(unknownRole.statusCode()).isEqualTo(400);

		HttpResponse<String> shortPassword = http().post("/api/admin/users",
				"{\"username\":\"dave\",\"password\":\"short\"}", ADMIN, ADMIN_PASSWORD);
		assertThat(shortPassword.statusCode()).isEqualTo(400);
		assertThat(this.accounts.find("dave")).isEmpty();

		HttpResponse<String> malformed = http().post("/api/admin/users", "{\"username\":", ADMIN, ADMIN_PASSWORD);
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void usernamesAreUnique() {
		String body = TestHttp.toJson(Map.of("username", "erin", "password", "erin-password-1"));
		assertThat(http().post("/api/admin/users", body, ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(201);
		HttpResponse<String> again = http().post("/api/admin/users",
				TestHttp.toJson(Map.of("username", "erin", "password", "other-password-2", "roles", List.of("ADMIN"))),
				ADMIN, ADMIN_PASSWORD);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.accounts.find("erin").orElseThrow().roles()).isEmpty();
		assertThat(http().get("/api/me", "erin", "erin-password-1").statusCode()).isEqualTo(200);
	}

	@Test
	void theLastAdministratorCannotBeDemotedOrDisabled() {
		HttpResponse<String> demote = http().send("PATCH", "/api/admin/users/admin", "{\"roles\":[\"AUDITOR\"]}", ADMIN,
				ADMIN_PASSWORD);
		assertThat(demote.statusCode()).isEqualTo(409);
		HttpResponse<String> disable = http().send("PATCH", "/api/admin/users/admin", "{\"enabled\":false}", ADMIN,
				ADMIN_PASSWORD);
		assertThat(disable.statusCode()).isEqualTo(409);
		assertThat(http().get("/api/me", ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void rolesChangeAndDisabledUsersCannotSignIn() {
		http().post("/api/admin/users",
				TestHttp.toJson(
						Map.of("username", "frank", "password", "frank-password-1", "roles", List.of("MODEL_OWNER"))),
				ADMIN, ADMIN_PASSWORD);
		HttpResponse<String> patched = http().send("PATCH", "/api/admin/users/frank",
				"{\"roles\":[\"AUDITOR\",\"MODEL_OWNER\"]}", ADMIN, ADMIN_PASSWORD);
		assertThat(patched.statusCode()).isEqualTo(200);
		assertThat(TestHttp.json(http().get("/api/me", "frank", "frank-password-1")).path("roles").toString())
			.isEqualTo("[\"AUDITOR\",\"MODEL_OWNER\"]");
		http().send("PATCH", "/api/admin/users/frank", "{\"enabled\":false}", ADMIN, ADMIN_PASSWORD);
		assertThat(http().get("/api/me", "frank", "frank-password-1").statusCode()).isEqualTo(401);
		assertThat(http().send("PATCH", "/api/admin/users/nobody", "{\"enabled\":false}", ADMIN, ADMIN_PASSWORD)
			.statusCode()).isEqualTo(404);
	}

	@Test
	void aSignedInUserChangesTheirOwnPasswordOnlyWithACsrfToken() {
		http().post("/api/admin/users", TestHttp.toJson(Map.of("username", "grace", "password", "grace-password-1")),
				ADMIN, ADMIN_PASSWORD);
		TestHttp browser = browser();
		String loginPage = browser.get("/login").body();
		HttpResponse<String> login = browser.postForm("/login",
				Map.of("username", "grace", "password", "grace-password-1", "_csrf", TestHttp.csrfToken(loginPage)));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);

		String change = "{\"currentPassword\":\"grace-password-1\",\"newPassword\":\"grace-password-2\"}";
		// A cross-site request carries the session cookie but cannot know the token.
		assertThat(browser.post("/api/me/password", change).statusCode()).isEqualTo(403);
		assertThat(http().get("/api/me", "grace", "grace-password-1").statusCode()).isEqualTo(200);

		HttpResponse<String> wrongCurrent = http().post("/api/me/password",
				"{\"currentPassword\":\"wrong-password\",\"newPassword\":\"grace-password-3\"}", "grace",
				"grace-password-1");
		assertThat(wrongCurrent.statusCode()).isEqualTo(400);
		assertThat(http().post("/api/me/password", change, "grace", "grace-password-1").statusCode()).isEqualTo(204);
		assertThat(http().get("/api/me", "grace", "grace-password-2").statusCode()).isEqualTo(200);
		assertThat(http().get("/api/me", "grace", "grace-password-1").statusCode()).isEqualTo(401);
	}

}
