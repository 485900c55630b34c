package dev.aigov.proxy.internal;

import java.io.IOException;

import dev.aigov.proxy.ApplicationKey;
import dev.aigov.proxy.ApplicationKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /v1/**} as a plain servlet filter, ahead of Spring Security's filter
 * chain and Spring MVC (ADR 004, ADR 010): it authenticates the application key itself,
 * dispatches the three endpoints to {@link OpenAiProxy} and answers everything else in
 * the OpenAI error shape. It never passes a request on, so nothing behind it (sessions,
 * CSRF, cookies, form or Basic login) ever sees {@code /v1}.
 * <p>
 * Order of checks: key first (401 for every path, known or not, without a valid key),
 * then the path (exactly one of the three, or {@code /v1/models/} and one model name, as
 * sent: encoded, doubled or parameterised paths are 404), then the method (405).
 */
final class OpenAiEndpoint extends HttpFilter {

	static final String CHAT = "/v1/chat/completions";

	static final String EMBEDDINGS = "/v1/embeddings";

	static final String MODELS = "/v1/models";

	/**
	 * A model name in {@code /v1/models/{model}}, as sent: served names are registry ids,
	 * so anything encoded or with a further segment is an unknown path.
	 */
	private static final java.util.regex.Pattern MODEL_NAME = java.util.regex.Pattern
		.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

	/** The most of an unread request body that is read and dropped after the answer. */
	static final long DISCARDED_BYTES = 2L << 20;

	/** The longest the rest of an unread body is read and dropped after the answer. */
	static final long DISCARD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

	private static final Logger logger = LoggerFactory.getLogger(OpenAiEndpoint.class);

	private final byte[] unauthenticated;

	private final byte[] unknown;

	private final byte[] internal;

	private final ApplicationKeys keys;

	private final OpenAiProxy proxy;

	OpenAiEndpoint(ApplicationKeys keys, OpenAiProxy proxy) {
		this.keys = keys;
		this.proxy = proxy;
		this.unauthenticated = error("Missing, unknown or revoked application key. Send 'Authorization: Bearer <key>'.",
				"invalid_request_error", "invalid_api_key");
		this.unknown = error(
				"Unknown endpoint. The proxy serves POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models "
						+ "and GET /v1/models/{model}.",
				"invalid_request_error", "unknown_url");
		this.internal = error("The proxy could not handle this call; it was refused.", "server_error",
				"internal_error");
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		securityHeaders(request, response);
		try {
			answer(request, response);
		}
		catch (IOException ex) {
			// The caller went away while its answer was written; the call's own path has
			// audited what happened. Nothing to answer, and nothing to pass on.
			logger.debug("Proxy call ended by the client: {}", ex.getClass().getName());
		}
		catch (RuntimeException | Error ex) {
			// Fail closed; the message may hold input, so only the type is logged.
			logger.error("Proxy call failed outside the handler: {}", ex.getClass().getName());
			if (!response.isCommitted()) {
				response.resetBuffer();
				write(response, 500, this.internal);
			}
			if (ex instanceof Error error) {
				throw error;
			}
		}
		discardUnread(request);
	}

	/**
	 * Answers one call. Every way out, a refusal without a key included, returns to
	 * {@link #doFilter}, which then drops what is left of the body: closing with it
	 * unread would reset the connection under the answer.
	 */
	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ApplicationKey key = authenticate(request);
		if (key == null) {
			response.setHeader("WWW-Authenticate", "Bearer");
			write(response, 401, this.unauthenticated);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String method = request.getMethod();
		switch (path) {
			case CHAT -> {
				if (allowed(response, method, "POST")) {
					this.proxy.chat(request, response, key);
				}
			}
			case EMBEDDINGS -> {
				if (allowed(response, method, "POST")) {
					this.proxy.embeddings(request, response, key);
				}
			}
			case MODELS -> {
				if (allowed(response, method, "GET")) {
					this.proxy.models(request, response, key);
				}
			}
			default -> {
				String model = path.startsWith(MODELS + "/") ? path.substring(MODELS.length() + 1) : null;
				if (model != null && MODEL_NAME.matcher(model).matches()) {
					if (allowed(response, method, "GET")) {
						this.proxy.model(request, response, key, model);
					}
				}
				else {
					write(response, 404, this.unknown);
				}
			}
		}
	}

	/**
	 * Reads and drops what the caller is still sending of a body the call did not read
	 * (refused before or while reading it: no key, too large, a bad path), up to
	 * {@link #DISCARDED_BYTES} and for at most {@link #DISCARD_NANOS} (and one read more,
	 * which the server's idle timeout bounds). A server that closes a connection with
	 * request bytes unread makes the kernel reset it, and a client still sending then
	 * loses the answer already on its way (Jetty closes such a connection; it does not
	 * swallow a body the way Tomcat's {@code maxSwallowSize} does). Past either bound the
	 * connection is closed anyway: no caller holds a request thread by sending slowly or
	 * without end. A call that read its body costs one read that finds its end.
	 */
	private static void discardUnread(HttpServletRequest request) {
		try {
			ServletInputStream in = request.getInputStream();
			// A body read to its Content-Length is not yet "finished" (its end was not
			// read): one byte tells, before a buffer is made for a body left unread.
			if (in.isFinished() || in.read() < 0) {
				return;
			}
			long left = DISCARDED_BYTES - 1;
			long deadline = System.nanoTime() + DISCARD_NANOS;
			byte[] dropped = new byte[8192];
			while (left > 0 && System.nanoTime() - deadline < 0) {
				// A read returns what has arrived; skip(n) would wait for all n bytes.
				int read = in.read(dropped, 0, (int) Math.min(dropped.length, left));
				if (read < 0) {
					return;
				}
				left -= read;
			}
		}
		catch (IOException | IllegalStateException ex) {
			// Gone, or the body was taken as a reader: nothing more to do.
		}
	}

	/**
	 * The key named by {@code Authorization: Bearer <key>}, or {@code null}. Only this
	 * header counts: cookies, Basic credentials and query parameters are never read, so a
	 * browser cannot be made to call the proxy on a user's behalf (no CSRF).
	 */
	private ApplicationKey authenticate(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return this.keys.authenticate(header.substring(7).strip()).orElse(null);
	}

	private boolean allowed(HttpServletResponse response, String method, String expected) throws IOException {
		if (expected.equals(method)) {
			return true;
		}
		response.setHeader("Allow", expected);
		write(response, 405,
				error("This endpoint accepts " + expected + " only.", "invalid_request_error", "method_not_allowed"));
		return false;
	}

	/**
	 * What Spring Security's header writer sent on {@code /v1}, narrowed to what matters
	 * for a JSON API (OWASP REST cheat sheet): no caching of answers, no content
	 * sniffing, no framing, and HSTS over TLS.
	 */
	private static void securityHeaders(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		}
	}

	private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** An error body in the OpenAI shape, written as the proxy writes its own. */
	private byte[] error(String message, String type, String code) {
		return this.proxy.errorBody(new OpenAiException(0, type, code, null, message, "error"));
	}

}
