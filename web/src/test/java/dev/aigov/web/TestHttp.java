package dev.aigov.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests against the running appliance: no redirects followed, an
 * optional cookie jar for browser-like sessions.
 */
public final class TestHttp {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient client;

	private final boolean browser;

	private TestHttp(String base, HttpClient client, boolean browser) {
		this.base = base;
		this.client = client;
		this.browser = browser;
	}

	/** A client without cookies. */
	public static TestHttp to(String base) {
		return new TestHttp(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), false);
	}

	/** A client that keeps cookies and asks for HTML first, as a browser would. */
	public static TestHttp browser(String base) {
		return new TestHttp(base,
				HttpClient.newBuilder()
					.connectTimeout(Duration.ofSeconds(5))
					.cookieHandler(new CookieManager())
					.build(),
				true);
	}

	public HttpResponse<String> get(String path, String... basicAuth) {
		return send(request(path, basicAuth).GET());
	}

	public HttpResponse<String> send(String method, String path, String jsonBody, String... basicAuth) {
		HttpRequest.Builder builder = request(path, basicAuth);
		builder.header("Content-Type", "application/json");
		builder.method(method, (jsonBody != null) ? HttpRequest.BodyPublishers.ofString(jsonBody)
				: HttpRequest.BodyPublishers.noBody());
		return send(builder);
	}

	public HttpResponse<String> post(String path, String jsonBody, String... basicAuth) {
		return send("POST", path, jsonBody, basicAuth);
	}

	/** Posts a form, e.g. a login form, with the CSRF token taken from a page. */
	public HttpResponse<String> postForm(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public HttpResponse<String> send(HttpRequest.Builder builder) {
		try {
			return this.client.send(builder.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path, String... basicAuth) {
		URI uri = path.startsWith("http") ? URI.create(path) : URI.create(this.base + path);
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
		if (this.browser) {
			builder.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		}
		if (basicAuth.length == 2) {
			builder.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((basicAuth[0] + ":" + basicAuth[1]).getBytes(StandardCharsets.UTF_8)));
		}
		return builder;
	}

	/** The hidden CSRF token of a page's form. */
	public static String csrfToken(String html) {
		Matcher matcher = CSRF_INPUT.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token in page: " + html);
		}
		return matcher.group(1);
	}

	public static JsonNode json(HttpResponse<String> response) {
		return json(response.body());
	}

	public static JsonNode json(String text) {
		return json.readTree(text);
	}

	public static String toJson(Object value) {
		return json.writeValueAsString(value);
	}

}
