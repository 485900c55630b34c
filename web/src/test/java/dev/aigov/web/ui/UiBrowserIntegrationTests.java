package dev.aigov.web.ui;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.aigov.registry.Role;
import dev.aigov.web.ApplianceIntegrationTest;
import dev.aigov.web.TestHttp;
import dev.aigov.web.account.AccountService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compliance officer's UI in a real headless Chromium, against the whole appliance:
 * each role signs in and sees its own navigation; a model owner registers a model with
 * its data through the forms, uploads predictions and submits; the submitter is refused
 * the approval with the reason; another officer approves; names with markup stay text;
 * every form carries a CSRF token; the language switches. Screenshots go to
 * {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiBrowserIntegrationTests extends ApplianceIntegrationTest {

	private static final String PASSWORD = "browser-test-password";

	/**
	 * Ids and user names unique to this run: the appliance is shared with other tests.
	 */
	private final String run = UUID.randomUUID().toString().substring(0, 6);

	@Autowired
	AccountService accounts;

	private Browser browser;

	@BeforeAll
	void createUsers() {
		user("mira", Role.MODEL_OWNER, Role.COMPLIANCE_OFFICER);
		user("olga", Role.MODEL_OWNER);
		user("otto", Role.COMPLIANCE_OFFICER);
		user("aude", Role.AUDITOR);
	}

	@BeforeEach
	void openBrowser() {
		if (this.browser == null) {
			this.browser = Browser.open("http://127.0.0.1:" + this.port);
		}
		this.browser.driver.manage().deleteAllCookies();
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void eachRoleSignsInAndSeesTheNavigationItsRoleAllows() {
		Map<String, Set<String>> expected = Map.of(name("aude"),
				Set.of("/", "/inventory", "/policies", "/self-assessments", "/audit", "/reports"), name("olga"),
				Set.of("/", "/inventory", "/registry/new", "/registry/import/model-card", "/policies",
						"/self-assessments"),
				name("otto"),
				Set.of("/", "/inventory", "/registry/new", "/policies", "/self-assessments", "/audit", "/reports"),
				ADMIN,
				Set.of("/", "/inventory", "/registry/new", "/registry/import/model-card", "/policies",
						"/self-assessments", "/audit", "/reports", "/admin/users", "/admin/proxy/keys",
						"/admin/proxy/routes", "/admin/keys"));
		expected.forEach((username, links) -> {
			this.browser.signIn(username, username.equals(ADMIN) ? ADMIN_PASSWORD : PASSWORD);
			assertThat(this.browser.path()).isEqualTo("/");
			assertThat(this.browser.all("nav.main-nav a")
				.stream()
				.map((a) -> a.getDomAttribute("href"))
				.collect(java.util.stream.Collectors.toSet())).as(username).isEqualTo(links);
			assertThat(this.browser.heading()).isEqualTo("總覽");
			this.browser.assertEveryPostFormHasCsrfToken();
			this.browser.screenshot("dashboard-" + username.replaceAll("-.*", ""));
			this.browser.signOut();
		});
		// A page outside the role is refused, with a page in the reader's language.
		this.browser.signIn(name("aude"), PASSWORD);
		this.browser.get("/admin/users");
		assertThat(this.browser.heading()).contains("您的角色無權執行此操作");
		this.browser.get("/registry/new/model");
		assertThat(this.browser.heading()).contains("您的角色無權執行此操作");
	}

	@Test
	void aModelIsRegisteredEvaluatedSubmittedRefusedToItsSubmitterAndApprovedByAnotherOfficer() throws IOException {
		String mira = name("mira");
		this.browser.signIn(mira, PASSWORD);
		String system = "ui-loans-" + this.run;
		register("ai-system",
				Map.of("f-id", system, "f-name", "Loan pre-screening " + this.run, "f-purpose",
						"Rank loan applications for manual review."),
				Map.of("f-riskLevel", "high", "f-decidesAboutPeople", "true"), Map.of("f-owner", mira));
		assertThat(this.browser.path()).isEqualTo("/registry/ai-system/" + system);
		String model = "ui-scorer-" + this.run;
		register("model", Map.of("f-id", model, "f-name", "Applicant scorer " + this.run, "f-owner", mira),
				Map.of("f-system", system), Map.of());
		String dataset = "ui-applications-" + this.run;
		register("dataset", Map.of("f-id", dataset, "f-name", "Loan applications"), Map.of(), Map.of());
		String data = dataset + "-v1";
		register("dataset-version",
				Map.of("f-id", data, "f-version", "2025-12", "f-source", "Core banking export, December 2025",
						"f-licenseExpression", "LicenseRef-internal", "f-cleaning",
						"Duplicates and test accounts removed."),
				Map.of("f-dataset", dataset, "f-sensitivity", "confidential", "f-containsPersonalData", "false"),
				Map.of());
		String run = "ui-train-" + this.run;
		this.browser.get("/registry/new/training-run");
		this.browser.field("f-id").sendKeys(run);
		new Select(this.browser.field("f-datasets")).selectByValue(data);
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/registry/training-run/" + run);

		// A required field left empty is refused next to the field, and nothing is
		// recorded.
		String version = model + "-1";
		this.browser.get("/registry/new/model-version");
		this.browser.field("f-id").sendKeys(version);
		new Select(this.browser.field("f-model")).selectByValue(model);
		this.browser.field("f-architecture").sendKeys("Gradient-boosted trees");
		this.browser.field("f-intendedUse").sendKeys("Order applications for review by a loan officer.");
		this.browser.field("f-limitations").sendKeys("Not validated for business loans.");
		this.browser.field("f-explanationMethod").sendKeys("Feature contributions shown to the loan officer");
		new Select(this.browser.field("f-trainingRun")).selectByValue(run);
		this.browser.submit();
		assertThat(this.browser.field("f-version").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.browser.field("f-version-error").getText()).isEqualTo("此欄位為必填。");
		assertThat(this.browser.field("f-architecture").getAttribute("value")).isEqualTo("Gradient-boosted trees");
		this.browser.screenshot("register-model-version-error");
		this.browser.field("f-version").sendKeys("1.0");
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/model-versions/" + version);
		assertThat(this.browser.css("#completeness").getText()).contains("請至少評估模型版本一次。");

		// The governance pack asks a high-risk version for an accuracy evaluation.
		register("evaluation", Map.of("f-id", "ui-accuracy-" + this.run, "f-metrics", "accuracy, 0.74"),
				Map.of("f-modelVersion", version, "f-evaluationKind", "accuracy"), Map.of());
		this.browser.get("/model-versions/" + version);

		// Predictions uploaded: the appliance computes fairness per group.
		Path csv = Files.createTempFile("predictions-", ".csv");
		StringBuilder rows = new StringBuilder("group,label,prediction\n");
		for (int i = 0; i < 40; i++) {
			rows.append((i % 2 == 0) ? "A" : "B")
				.append(',')
				.append(i % 4 < 2 ? 1 : 0)
				.append(',')
				.append(i % 8 < 4 ? 1 : 0)
				.append('\n');
		}
		Files.writeString(csv, rows);
		this.browser.script("document.querySelector('#evaluations details.upload').open = true;");
		this.browser.field("predictions").sendKeys(csv.toAbsolutePath().toString());
		this.browser.field("groups").sendKeys("group");
		this.browser.field("label").sendKeys("label");
		this.browser.field("prediction").sendKeys("prediction");
		new Select(this.browser.field("dataset")).selectByValue(data);
		this.browser.click("#evaluations form button.primary");
		assertThat(this.browser.css(".notice[role=status]").getText()).contains("40");
		WebElement perGroup = this.browser.css("#evaluations");
		assertThat(perGroup.getText()).contains("選取率", "A", "B");
		this.browser.assertEveryPostFormHasCsrfToken();

		// Submitted by mira, who is also a compliance officer: separation of duties.
		this.browser.click("form[action$='/submit'] button");
		assertThat(this.browser.css("h1 .badge").getText()).isEqualTo("審查中");
		assertThat(this.browser.all("form[action$='/approve']")).isEmpty();
		assertThat(this.browser.field("why-approve").getText()).contains(mira, "職責分離");
		assertThat(this.browser.css(".unavailable button").isEnabled()).isFalse();
		this.browser.screenshot("resume-separation-of-duties");
		this.browser.signOut();

		// Another officer finds it waiting, and must justify the decision.
		this.browser.signIn(name("otto"), PASSWORD);
		this.browser.click("#decide-heading ~ ul a[href='/model-versions/" + version + "']");
		this.browser.script("document.getElementById('justification').closest('form').noValidate = true;");
		this.browser.field("justification").sendKeys("ok");
		this.browser.click("form[action$='/approve'] button.primary");
		assertThat(this.browser.css(".notice.error").getText()).contains("至少 10 個字");
		assertThat(this.browser.css("h1 .badge").getText()).isEqualTo("審查中");
		this.browser.field("justification")
			.sendKeys("Fairness within four-fifths on the December evaluation; documentation complete.");
		this.browser.click("form[action$='/approve'] button.primary");
		assertThat(this.browser.all("#workflow ul.notice.error"))
			.as(() -> this.browser.css("#workflow").getText() + "\n" + this.browser.css("#findings").getText())
			.isEmpty();
		assertThat(this.browser.css("h1 .badge").getText()).isEqualTo("已核准");
		String history = this.browser.css("#workflow table").getText();
		assertThat(history).contains(name("otto"), mira, "Fairness within four-fifths");
		this.browser.waitFor((d) -> !this.browser.all("#lineage-graph canvas").isEmpty());
		this.browser.waitFor((d) -> !this.browser.all("#sbom dl").isEmpty());
		assertThat(this.browser.css("#sbom").getText()).contains("簽章驗證通過");
		this.browser.screenshot("resume-approved");
		this.browser.assertEveryPostFormHasCsrfToken();

		// The history can be read as of before the decision.
		this.browser.click("#timeline ol.timeline li:last-child a");
		assertThat(this.browser.css(".notice.asof").getText()).contains("當時");
		assertThat(this.browser.css("h1 .badge").getText()).isEqualTo("草稿");

		// The approval is in the audit log, linked to the version, and its range
		// verifies.
		this.browser.waitFor((d) -> {
			this.browser.get("/audit?category=admin&user=" + name("otto"));
			return this.browser.all("li[data-record]")
				.stream()
				.anyMatch((li) -> li.getText().contains("model-version.approved"));
		});
		assertThat(this.browser.all("li[data-record] a[href='/model-versions/" + version + "']")).isNotEmpty();
		this.browser.click("button[name=verify]");
		assertThat(this.browser.css("#verification-result").getText()).startsWith("完整");
	}

	@Test
	void namesWithMarkupAreShownAsTextNeverRunAsScript() {
		this.browser.signIn(name("olga"), PASSWORD);
		String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
		String system = "ui-xss-" + this.run;
		register("ai-system", Map.of("f-id", system, "f-name", hostile, "f-purpose", "\"><b>bold</b>"),
				Map.of("f-riskLevel", "minimal", "f-decidesAboutPeople", "false"), Map.of("f-owner", hostile));
		assertThat(this.browser.heading()).contains(hostile);
		assertThat(this.browser.all("img[src=x]")).isEmpty();
		assertThat(this.browser.all("main b")).isEmpty();
		assertThatThrownBy(() -> this.browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(this.browser.driver.getPageSource()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		this.browser.get("/inventory");
		assertThat(this.browser.text()).contains(hostile);
		assertThat(this.browser.all("img[src=x]")).isEmpty();
		assertThatThrownBy(() -> this.browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
	}

	@Test
	void theLanguageSwitchesOnEveryPageAndStaysChosen() {
		this.browser.signIn(name("otto"), PASSWORD);
		assertThat(this.browser.css("html").getDomAttribute("lang")).isEqualTo("zh-TW");
		this.browser.click("nav.lang a[hreflang=en]");
		assertThat(this.browser.css("html").getDomAttribute("lang")).isEqualTo("en");
		assertThat(this.browser.heading()).isEqualTo("Dashboard");
		this.browser.get("/inventory");
		assertThat(this.browser.heading()).isEqualTo("Inventory");
		this.browser.screenshot("inventory-en");
		this.browser.click("nav.lang a[hreflang=zh-TW]");
		assertThat(this.browser.path()).startsWith("/inventory");
		assertThat(this.browser.heading()).isEqualTo("AI 系統清冊");
		this.browser.get("/login?lang=en");
		assertThat(this.browser.heading()).isEqualTo("Sign in");
	}

	@Test
	void anAdministratorCreatesAUserWhoseGeneratedPasswordWorksAndRotatesTheSigningKey() {
		this.browser.signIn(ADMIN, ADMIN_PASSWORD);
		this.browser.get("/admin/users");
		this.browser.assertEveryPostFormHasCsrfToken();
		String carol = name("carol");
		this.browser.field("new-username").sendKeys(carol);
		this.browser.field("new-display").sendKeys("Carol <Chen>");
		this.browser.css("form.form input[name=roles][value=COMPLIANCE_OFFICER]").click();
		this.browser.submit();
		String password = this.browser.css(".secret-value").getText();
		assertThat(password).hasSize(20);
		assertThat(this.browser.css("#user-" + carol).getText()).contains("Carol <Chen>");
		this.browser.screenshot("users");
		this.browser.get("/admin/users");
		assertThat(this.browser.all(".secret-value")).as("shown once").isEmpty();

		this.browser.get("/admin/keys");
		String before = this.browser.css("table.list tbody tr:first-child code").getText();
		this.browser.click("form[action$='/admin/keys/rotate'] button");
		assertThat(this.browser.css(".notice[role=status]").getText()).contains(before);
		List<WebElement> rows = this.browser.all("table.list tbody tr");
		assertThat(rows.get(0).getText()).contains("啟用中").doesNotContain(before);
		assertThat(rows.stream().filter((row) -> row.getText().contains(before)).findFirst())
			.hasValueSatisfying((row) -> assertThat(row.getText()).contains("已停用"));
		this.browser.screenshot("signing-keys");
		this.browser.signOut();

		this.browser.signIn(carol, password);
		assertThat(this.browser.css("#decide-heading").getText()).isEqualTo("待您審查");
	}

	@Test
	void anAdministratorCreatesAnApplicationKeyShownOnceRevokesItAndSeesTheRoutes() {
		this.browser.signIn(ADMIN, ADMIN_PASSWORD);
		this.browser.get("/admin/proxy/keys");
		assertThat(this.browser.heading()).isEqualTo("應用程式金鑰");
		this.browser.assertEveryPostFormHasCsrfToken();
		String application = "crm-" + this.run;
		// A name the key may not have: the error stands beside the form, which keeps what
		// was typed.
		this.browser.field("key-application").sendKeys("<b>crm</b>");
		this.browser.field("key-models").sendKeys("support-bot");
		this.browser.field("key-budget").sendKeys("5000");
		this.browser.submit();
		assertThat(this.browser.css("#new-key-error").getText()).contains("'application'");
		assertThat(this.browser.field("key-budget").getDomProperty("value")).isEqualTo("5000");
		assertThat(this.browser.all("#proxy-keys tbody tr")
			.stream()
			.map(WebElement::getText)
			.filter((row) -> row.contains("<b>crm</b>"))).isEmpty();

		this.browser.field("key-application").clear();
		this.browser.field("key-application").sendKeys(application);
		this.browser.css("input[name=allowedDataClasses][value=INTERNAL]").click();
		new Select(this.browser.field("key-period")).selectByValue("MONTH");
		this.browser.field("key-rate").sendKeys("60");
		this.browser.submit();
		String secret = this.browser.css("#new-key-secret").getText();
		assertThat(secret).startsWith("aigov-").hasSizeGreaterThan(40);
		WebElement row = this.browser.all("#proxy-keys tbody tr")
			.stream()
			.filter((r) -> r.getText().contains(application))
			.findFirst()
			.orElseThrow();
		assertThat(row.getText()).contains("support-bot", "公開", "內部", "每月 5,000 個權杖", "每分鐘 60 次請求", "有效")
			.doesNotContain(secret);
		String keyId = row.getDomAttribute("id");
		this.browser.screenshot("application-keys");
		assertThat(http().send(http().request("/v1/models").header("Authorization", "Bearer " + secret).GET())
			.statusCode()).as("the new key works").isEqualTo(200);

		this.browser.get("/admin/proxy/keys");
		assertThat(this.browser.all("#new-key-secret")).as("shown once").isEmpty();
		this.browser.click("form[action$='/admin/proxy/keys/" + keyId + "/revoke'] button");
		assertThat(this.browser.css(".notice[role=status]").getText()).contains(keyId);
		assertThat(this.browser.css("[id='" + keyId + "']").getText()).contains("已於").doesNotContain("有效");
		assertThat(http().send(http().request("/v1/models").header("Authorization", "Bearer " + secret).GET())
			.statusCode()).as("the revoked key is refused").isEqualTo(401);

		// No route is configured in this appliance: the page says so, and names the
		// demo's
		// deployments whose routes the proxy therefore does not serve.
		this.browser.get("/admin/proxy/routes?lang=en");
		assertThat(this.browser.heading()).isEqualTo("Routes and upstreams");
		assertThat(this.browser.css("#no-routes").getText()).contains("aigov.proxy.routes");
		this.browser.screenshot("proxy-routes");
		this.browser.get("/?lang=zh-TW");
		this.browser.signOut();
	}

	@Test
	void aModelCardIsImportedAsADraftVersion() {
		String model = "ui-card-model-" + this.run;
		this.browser.signIn(name("olga"), PASSWORD);
		register("ai-system",
				Map.of("f-id", "ui-card-system-" + this.run, "f-name", "Summariser", "f-purpose", "Summarise tickets."),
				Map.of("f-riskLevel", "limited", "f-decidesAboutPeople", "false"), Map.of("f-owner", name("olga")));
		register("model", Map.of("f-id", model, "f-name", "Ticket summariser", "f-owner", name("olga")),
				Map.of("f-system", "ui-card-system-" + this.run), Map.of());
		this.browser.get("/registry/import/model-card");
		this.browser.assertEveryPostFormHasCsrfToken();
		this.browser.field("mc-model").sendKeys(model);
		this.browser.field("mc-versionId").sendKeys(model + "-1");
		// The browser would refuse the empty field itself; the server must too.
		this.browser.script("document.querySelector('form.form').noValidate = true;");
		this.browser.submit();
		assertThat(this.browser.field("mc-version").getAttribute("aria-invalid")).isEqualTo("true");
		this.browser.field("mc-version").sendKeys("1.0.0");
		this.browser.field("mc-card").sendKeys("""
				---
				license: apache-2.0
				---
				# Ticket summariser

				## Intended use
				Summarise support tickets for agents.

				## Limitations
				English and Chinese tickets only.
				""");
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/model-versions/" + model + "-1");
		assertThat(this.browser.css("h1 .badge").getText()).isEqualTo("草稿");
		assertThat(this.browser.css("#summary").getText()).contains("Apache-2.0", "Summarise support tickets");

		// The draft is completed in a new revision; the first stays as it was.
		this.browser.click("#summary a.button");
		assertThat(this.browser.field("f-id").getDomAttribute("readonly")).isNotNull();
		this.browser.field("f-architecture").sendKeys("Encoder-decoder transformer");
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/model-versions/" + model + "-1");
		assertThat(this.browser.css("#summary").getText()).contains("Encoder-decoder transformer");
		assertThat(this.browser.all("#timeline ol.timeline > li")).hasSize(2);
		this.browser.click("#timeline ol.timeline li:last-child a");
		assertThat(this.browser.css("#summary").getText()).doesNotContain("Encoder-decoder transformer");
	}

	@Test
	void aFormPostWithoutTheCsrfTokenIsRefused() {
		TestHttp http = browser();
		String login = http.get("/login").body();
		HttpResponse<String> signedIn = http.postForm("/login",
				Map.of("username", name("otto"), "password", PASSWORD, "_csrf", TestHttp.csrfToken(login)));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(http.get("/").statusCode()).isEqualTo(200);
		HttpResponse<String> forged = http.postForm("/model-versions/anything/approve",
				Map.of("justification", "forged from another site"));
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	/** Fills a registration form: text inputs, selections and more text, then submits. */
	private void register(String kind, Map<String, String> texts, Map<String, String> selections,
			Map<String, String> moreTexts) {
		this.browser.get("/registry/new/" + kind);
		this.browser.assertEveryPostFormHasCsrfToken();
		texts.forEach((id, value) -> this.browser.field(id).sendKeys(value));
		selections.forEach((id, value) -> new Select(this.browser.field(id)).selectByValue(value));
		moreTexts.forEach((id, value) -> this.browser.field(id).sendKeys(value));
		this.browser.submit();
		assertThat(this.browser.all(".field-error")).as("errors on the %s form", kind).isEmpty();
	}

	private String name(String person) {
		return person + "-" + this.run;
	}

	private void user(String person, Role... roles) {
		this.accounts.create(name(person), null, EnumSet.of(roles[0], roles), PASSWORD, "test");
	}

}
