package dev.aigov.bench.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An OpenAI-compatible upstream that answers at once: every chat completion gets the same
 * small answer (with usage), every embeddings call the same vector. It reads the whole
 * request first, as a real server would. Listens on loopback only.
 * <p>
 * HTTP/1.1 with keep-alive, one blocking platform thread per connection: a request costs
 * one wake-up of the thread that owns its connection and no hand-off between threads. The
 * stub shares the two cores of the benchmark machine with the proxy, whereas a real
 * upstream runs elsewhere, so it must take as little CPU and as few scheduler wake-ups as
 * it can (the JDK's {@code HttpServer} with a virtual thread per exchange took about 0.1
 * ms of CPU per request and two hand-offs). Bodies must come with {@code Content-Length}
 * (both the proxy's upstream client and the load generator send one); anything else is
 * answered 411 or 400 and the connection closed.
 * <p>
 * With a delay, every chat completion is answered that many milliseconds after its
 * request was read, as an LLM that takes its time: the proxy then holds each call for
 * that long, which is what sizes its request threads (a thread per connection here, so
 * the stub's own concurrency is the client's connection count).
 * <p>
 * {@code java -cp ... dev.aigov.bench.proxy.StubUpstream 18089 [delay-ms]}
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

	private static final byte[] CHAT_ANSWER = answer(200, "OK", CHAT);

	private static final byte[] EMBEDDINGS_ANSWER = answer(200, "OK", EMBEDDINGS);

	private static final int MAX_HEAD = 64 * 1024;

	private final ServerSocket server;

	private final long delayMillis;

	public StubUpstream(int port) throws IOException {
		this(port, 0);
	}

	/**
	 * @param port the loopback port, 0 for any free one
	 * @param delayMillis how long each chat completion takes to be answered
	 */
	public StubUpstream(int port, long delayMillis) throws IOException {
		this.delayMillis = delayMillis;
		this.server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("stub-accept").start(this::accept);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ignored) {
			// closing anyway
		}
	}

	private void accept() {
		int connection = 0;
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				socket.setTcpNoDelay(true);
				Thread.ofPlatform().daemon().name("stub-" + connection++).start(() -> serve(socket));
			}
			catch (IOException ex) {
				if (!this.server.isClosed()) {
					System.err.println("stub: accept failed: " + ex);
				}
			}
		}
	}

	/** Answers the requests of one keep-alive connection until the client closes it. */
	private void serve(Socket socket) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			OutputStream out = socket.getOutputStream();
			byte[] head = new byte[MAX_HEAD];
			while (true) {
				int length = readHead(in, head);
				if (length < 0) {
					return; // closed between requests
				}
				Request request = Request.parse(new String(head, 0, length, StandardCharsets.ISO_8859_1));
				if (request == null) {
					out.write(answer(400, "Bad Request", new byte[0]));
					return;
				}
				if (request.contentLength() < 0) {
					out.write(answer(411, "Length Required", new byte[0]));
					return;
				}
				if (in.readNBytes(request.contentLength()).length < request.contentLength()) {
					return; // the body broke off
				}
				boolean embeddings = request.path().endsWith("/embeddings");
				if (!embeddings && this.delayMillis > 0) {
					Thread.sleep(this.delayMillis);
				}
				out.write(embeddings ? EMBEDDINGS_ANSWER : CHAT_ANSWER);
				out.flush();
				if (request.close()) {
					return;
				}
			}
		}
		catch (SocketException ex) {
			// the client went away
		}
		catch (IOException ex) {
			System.err.println("stub: connection failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Reads up to the blank line that ends a request head.
	 * @return the head's length without the blank line, or -1 when the connection was
	 * closed before a request began
	 */
	private static int readHead(InputStream in, byte[] head) throws IOException {
		int length = 0;
		while (true) {
			int b = in.read();
			if (b < 0) {
				if (length == 0) {
					return -1;
				}
				throw new IOException("the request head broke off");
			}
			if (length == head.length) {
				throw new IOException("request head over " + MAX_HEAD + " bytes");
			}
			head[length++] = (byte) b;
			if (length >= 4 && head[length - 1] == '\n' && head[length - 2] == '\r' && head[length - 3] == '\n'
					&& head[length - 4] == '\r') {
				return length - 4;
			}
		}
	}

	private static byte[] answer(int status, String reason, byte[] body) {
		byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length + "\r\n" + ((status == 200) ? "" : "Connection: close\r\n") + "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[head.length + body.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(body, 0, all, head.length, body.length);
		return all;
	}

	/** What the stub needs of a request head. */
	private record Request(String path, int contentLength, boolean close) {

		/** The request line and headers, or {@code null} when they are not HTTP/1.x. */
		static Request parse(String head) {
			String[] lines = head.split("\r\n");
			String[] requestLine = lines[0].split(" ");
			if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
				return null;
			}
			int contentLength = requestLine[0].equals("GET") ? 0 : -1;
			boolean close = requestLine[2].equals("HTTP/1.0");
			for (int i = 1; i < lines.length; i++) {
				String line = lines[i].toLowerCase(Locale.ROOT);
				if (line.startsWith("content-length:")) {
					try {
						contentLength = Integer.parseInt(line.substring(15).strip());
					}
					catch (NumberFormatException ex) {
						return null;
					}
				}
				else if (line.startsWith("connection:")) {
					close = line.contains("close");
				}
			}
			return new Request(requestLine[1], contentLength, close);
		}

	}

	public static void main(String[] args) throws Exception {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 18089;
		long delayMillis = (args.length > 1) ? Long.parseLong(args[1]) : 0;
		StubUpstream stub = new StubUpstream(port, delayMillis);
		System.out.println("Stub upstream on http://127.0.0.1:" + stub.port() + "/v1"
				+ ((delayMillis > 0) ? ", chat answered after " + delayMillis + " ms" : ""));
		Thread.currentThread().join();
	}

}
