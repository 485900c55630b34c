package dev.aigov.web.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.eslauncher.junit.SharedElasticsearch;
import dev.aigov.registry.Role;
import dev.aigov.web.account.AccountService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages on the demo data, as a compliance officer and an administrator see them
 * in Chromium: each shows what matters on it, a screenshot of it is saved (1280x800 and a
 * narrow window), and its load time is measured with the browser's Navigation Timing and
 * written to {@code target/screenshots/page-timings.txt}. The timings are reported, not
 * asserted: performance is measured, not tested.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "aigov.audit.elasticsearch.embedded.enabled=false",
				"aigov.security.admin-password=" + UiDemoPagesIntegrationTests.ADMIN_PASSWORD,
				"aigov.demo.enabled=true" })
class UiDemoPagesIntegrationTests {

	static final String ADMIN_PASSWORD = "demo-pages-admin-password";

	private static final String OFFICER = "ui-demo-officer";

	private static final String OFFICER_PASSWORD = "ui-demo-officer-password";

	@Autowired
	AccountService accounts;

	private static final int LOADS = 7;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		registry.add("spring.elasticsearch.uris", SharedElasticsearch::url);
		String auditPrefix = dev.aigov.web.ApplianceIntegrationTest.auditIndexPrefix();
		registry.add("aigov.audit.elasticsearch.index-prefix", () -> auditPrefix);
		registry.add("aigov.data-dir", dev.aigov.web.TestDataDirectory.create("ui-demo")::toString);
	}

	@Test
	void theMainPagesShowTheDemoDataAndTheirLoadTimesAreMeasured() {
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("dashboard", "/");
		pages.put("inventory", "/inventory");
		pages.put("resume-compas", "/model-versions/compas-risk-1");
		pages.put("resume-chatbot", "/model-versions/support-bot-2");
		pages.put("register-dataset-version", "/registry/new/dataset-version");
		pages.put("users", "/admin/users");
		pages.put("signing-keys", "/admin/keys");
		pages.put("application-keys", "/admin/proxy/keys");
		pages.put("proxy-routes", "/admin/proxy/routes");
		pages.put("policies", "/policies");
		pages.put("audit", "/audit");
		pages.put("reports", "/reports");
		pages.put("self-assessments", "/self-assessments");
		pages.put("self-assessment-chatbot", "/self-assessments/customer-service");
		List<String> report = new ArrayList<>();
		report.add("page  median-of-" + LOADS
				+ " responseEnd ms  domContentLoaded ms  load ms  (Chromium Navigation Timing, "
				+ Runtime.getRuntime().availableProcessors() + " CPUs)");
		try (Browser browser = Browser.open("http://127.0.0.1:" + this.port)) {
			browser.get("/login");
			assertThat(browser.heading()).isEqualTo("登入");
			browser.screenshot("login");
			browser.signIn("admin", ADMIN_PASSWORD);
			// The demo's COMPAS version waits for a decision; the administrator sees it
			// in the inventory as submitted.
			browser.get("/inventory");
			assertThat(browser.text()).contains("審查中", "已部署", "草稿");
			browser.get("/model-versions/compas-risk-1");
			assertThat(browser.css("h1 .badge").getText()).isEqualTo("審查中");
			browser.waitFor((d) -> !browser.all("#evaluations canvas").isEmpty());
			assertThat(browser.css("#evaluations").getText()).contains("African-American", "Caucasian", "選取率");
			browser.waitFor((d) -> !browser.all("#lineage-graph canvas").isEmpty());
			browser.waitFor((d) -> !browser.all("#sbom dl").isEmpty());
			for (Map.Entry<String, String> page : pages.entrySet()) {
				report.add(measure(browser, page.getKey(), page.getValue()));
				browser.screenshot(page.getKey());
			}
			browser.get("/model-versions/compas-risk-1?lang=en");
			browser.waitFor((d) -> !browser.all("#lineage-graph canvas").isEmpty());
			browser.screenshot("resume-compas-en");
			browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
			browser.get("/model-versions/support-bot-2?lang=zh-TW");
			// The lineage graph and the charts size their canvases after load; measure
			// the
			// page once they are drawn and the layout has settled (or five seconds
			// passed).
			browser.waitFor((d) -> !browser.all("#lineage-graph canvas").isEmpty());
			long settleUntil = System.nanoTime() + 5_000_000_000L;
			while ((Long) browser.script("return document.documentElement.scrollWidth") > 440
					&& System.nanoTime() < settleUntil) {
				Thread.onSpinWait();
			}
			assertThat((Long) browser.script("return document.documentElement.scrollWidth"))
				.as(() -> "no sideways scrolling; too wide: " + browser
					.script("const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {"
							+ " if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };"
							+ "return Array.from(document.querySelectorAll('body *'))"
							+ ".filter(e => e.getBoundingClientRect().right > 440 && !clipped(e))"
							+ ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)"
							+ " + ' ' + (e.textContent || '').trim().slice(0, 60)).join(' | ')"))
				.isLessThanOrEqualTo(440L);
			browser.screenshot("resume-chatbot-narrow");
		}
		try {
			Files.createDirectories(Browser.SCREENSHOTS);
			Files.write(Browser.SCREENSHOTS.resolve("page-timings.txt"), report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		report.forEach(System.out::println);
	}

	/**
	 * The pages over the policy engine, the audit log and the reports: the COMPAS
	 * version's fairness finding with its explanation, a refused pack upload with the
	 * compiler's message, the audit explorer finding this session's administrative
	 * records and verifying their range, a dossier generated, verified and downloaded, in
	 * both languages.
	 */
	@Test
	void findingsPoliciesAuditAndReportsWorkInTheBrowser() throws IOException {
		this.accounts.create(OFFICER, "UI demo officer", java.util.Set.of(Role.COMPLIANCE_OFFICER), OFFICER_PASSWORD,
				"tests");
		try (Browser browser = Browser.open("http://127.0.0.1:" + this.port)) {
			browser.get("/login");
			browser.signIn("admin", ADMIN_PASSWORD);

			browser.get("/model-versions/compas-risk-1?lang=zh-TW");
			WebElement finding = browser.css("#findings li.finding[data-rule='fairness.equalized-odds']");
			assertThat(finding.findElement(By.cssSelector(".badge")).getText()).isEqualTo("不通過");
			assertThat(finding.getText()).contains("政策包");
			finding.findElement(By.cssSelector("details summary")).sendKeys(Keys.ENTER);
			assertThat(finding.findElement(By.cssSelector("details dl")).isDisplayed()).isTrue();
			assertThat(finding.findElement(By.cssSelector("details")).getText()).containsIgnoringCase("odds");
			browser.screenshot("resume-compas-findings");
			browser.get("/model-versions/compas-risk-1?lang=en");
			finding = browser.css("#findings li.finding[data-rule='fairness.equalized-odds']");
			assertThat(finding.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Fail");
			assertThat(browser.css("#findings-h").getText()).isEqualTo("Policy findings");

			browser.get("/policies?lang=zh-TW");
			assertThat(browser.heading()).isEqualTo("政策");
			assertThat(browser.all("code.pack-version")).isNotEmpty();
			int packs = browser.all("code.pack-version").size();
			Path zip = brokenPack();
			browser.css("#pack-file").sendKeys(zip.toAbsolutePath().toString());
			browser.click("#upload form button[type=submit]");
			assertThat(browser.css("#upload-problems").getText()).contains("broken.drl");
			assertThat(browser.all("code.pack-version")).as("the packs in force stay").hasSize(packs);
			assertThat(browser.css("#history").getText()).contains("ui-broken", "已拒絕");
			browser.screenshot("policies-rejected-upload");
			browser.get("/policies?lang=en");
			assertThat(browser.heading()).isEqualTo("Policies");

			browser.get("/reports?lang=zh-TW");
			new Select(browser.css("#dossier-version")).selectByValue("compas-risk-1");
			browser.click("#dossier-form button[type=submit]");
			assertThat(browser.css(".verification-result").getText()).contains("清單驗證成功");
			String href = browser.css("a.report-file[href$='.pdf']").getAttribute("href");
			Object status = ((JavascriptExecutor) browser.driver)
				.executeAsyncScript("var done = arguments[arguments.length - 1];"
						+ "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.status + ' ' + b.byteLength)));",
						href);
			assertThat(status.toString()).startsWith("200 ").isNotEqualTo("200 0");
			browser.screenshot("reports");

			// Administrative records of this session (the sign-in, the dossier) reach the
			// index shortly after they are journalled.
			browser.waitFor((d) -> {
				browser.get("/audit?category=admin&user=admin&lang=zh-TW");
				return !browser.all("li[data-record]").isEmpty();
			});
			assertThat(browser.css("#results").getText()).contains("user.signed-in");
			WebElement record = browser.css("li[data-record]");
			record.findElement(By.cssSelector("summary")).click();
			assertThat(record.findElement(By.cssSelector("dl")).getText()).contains("紀錄編號");
			browser.click("button[name=verify]");
			assertThat(browser.css("#verification-result").getText()).startsWith("完整");
			String csv = browser.css("a[href*='/audit/export?format=csv']").getAttribute("href");
			Object exported = ((JavascriptExecutor) browser.driver)
				.executeAsyncScript(
						"var done = arguments[arguments.length - 1];"
								+ "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + '\\n' + t)));",
						csv);
			assertThat(exported.toString()).startsWith("200\nid,time,category,action").contains("user.signed-in");
			browser.screenshot("audit-explorer");
			browser.get("/audit?lang=en");
			assertThat(browser.heading()).isEqualTo("Audit explorer");

			// An officer's approval of the COMPAS version is refused by the failing
			// finding, explained in the reader's language.
			browser.signOut();
			browser.signIn(OFFICER, OFFICER_PASSWORD);
			browser.get("/model-versions/compas-risk-1?lang=zh-TW");
			String message = browser.css("#findings li.finding[data-rule='fairness.equalized-odds'] .finding-message")
				.getText();
			browser.field("justification").sendKeys("Looks fine to me after review.");
			browser.click("form.decision button.primary");
			WebElement refusal = browser.css("#workflow .notice.error[role=alert]");
			assertThat(refusal.getText()).contains("fairness.equalized-odds", message);
			assertThat(browser.all("form.decision button.primary")).as("still submitted, still to decide").hasSize(1);
			browser.screenshot("resume-compas-refused");
			browser.signOut();
			browser.signIn("admin", ADMIN_PASSWORD);

			browser.get("/?lang=zh-TW");
			assertThat(browser.css("#findings-tile").getText()).contains("公平性");
			assertThat(browser.css("#chain-tile").getText()).contains("稽核日誌可寫入");
			assertThat(browser.all("#traffic-tile")).isNotEmpty();
			browser.screenshot("dashboard-tiles");
		}
	}

	/**
	 * A compliance officer fills in the guide's checklist of a demo system by keyboard
	 * and mouse, saves it, finds it in the history, compares the two revisions in both
	 * languages and on a narrow window, and generates its signed report.
	 */
	@Test
	void theSelfAssessmentChecklistIsFilledSavedComparedAndReported() {
		String base = "http://127.0.0.1:" + this.port;
		String password = "self-assessment-officer-password";
		assertThat(dev.aigov.web.TestHttp.to(base)
			.post("/api/admin/users",
					dev.aigov.web.TestHttp.toJson(Map.of("username", "sa-olivia", "roles",
							List.of("COMPLIANCE_OFFICER"), "password", password)),
					"admin", ADMIN_PASSWORD)
			.statusCode()).isIn(200, 201);
		try (Browser browser = Browser.open(base)) {
			browser.signIn("sa-olivia", password);
			browser.get("/registry/ai-system/contract-review?lang=zh-TW");
			browser.click("#self-assessment-link");
			assertThat(browser.heading()).isEqualTo("自我查核表：Contract clause review");
			assertThat(browser.css("#revision-info").getText()).contains("修訂 1", "demo.mei-ling");
			assertThat(browser.css("#readiness-external-api caption").getText()).contains("透過API串接外部模型");
			// By keyboard: a radio group takes the arrow keys, the note is typed.
			browser.css("#strategy-talent-assessing").sendKeys(Keys.ARROW_RIGHT);
			assertThat(browser.css("#strategy-talent-plan-in-place").isSelected()).isTrue();
			browser.css("#strategy-talent-note").sendKeys("<b>已培訓</b>法務人員");
			browser.css("#readiness-open-source-fine-tuning-regulatory-norms-assessing").click();
			browser.assertEveryPostFormHasCsrfToken();
			browser.click("#save-checklist");
			assertThat(browser.css(".notice").getText()).isEqualTo("查核表已儲存為修訂 2。");
			assertThat(browser.css("#strategy-talent-note").getAttribute("value")).isEqualTo("<b>已培訓</b>法務人員");
			assertThat(browser.css("#history").getText()).contains("sa-olivia", "demo.mei-ling");
			browser.click("#history a.compare");
			String diff = browser.css("#diff-table").getText();
			assertThat(diff).contains("人才面", "評估中", "已有方案", "<b>已培訓</b>法務人員", "針對開源模型微調", "監理規範", "未評估");
			assertThat(browser.all("#diff-table b")).as("notes are text, not markup").isEmpty();
			browser.screenshot("self-assessment-diff");

			browser.get("/self-assessments/contract-review?diff=2&lang=en");
			assertThat(browser.heading()).isEqualTo("Self-assessment checklist: Contract clause review");
			assertThat(browser.css("#diff-table").getText()).contains("Talent", "Plan in place", "Regulatory norms");
			browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 800));
			browser.get("/self-assessments/contract-review?lang=zh-TW");
			Number overflow = (Number) browser
				.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow.intValue()).as("no page-wide horizontal scrolling on a narrow window")
				.isLessThanOrEqualTo(0);
			browser.screenshot("self-assessment-narrow");
			browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));

			browser.get("/reports?lang=zh-TW");
			new Select(browser.css("#sa-system")).selectByValue("contract-review");
			browser.click("#self-assessment-form button[type=submit]");
			assertThat(browser.css(".verification-result").getText()).contains("清單驗證成功");
			assertThat(browser.css("#stored").getText()).contains("Self-assessment report: contract-review");
		}
	}

	/** A governance pack whose rule does not compile. */
	private static Path brokenPack() throws IOException {
		Path zip = Files.createTempFile("broken-pack-", ".zip");
		try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
			out.putNextEntry(new java.util.zip.ZipEntry("pack.properties"));
			out.write(("name=ui-broken\nkind=governance\ndescription.en=Broken\ndescription.zhTw=壞的\n")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.putNextEntry(new java.util.zip.ZipEntry("rules/broken.drl"));
			out.write("package dev.aigov.rules.broken;\nrule \"broken.rule\"\nwhen\n  this is not drl\nthen\nend\n"
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return zip;
	}

	private static String measure(Browser browser, String name, String path) {
		List<double[]> samples = new ArrayList<>();
		for (int i = 0; i < LOADS; i++) {
			browser.get(path);
			browser.waitFor((d) -> "complete".equals(browser.script("return document.readyState")));
			@SuppressWarnings("unchecked")
			List<Number> timing = (List<Number>) browser.script("var n = performance.getEntriesByType('navigation')[0];"
					+ "return [n.responseEnd - n.startTime, n.domContentLoadedEventEnd - n.startTime,"
					+ " n.loadEventEnd - n.startTime];");
			samples.add(new double[] { timing.get(0).doubleValue(), timing.get(1).doubleValue(),
					timing.get(2).doubleValue() });
			assertThat(browser.all("main h1")).as(path).hasSize(1);
		}
		return "%-26s %8.0f %8.0f %8.0f".formatted(name, median(samples, 0), median(samples, 1), median(samples, 2));
	}

	private static double median(List<double[]> samples, int column) {
		double[] values = samples.stream().mapToDouble((s) -> s[column]).sorted().toArray();
		return values[values.length / 2];
	}

}
