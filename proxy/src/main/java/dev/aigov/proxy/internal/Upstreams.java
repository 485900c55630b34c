package dev.aigov.proxy.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import dev.aigov.proxy.ProxyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Calls upstreams: one {@link UpstreamClient} (and keep-alive pool) per configured
 * upstream, HTTP/1.1 on the caller's thread, redirects never followed, and every request
 * sent to a configured base URL plus a path built from the configuration alone (the
 * operation's, and for Azure OpenAI the route's deployment and the upstream's
 * {@code api-version}), so no caller input ever chooses where a request goes. A request
 * is retried once only where it cannot have been processed (see {@link UpstreamClient}).
 */
@Component
class Upstreams implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Upstreams.class);

	/** What a call can ask of an upstream. */
	enum Operation {

		CHAT("/chat/completions"), EMBEDDINGS("/embeddings");

		private final String path;

		Operation(String path) {
			this.path = path;
		}

	}

	private final Map<String, UpstreamClient> clients = new HashMap<>();

	/** Per route: its upstream, and the path of each operation there. */
	private final Map<String, Target> targets = new HashMap<>();

	Upstreams(ProxyProperties properties) {
		SSLSocketFactory tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
		properties.upstreams().forEach((name, upstream) -> {
			String doubt = azurePathDoubt(name, upstream);
			if (doubt != null) {
				logger.warn(doubt);
			}
			UpstreamClient.Credential credential = (upstream.api() == ProxyProperties.Api.AZURE)
					? UpstreamClient.Credential.API_KEY_HEADER : UpstreamClient.Credential.BEARER;
			this.clients.put(name, new UpstreamClient(upstream.baseUrl(), credential, upstream.apiKey(),
					upstream.connectTimeout(), tls));
		});
		properties.routes().forEach((name, route) -> {
			ProxyProperties.Upstream upstream = properties.upstreams().get(route.upstream());
			Map<Operation, String> paths = new EnumMap<>(Operation.class);
			for (Operation operation : Operation.values()) {
				paths.put(operation,
						(upstream.api() == ProxyProperties.Api.AZURE) ? "/deployments/" + route.upstreamModel()
								+ operation.path + "?api-version=" + upstream.apiVersion() : operation.path);
			}
			this.targets.put(name, new Target(route.upstream(), upstream, this.clients.get(route.upstream()), paths));
		});
	}

	/**
	 * A warning for an Azure OpenAI upstream whose base URL does not end in
	 * {@code /openai}, where Azure serves its deployments API: the start checks let it
	 * pass, since an API gateway in front of Azure may serve it under another path, but
	 * against Azure itself every call would be a 404.
	 * @return the warning, or {@code null} when there is nothing to doubt
	 */
	static String azurePathDoubt(String name, ProxyProperties.Upstream upstream) {
		String path = (upstream.baseUrl().getRawPath() != null) ? upstream.baseUrl().getRawPath() : "";
		if (upstream.api() != ProxyProperties.Api.AZURE || path.replaceAll("/+$", "").endsWith("/openai")) {
			return null;
		}
		return "Upstream '" + name + "' (api: azure) has the base-url " + upstream.baseUrl()
				+ ", whose path does not end in /openai: Azure OpenAI serves its deployments API under "
				+ "https://<resource>.openai.azure.com/openai, and calls there would be answered 404. "
				+ "Leave it if an API gateway serves the API under this path.";
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(UpstreamClient::close);
	}

	/**
	 * Sends a request on a route and reads the whole answer within its upstream's
	 * timeout.
	 * @throws OpenAiException 504 on timeout, 502 when the upstream cannot be reached or
	 * does not speak HTTP/1.x
	 */
	UpstreamClient.Answer exchange(String route, Operation operation, byte[] body,
			UpstreamClient.Cancellation cancellation) {
		Target target = target(route);
		try {
			return target.http().exchange(target.path(operation), body, target.config().timeout(), cancellation);
		}
		catch (IOException ex) {
			throw failure(target.upstream(), ex);
		}
	}

	/**
	 * Opens a streamed chat answer on a route: returns once the status and headers
	 * arrived (within the upstream's timeout); the caller reads and closes the body,
	 * whose reads each wait at most the upstream's idle timeout
	 * ({@link SocketTimeoutException} beyond it).
	 */
	UpstreamClient.Streamed openChat(String route, byte[] body, UpstreamClient.Cancellation cancellation) {
		Target target = target(route);
		try {
			return target.http()
				.open(target.path(Operation.CHAT), body, target.config().timeout(), target.config().idleTimeout(),
						cancellation);
		}
		catch (IOException ex) {
			throw failure(target.upstream(), ex);
		}
	}

	private Target target(String route) {
		Target target = this.targets.get(route);
		if (target == null) {
			// Calls only ever take configured routes; this cannot happen.
			throw new IllegalStateException("No route named " + route);
		}
		return target;
	}

	static OpenAiException failure(String upstream, IOException ex) {
		if (ex instanceof SocketTimeoutException && !(ex instanceof UpstreamClient.ConnectTimeout)) {
			return timeout(upstream);
		}
		return unreachable(upstream, describe(ex));
	}

	private static String describe(IOException ex) {
		if (ex instanceof ConnectException) {
			return "the connection was refused";
		}
		if (ex instanceof UpstreamClient.ConnectTimeout) {
			return "the connection timed out";
		}
		if (ex instanceof ProtocolException) {
			return "the answer was not valid HTTP/1.1: " + ex.getMessage();
		}
		if (ex instanceof SSLException) {
			return "the TLS connection failed";
		}
		return "the connection failed (" + ex.getClass().getSimpleName() + ")";
	}

	static OpenAiException timeout(String upstream) {
		return new OpenAiException(504, "server_error", "upstream_timeout", null,
				"The model's server did not answer in time (upstream '" + upstream + "'). Try again later.", "error");
	}

	static OpenAiException unreachable(String upstream, String why) {
		return new OpenAiException(502, "server_error", "upstream_unavailable", null,
				"The model's server could not be reached (upstream '" + upstream + "': " + why + ").", "error");
	}

	private record Target(String upstream, ProxyProperties.Upstream config, UpstreamClient http,
			Map<Operation, String> paths) {

		String path(Operation operation) {
			return this.paths.get(operation);
		}

	}

}
