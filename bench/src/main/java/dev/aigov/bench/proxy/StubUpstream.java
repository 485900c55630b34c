package dev.aigov.bench.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible upstream that answers at once: every chat completion gets the same
 * small answer (with usage), every embeddings call the same vector. It reads the whole
 * request first, as a real server would. Listens on loopback only.
 * <p>
 * {@code java -cp ... dev.aigov.bench.proxy.StubUpstream 18089}
 */
public final class StubUpstream implements AutoCloseable {

	private static final byte[] CHAT = """
			{"id":"chatcmpl-stub","object":"chat.completion","created":1700000000,"model":"stub",\
			"choices":[{"index":0,"message":{"role":"assistant","content":"Thank you for your question. \
			Orders ship within two working days, and returns are accepted for thirty days."},\
			"finish_reason":"stop"}],"usage":{"prompt_tokens":256,"completion_tokens":24,"total_tokens":280}}"""
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] EMBEDDINGS = """
			{"object":"list","model":"stub","data":[{"object":"embedding","index":0,\
			"embedding":[0.25,-0.5,0.75]}],"usage":{"prompt_tokens":4,"total_tokens":4}}"""
		.getBytes(StandardCharsets.UTF_8);

	static {
		// The JDK server closes idle connections beyond 200 and after 30 s; a load test
		// keeps
		// more open, and a client reusing one the server just closed would count an error
		// that no real deployment tuned for load would see.
		System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
		System.setProperty("sun.net.httpserver.idleInterval", "3600");
	}

	private final HttpServer server;

	public StubUpstream(int port) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", StubUpstream::answer);
		this.server.start();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.readAllBytes();
			byte[] answer = exchange.getRequestURI().getPath().endsWith("/embeddings") ? EMBEDDINGS : CHAT;
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	public static void main(String[] args) throws Exception {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 18089;
		StubUpstream stub = new StubUpstream(port);
		System.out.println("Stub upstream on http://127.0.0.1:" + stub.port() + "/v1");
		Thread.currentThread().join();
	}

}
