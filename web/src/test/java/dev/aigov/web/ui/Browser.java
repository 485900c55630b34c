package dev.aigov.web.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for
 * the UI tests, driven by Selenium without Selenium Manager (nothing is downloaded).
 * Flags keep it off the network, which the test machines do not have.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("aigov.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("aigov.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final String base;

	private final Path profile;

	final WebDriver driver;

	private Browser(String base, Path profile, WebDriver driver) {
		this.base = base;
		this.profile = profile;
		this.driver = driver;
	}

	static Browser open(String base) {
		assertThat(CHROMIUM).as("Chromium for the browser tests (apt-get install chromium chromium-driver)")
			.isExecutable();
		assertThat(CHROMEDRIVER).as("chromedriver for the browser tests").isExecutable();
		Path profile;
		try {
			profile = Files.createTempDirectory("aigov-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=zh-TW",
				"--accept-lang=zh-TW,zh");
		// A Taiwanese officer's browser: the UI starts in Traditional Chinese.
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-TW,zh"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		driver.manage().window().setSize(new Dimension(1280, 800));
		return new Browser(base, profile, driver);
	}

	void get(String path) {
		this.driver.get(this.base + path);
	}

	String path() {
		return this.driver.getCurrentUrl().substring(this.base.length());
	}

	void signIn(String username, String password) {
		get("/login");
		field("username").sendKeys(username);
		field("password").sendKeys(password);
		click("form.form button[type=submit]");
	}

	void signOut() {
		click("form[action$='/logout'] button");
	}

	WebElement field(String id) {
		return this.driver.findElement(By.id(id));
	}

	WebElement css(String selector) {
		return this.driver.findElement(By.cssSelector(selector));
	}

	List<WebElement> all(String selector) {
		return this.driver.findElements(By.cssSelector(selector));
	}

	String heading() {
		return css("h1").getText();
	}

	String text() {
		return css("body").getText();
	}

	void submit() {
		click("form.form button.primary");
	}

	/** Clicks something that loads a new page, and waits until it has. */
	void click(String selector) {
		WebElement page = css("html");
		css(selector).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(60)).until((driver) -> gone(page));
	}

	/**
	 * Whether the page an element belongs to was replaced. While Chromium swaps documents
	 * it may answer "does not belong to the document" instead of a stale reference.
	 */
	private static boolean gone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return true;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).until(condition::apply);
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** Every form that posts carries Spring Security's CSRF token. */
	void assertEveryPostFormHasCsrfToken() {
		for (WebElement form : all("form")) {
			if ("post".equalsIgnoreCase(form.getAttribute("method"))) {
				assertThat(form.findElements(By.cssSelector("input[type=hidden][name=_csrf]")))
					.as("CSRF token in the form posting to %s on %s", form.getAttribute("action"), path())
					.hasSize(1);
				assertThat(form.findElement(By.cssSelector("input[name=_csrf]")).getAttribute("value")).isNotBlank();
			}
		}
	}

	/** Saves a screenshot of the whole page, not only the window, as {@code name.png}. */
	void screenshot(String name) {
		ChromeDriver chrome = (ChromeDriver) this.driver;
		try {
			Files.createDirectories(SCREENSHOTS);
			Number width = (Number) script("return document.documentElement.clientWidth");
			Number height = (Number) script("return document.documentElement.scrollHeight");
			Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width",
							width.intValue(), "height", Math.min(height.intValue(), 12000), "scale", 1)));
			Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
		dev.aigov.web.TestDataDirectory.deleteTree(this.profile);
	}

}
