package dev.aigov.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.aigov.proxy.ProxyProperties;

import org.springframework.stereotype.Component;

/**
 * Calls upstreams with the JDK's HTTP client: one client (and connection pool) per
 * configured upstream, HTTP/1.1, redirects never followed, and every URI built from a
 * configured base URL plus a fixed path, so no caller input ever chooses where a request
 * goes. A request is retried once only when the connection could not be opened, that is
 * before any byte of it was sent.
 */
@Component
class Upstreams {

	private final Map<String, Client> clients = new HashMap<>();

	Upstreams(ProxyProperties properties) {
		properties.upstreams()
			.forEach((name, upstream) -> this.clients.put(name,
					new Client(upstream,
							HttpClient.newBuilder()
								.version(HttpClient.Version.HTTP_1_1)
								.followRedirects(HttpClient.Redirect.NEVER)
								.connectTimeout(upstream.connectTimeout())
								.build())));
	}

	/**
	 * Sends a request and reads the whole answer within the upstream's timeout.
	 * @throws OpenAiException 504 on timeout, 502 when the upstream cannot be reached
	 */
	HttpResponse<byte[]> exchange(String upstream, String path, byte[] body) {
		Client client = client(upstream);
		HttpRequest request = request(client, path, body, false);
		for (int attempt = 1;; attempt++) {
			CompletableFuture<HttpResponse<byte[]>> future = client.http()
				.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
			try {
				return future.get(client.config().timeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				future.cancel(true);
				throw timeout(upstream);
			}
			catch (InterruptedException ex) {
				future.cancel(true);
				Thread.currentThread().interrupt();
				throw unreachable(upstream, "the call was interrupted");
			}
			catch (ExecutionException ex) {
				if (attempt == 1 && (connectFailed(ex.getCause()) || expired(ex.getCause()))) {
					continue;
				}
				if (ex.getCause() instanceof HttpTimeoutException) {
					throw timeout(upstream);
				}
				throw unreachable(upstream, describe(ex.getCause()));
			}
		}
	}

	/**
	 * Opens a streamed answer: returns once the status and headers arrived (within the
	 * upstream's timeout); the caller reads and closes the body.
	 */
	HttpResponse<InputStream> open(String upstream, String path, byte[] body) {
		Client client = client(upstream);
		HttpRequest request = request(client, path, body, true);
		for (int attempt = 1;; attempt++) {
			try {
				return client.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (HttpConnectTimeoutException ex) {
				if (attempt == 1) {
					continue;
				}
				throw unreachable(upstream, describe(ex));
			}
			catch (HttpTimeoutException ex) {
				throw timeout(upstream);
			}
			catch (IOException ex) {
				if (attempt == 1 && (connectFailed(ex) || expired(ex))) {
					continue;
				}
				throw unreachable(upstream, describe(ex));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw unreachable(upstream, "the call was interrupted");
			}
		}
	}

	ProxyProperties.Upstream config(String upstream) {
		return client(upstream).config();
	}

	private Client client(String upstream) {
		Client client = this.clients.get(upstream);
		if (client == null) {
			// Routes are checked against upstreams at start; this cannot happen.
			throw new IllegalStateException("No upstream named " + upstream);
		}
		return client;
	}

	private static HttpRequest request(Client client, String path, byte[] body, boolean stream) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(client.uri(path))
			.header("Content-Type", "application/json")
			.header("Accept", stream ? "text/event-stream" : "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (stream) {
			builder.timeout(client.config().timeout());
		}
		String apiKey = client.config().apiKey();
		if (apiKey != null && !apiKey.isBlank()) {
			builder.header("Authorization", "Bearer " + apiKey);
		}
		return builder.build();
	}

	private static boolean connectFailed(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a pooled connection turned out to be closed by the server before any byte
	 * of an answer came back (the JDK's {@code ConnectionExpiredException}): servers
	 * close idle keep-alive connections, and one that closed it never processed a request
	 * on it.
	 */
	private static boolean expired(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getSimpleName().equals("ConnectionExpiredException")) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable ex) {
		return (ex instanceof ConnectException || (ex != null && ex.getCause() instanceof ConnectException))
				? "the connection was refused" : (ex instanceof HttpConnectTimeoutException)
						? "the connection timed out" : "the connection failed (" + innermost(ex) + ")";
	}

	private static String innermost(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	static OpenAiException timeout(String upstream) {
		return new OpenAiException(504, "server_error", "upstream_timeout", null,
				"The model's server did not answer in time (upstream '" + upstream + "'). Try again later.", "error");
	}

	static OpenAiException unreachable(String upstream, String why) {
		return new OpenAiException(502, "server_error", "upstream_unavailable", null,
				"The model's server could not be reached (upstream '" + upstream + "': " + why + ").", "error");
	}

	private record Client(ProxyProperties.Upstream config, HttpClient http, Map<String, URI> uris) {

		Client(ProxyProperties.Upstream config, HttpClient http) {
			this(config, http, new java.util.concurrent.ConcurrentHashMap<>());
		}

		/** The configured base URL plus one of the proxy's fixed paths, built once. */
		URI uri(String path) {
			return this.uris.computeIfAbsent(path, (p) -> {
				String base = this.config.baseUrl().toString();
				return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + p);
			});
		}

	}

}
