package dev.aigov.proxy.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import dev.aigov.proxy.ProxyProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Calls upstreams: one {@link UpstreamClient} (and keep-alive pool) per configured
 * upstream, HTTP/1.1 on the caller's thread, redirects never followed, and every request
 * sent to a configured base URL plus a fixed path, so no caller input ever chooses where
 * a request goes. A request is retried once only where it cannot have been processed (see
 * {@link UpstreamClient}).
 */
@Component
class Upstreams implements DisposableBean {

	private final Map<String, Client> clients = new HashMap<>();

	Upstreams(ProxyProperties properties) {
		SSLSocketFactory tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
		properties.upstreams()
			.forEach((name, upstream) -> this.clients.put(name, new Client(upstream,
					new UpstreamClient(upstream.baseUrl(), upstream.apiKey(), upstream.connectTimeout(), tls))));
	}

	@Override
	public void destroy() {
		this.clients.values().forEach((client) -> client.http().close());
	}

	/**
	 * Sends a request and reads the whole answer within the upstream's timeout.
	 * @throws OpenAiException 504 on timeout, 502 when the upstream cannot be reached or
	 * does not speak HTTP/1.x
	 */
	UpstreamClient.Answer exchange(String upstream, String path, byte[] body,
			UpstreamClient.Cancellation cancellation) {
		Client client = client(upstream);
		try {
			return client.http().exchange(path, body, client.config().timeout(), cancellation);
		}
		catch (IOException ex) {
			throw failure(upstream, ex);
		}
	}

	/**
	 * Opens a streamed answer: returns once the status and headers arrived (within the
	 * upstream's timeout); the caller reads and closes the body, whose reads each wait at
	 * most the upstream's idle timeout ({@link SocketTimeoutException} beyond it).
	 */
	UpstreamClient.Streamed open(String upstream, String path, byte[] body, UpstreamClient.Cancellation cancellation) {
		Client client = client(upstream);
		try {
			return client.http()
				.open(path, body, client.config().timeout(), client.config().idleTimeout(), cancellation);
		}
		catch (IOException ex) {
			throw failure(upstream, ex);
		}
	}

	private Client client(String upstream) {
		Client client = this.clients.get(upstream);
		if (client == null) {
			// Routes are checked against upstreams at start; this cannot happen.
			throw new IllegalStateException("No upstream named " + upstream);
		}
		return client;
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

	private record Client(ProxyProperties.Upstream config, UpstreamClient http) {
	}

}
