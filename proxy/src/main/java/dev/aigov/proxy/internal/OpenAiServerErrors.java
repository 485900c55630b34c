package dev.aigov.proxy.internal;

import java.nio.ByteBuffer;
import java.util.function.Function;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's own error answers under {@code /v1} in the OpenAI error shape. Jetty
 * refuses some requests before any filter sees them (a malformed URI, headers or a URI
 * too large, a broken request line) and answers them with an HTML page; an OpenAI client
 * cannot read that, so under {@code /v1} the answer is JSON like the proxy's own errors.
 * Elsewhere the error handler it wraps answers as before (Jetty's page, Spring Boot's
 * error pages). Only the status's standard reason is told, never Jetty's detail, which
 * may quote the request.
 */
final class OpenAiServerErrors implements Request.Handler {

	private final Function<OpenAiException, byte[]> errorBody;

	private final Request.Handler elsewhere;

	private OpenAiServerErrors(Function<OpenAiException, byte[]> errorBody, Request.Handler elsewhere) {
		this.errorBody = errorBody;
		this.elsewhere = elsewhere;
	}

	/**
	 * Wraps the server's error handler (requests refused while parsing) and the servlet
	 * context's (requests refused on their way into it).
	 */
	static void install(Server server, Function<OpenAiException, byte[]> errorBody) {
		Request.Handler serverErrors = server.getErrorHandler();
		server.setErrorHandler(
				new OpenAiServerErrors(errorBody, (serverErrors != null) ? serverErrors : new ErrorHandler()));
		ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
		if (context != null && context.getErrorHandler() != null) {
			context.setErrorHandler(new OpenAiServerErrors(errorBody, context.getErrorHandler()));
		}
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		HttpURI uri = request.getHttpURI();
		String path = (uri != null) ? uri.getPath() : null;
		if (path == null || !(path.equals("/v1") || path.startsWith("/v1/"))) {
			return this.elsewhere.handle(request, response, callback);
		}
		int code = (request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer status) ? status
				: response.getStatus();
		if (code < 400 || code > 599) {
			code = 500;
		}
		boolean server = code >= 500;
		OpenAiException error = new OpenAiException(code, server ? "server_error" : "invalid_request_error",
				server ? "server_error" : codeFor(code), null,
				"The server could not take this request (" + code + " " + HttpStatus.getMessage(code) + ").", "error");
		byte[] body = this.errorBody.apply(error);
		response.setStatus(code);
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
		response.getHeaders().put("X-Content-Type-Options", "nosniff");
		response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
		response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
		response.write(true, ByteBuffer.wrap(body), callback);
		return true;
	}

	private static String codeFor(int status) {
		return switch (status) {
			case 413 -> "request_too_large";
			case 414 -> "uri_too_long";
			case 431 -> "headers_too_large";
			case 505 -> "http_version_not_supported";
			default -> "invalid_http_request";
		};
	}

}
