package dev.aigov.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.RequestOptions;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * JSON over Elasticsearch's REST API through the low-level client: the audit module
 * writes and reads documents as bytes (they are hashed), so typed request builders would
 * only add copies. Every status comes back as a {@link Reply}; only an unreachable
 * cluster throws.
 */
public final class ElasticsearchHttp {

	/**
	 * Asks for an uncompressed answer. The HTTP client asks for gzip by default; for
	 * large search responses from a nearby cluster, compressing and inflating them cost
	 * more CPU on both sides than the transfer saves.
	 */
	private static final RequestOptions IDENTITY = RequestOptions.DEFAULT.toBuilder()
		.addHeader("Accept-Encoding", "identity")
		.build();

	private final Rest5Client client;

	public ElasticsearchHttp(Rest5Client client) {
		this.client = client;
	}

	/**
	 * Sends one request.
	 * @throws UncheckedIOException when Elasticsearch cannot be reached
	 */
	Reply send(String method, String path, Map<String, String> parameters, byte[] body) {
		return send(method, path, parameters, body, false);
	}

	/**
	 * Sends one request whose answer is read in bulk, asking for it uncompressed.
	 * @throws UncheckedIOException when Elasticsearch cannot be reached
	 */
	Reply sendUncompressed(String method, String path, Map<String, String> parameters, byte[] body) {
		return send(method, path, parameters, body, true);
	}

	private Reply send(String method, String path, Map<String, String> parameters, byte[] body, boolean uncompressed) {
		Request request = new Request(method, path);
		if (uncompressed) {
			request.setOptions(IDENTITY);
		}
		request.addParameters(parameters);
		if (body != null) {
			request.setEntity(new ByteArrayEntity(body, path.endsWith("_bulk")
					? ContentType.create("application/x-ndjson") : ContentType.APPLICATION_JSON));
		}
		try {
			Response response = this.client.performRequest(request);
			return new Reply(response.getStatusCode(), bytes(response));
		}
		catch (ResponseException ex) {
			Response response = ex.getResponse();
			try {
				return new Reply(response.getStatusCode(), bytes(response));
			}
			catch (IOException inner) {
				return new Reply(response.getStatusCode(), new byte[0]);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Elasticsearch is unreachable: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " (" + ex.getMessage() + ")" : ""), ex);
		}
	}

	Reply send(String method, String path, byte[] body) {
		return send(method, path, Map.of(), body);
	}

	private static byte[] bytes(Response response) throws IOException {
		if (response.getEntity() == null) {
			return new byte[0];
		}
		try {
			return EntityUtils.toByteArray(response.getEntity());
		}
		catch (RuntimeException ex) {
			throw new IOException(ex);
		}
	}

	/** A status and body. */
	record Reply(int status, byte[] body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		String text() {
			return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
		}

		/** Throws with Elasticsearch's answer unless the status is 2xx. */
		Reply orThrow(String what) {
			if (!ok()) {
				String text = text();
				throw new IllegalStateException(what + " failed with HTTP " + this.status + ": "
						+ ((text.length() > 500) ? text.substring(0, 500) + "…" : text));
			}
			return this;
		}

	}

}
