package dev.aigov.proxy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The upstream client against a scripted server on a raw socket, so each test decides
 * byte by byte what the upstream sends and when it closes.
 */
class UpstreamClientTests {

	private static final byte[] BODY = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private Server server;

	/** What the upstream received, request by request. */
	private final List<String> requests = new CopyOnWriteArrayList<>();

	private UpstreamClient client;

	@AfterEach
	void close() throws IOException {
		if (this.client != null) {
			this.client.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void sendsOnePostToTheConfiguredPathWithTheServerSideKey() throws Exception {
		start((connection, in, out) -> {
			serve(in, out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
		});
		UpstreamClient.Answer answer = this.client.exchange("/chat/completions", BODY, TIMEOUT);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.contentType()).isEqualTo("application/json");
		assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
		String request = this.requests.get(0);
		assertThat(request).startsWith("POST /base/v1/chat/completions HTTP/1.1\r\n")
			.contains("\r\nHost: 127.0.0.1:" + this.server.port() + "\r\n")
			.contains("\r\nAuthorization: Bearer sk-upstream\r\n")
			.contains("\r\nContent-Length: " + BODY.length + "\r\n")
			.endsWith("\r\n\r\n{\"model\":\"m\"}");
	}

	@Test
	void sendsAzuresApiKeyHeaderInsteadOfABearerToken() throws Exception {
		this.server = new Server((connection, in, out) -> {
			serve(in, out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
		});
		this.client = new UpstreamClient(URI.create("http://127.0.0.1:" + this.server.port() + "/openai"),
				UpstreamClient.Credential.API_KEY_HEADER, "azure-key", Duration.ofSeconds(1),
				(SSLSocketFactory) SSLSocketFactory.getDefault());
		assertThat(this.client.exchange("/deployments/chat-prod/chat/completions?api-version=2024-10-21", BODY, TIMEOUT)
			.status()).isEqualTo(200);
		String request = this.requests.get(0);
		assertThat(request)
			.startsWith("POST /openai/deployments/chat-prod/chat/completions?api-version=2024-10-21 HTTP/1.1\r\n")
			.contains("\r\napi-key: azure-key\r\n")
			.doesNotContain("Authorization");
	}

	@Test
	void reusesAConnectionOnlyAfterACompleteAnswer() throws Exception {
		start((connection, in, out) -> {
			while (serve(in, out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")) {
				// keep-alive
			}
		});
		for (int i = 0; i < 3; i++) {
			assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("hello");
		}
		assertThat(this.client.opened()).isEqualTo(1);
	}

	@Test
	void readsAChunkedAnswerWithExtensionsAndTrailersAndReusesTheConnection() throws Exception {
		start((connection, in, out) -> {
			while (serve(in, out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")) {
				// keep-alive
			}
		});
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("hello 0123456789");
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("hello 0123456789");
		assertThat(this.client.opened()).isEqualTo(1);
	}

	@Test
	void skipsAnInterimAnswer() throws Exception {
		start((connection, in, out) -> serve(in, out,
				"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("ok");
	}

	@Test
	void retriesOnceOnAFreshConnectionWhenThePooledOneWasClosedByTheServer() throws Exception {
		start((connection, in, out) -> {
			// Answers one request per connection, then closes without saying so.
			serve(in, out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
		});
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("ok");
		this.server.awaitClosed(1);
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("ok");
		assertThat(this.client.opened()).isEqualTo(2);
		assertThat(this.requests).hasSize(2);
	}

	/**
	 * A pooled connection that ends without an answer long after the request was sent
	 * (the server worked on it, then crashed or a balancer dropped it) is not retried:
	 * the model would run, and be paid for, twice.
	 */
	@Test
	void neverRetriesAPooledConnectionThatEndsLongAfterTheRequest() throws Exception {
		start((connection, in, out) -> {
			serve(in, out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
			if (readRequest(in) != null) {
				sleep(1500);
			}
		});
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("ok");
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT))
			.isInstanceOf(IOException.class);
		assertThat(this.requests).hasSize(2);
		assertThat(this.client.opened()).isEqualTo(1);
	}

	@Test
	void neverRetriesOnAFreshConnectionThatEndsWithoutAnAnswer() throws Exception {
		start((connection, in, out) -> readRequest(in));
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT))
			.isInstanceOf(IOException.class);
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void aHungUpstreamTimesOutOnceWithoutARetry() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		start((connection, in, out) -> {
			readRequest(in);
			await(release);
		});
		long started = System.nanoTime();
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, Duration.ofMillis(300)))
			.isInstanceOf(SocketTimeoutException.class);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		release.countDown();
		assertThat(millis).isBetween(250L, 3000L);
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void aCancelledExchangeEndsAtOnceClosesItsConnectionAndNeverPoolsIt() throws Exception {
		CountDownLatch closedByClient = new CountDownLatch(1);
		start((connection, in, out) -> {
			readRequest(in);
			write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf");
			if (in.read() == -1) {
				closedByClient.countDown();
			}
		});
		UpstreamClient.Cancellation cancellation = new UpstreamClient.Cancellation();
		Thread canceller = Thread.ofPlatform().start(() -> {
			sleep(200);
			cancellation.cancel();
		});
		long started = System.nanoTime();
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT, cancellation))
			.isInstanceOf(IOException.class);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		canceller.join();
		assertThat(millis).as("ms until the exchange ended, of a 5 s timeout").isBetween(150L, 2000L);
		assertThat(closedByClient.await(2, TimeUnit.SECONDS)).as("the upstream saw the connection close").isTrue();
		assertThat(this.client.idleConnections()).isZero();
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT, cancellation))
			.as("a cancelled exchange sends nothing more")
			.isInstanceOf(UpstreamClient.Cancelled.class);
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void aSlowBodyCountsAgainstTheWholeAnswersDeadline() throws Exception {
		start((connection, in, out) -> {
			readRequest(in);
			write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
			for (int i = 0; i < 100; i++) {
				write(out, "x");
				sleep(20);
			}
		});
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, Duration.ofMillis(300)))
			.isInstanceOf(SocketTimeoutException.class);
	}

	@Test
	void neverReusesAConnectionAfterAPartialRead() throws Exception {
		start((connection, in, out) -> {
			readRequest(in);
			if (connection == 0) {
				write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
				sleep(2000);
			}
			else {
				write(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfull");
				while (serve(in, out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfull")) {
					// keep-alive
				}
			}
		});
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, Duration.ofMillis(300)))
			.isInstanceOf(SocketTimeoutException.class);
		assertThat(this.client.idleConnections()).isZero();
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("full");
		assertThat(this.client.opened()).isEqualTo(2);
		assertThat(this.requests).hasSize(2);
	}

	@Test
	void aBodyThatBreaksOffIsAnErrorNotAShortAnswer() throws Exception {
		start((connection, in, out) -> {
			readRequest(in);
			write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
		});
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT))
			.isInstanceOf(IOException.class);
	}

	@Test
	void doesNotReuseAConnectionTheServerSaidItWouldClose() throws Exception {
		start((connection, in, out) -> {
			while (serve(in, out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")) {
				// the client must not send another request here
			}
		});
		this.client.exchange("/chat/completions", BODY, TIMEOUT);
		this.client.exchange("/chat/completions", BODY, TIMEOUT);
		assertThat(this.client.opened()).isEqualTo(2);
	}

	@Test
	void readsAnAnswerWithoutLengthToTheEndOfTheConnection() throws Exception {
		start((connection, in, out) -> serve(in, out, "HTTP/1.0 200 OK\r\n\r\nuntil close"));
		assertThat(text(this.client.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("until close");
		assertThat(this.client.idleConnections()).isZero();
	}

	@Test
	void somethingThatIsNotHttpIsAProtocolError() throws Exception {
		start((connection, in, out) -> serve(in, out, "<html>hello</html>\r\n\r\n"));
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT))
			.isInstanceOf(ProtocolException.class);
	}

	@Test
	void conflictingLengthsAndBadChunksAreProtocolErrors() throws Exception {
		start((connection, in, out) -> serve(in, out,
				(connection == 0) ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk"
						: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"));
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT))
			.isInstanceOf(ProtocolException.class);
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT))
			.isInstanceOf(ProtocolException.class);
	}

	@Test
	void aRefusedConnectionIsTriedTwiceThenReported() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		this.client = new UpstreamClient(URI.create("http://127.0.0.1:" + port + "/v1"), null, Duration.ofSeconds(1),
				(SSLSocketFactory) SSLSocketFactory.getDefault());
		assertThatThrownBy(() -> this.client.exchange("/chat/completions", BODY, TIMEOUT))
			.isInstanceOf(ConnectException.class);
	}

	@Test
	void streamsAChunkedAnswerAndReusesTheConnectionAtItsEnd() throws Exception {
		start((connection, in, out) -> {
			while (readRequest(in) != null) {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
				for (String event : List.of("data: {\"a\":1}\n\n", "data: [DONE]\n\n")) {
					write(out, Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
					sleep(20);
				}
				write(out, "0\r\n\r\n");
			}
		});
		for (int i = 0; i < 2; i++) {
			try (UpstreamClient.Streamed streamed = this.client.open("/chat/completions", BODY, TIMEOUT,
					Duration.ofSeconds(2))) {
				assertThat(streamed.status()).isEqualTo(200);
				assertThat(streamed.contentType()).isEqualTo("text/event-stream");
				assertThat(new String(streamed.body().readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo("data: {\"a\":1}\n\ndata: [DONE]\n\n");
			}
		}
		assertThat(this.client.opened()).isEqualTo(1);
		assertThat(this.requests.get(0)).contains("\r\nAccept: text/event-stream\r\n");
	}

	@Test
	void closingAStreamBeforeItsEndClosesTheConnectionAndSoCancelsTheUpstream() throws Exception {
		AtomicInteger written = new AtomicInteger();
		CountDownLatch cancelled = new CountDownLatch(1);
		start((connection, in, out) -> {
			readRequest(in);
			try {
				out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				for (int i = 0; i < 500; i++) {
					out.write("11\r\ndata: {\"a\":123}\n\n\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
					written.incrementAndGet();
					Thread.sleep(10);
				}
			}
			catch (IOException ex) {
				cancelled.countDown();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		UpstreamClient.Streamed streamed = this.client.open("/chat/completions", BODY, TIMEOUT, Duration.ofSeconds(2));
		assertThat(streamed.body().readNBytes(17))
			.isEqualTo("data: {\"a\":123}\n\n".getBytes(StandardCharsets.US_ASCII));
		streamed.close();
		assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(written.get()).isLessThan(500);
		assertThat(this.client.idleConnections()).isZero();
	}

	@Test
	void aSilentStreamTimesOutAfterTheIdleTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		start((connection, in, out) -> {
			readRequest(in);
			write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "6\r\ndata: \r\n");
			await(release);
		});
		try (UpstreamClient.Streamed streamed = this.client.open("/chat/completions", BODY, TIMEOUT,
				Duration.ofMillis(200))) {
			assertThat(streamed.body().readNBytes(6)).hasSize(6);
			assertThatThrownBy(() -> streamed.body().read()).isInstanceOf(SocketTimeoutException.class);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void speaksTlsToAnHttpsUpstreamAndChecksItsName(@TempDir Path dir) throws Exception {
		Path keystore = dir.resolve("upstream.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
				"-alias", "upstream", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
				"-validity", "2")
			.redirectErrorStream(true)
			.start();
		keytool.getInputStream().readAllBytes();
		assertThat(keytool.waitFor()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
		try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				for (;;) {
					try {
						Socket connection = listener.accept();
						Thread.ofVirtual().start(() -> {
							try (connection) {
								while (serve(connection.getInputStream(), connection.getOutputStream(),
										"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret")) {
									// keep-alive
								}
							}
							catch (IOException ex) {
								// handshake refused by the client
							}
						});
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			int port = listener.getLocalPort();
			try (UpstreamClient trusted = new UpstreamClient(URI.create("https://localhost:" + port + "/v1"), null,
					Duration.ofSeconds(2), context.getSocketFactory())) {
				assertThat(text(trusted.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("secret");
				assertThat(text(trusted.exchange("/chat/completions", BODY, TIMEOUT))).isEqualTo("secret");
				assertThat(trusted.opened()).isEqualTo(1);
			}
			try (UpstreamClient wrongName = new UpstreamClient(URI.create("https://127.0.0.1:" + port + "/v1"), null,
					Duration.ofSeconds(2), context.getSocketFactory())) {
				assertThatThrownBy(() -> wrongName.exchange("/chat/completions", BODY, TIMEOUT))
					.isInstanceOf(SSLException.class);
			}
			try (UpstreamClient untrusted = new UpstreamClient(URI.create("https://localhost:" + port + "/v1"), null,
					Duration.ofSeconds(2), (SSLSocketFactory) SSLSocketFactory.getDefault())) {
				assertThatThrownBy(() -> untrusted.exchange("/chat/completions", BODY, TIMEOUT))
					.isInstanceOf(SSLException.class);
			}
		}
	}

	@Test
	void refusesAnApiKeyThatWouldBreakTheRequestHead() {
		assertThatThrownBy(() -> new UpstreamClient(URI.create("http://127.0.0.1:1/v1"), "sk\r\nX-Evil: 1",
				Duration.ofSeconds(1), (SSLSocketFactory) SSLSocketFactory.getDefault()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private void start(Handler handler) throws IOException {
		this.server = new Server(handler);
		this.client = new UpstreamClient(URI.create("http://127.0.0.1:" + this.server.port() + "/base/v1/"),
				"sk-upstream", Duration.ofSeconds(1), (SSLSocketFactory) SSLSocketFactory.getDefault());
	}

	private static String text(UpstreamClient.Answer answer) {
		return new String(answer.body(), StandardCharsets.UTF_8);
	}

	/** Reads one request and answers it; {@code false} when the client closed instead. */
	private boolean serve(InputStream in, OutputStream out, String answer) {
		if (readRequest(in) == null) {
			return false;
		}
		write(out, answer);
		return true;
	}

	/** One request (head and Content-Length body), or {@code null} at the end. */
	private String readRequest(InputStream in) {
		try {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1) {
				head.write(b);
				byte[] bytes = head.toByteArray();
				int n = bytes.length;
				if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r'
						&& bytes[n - 1] == '\n') {
					break;
				}
			}
			if (b == -1) {
				return null;
			}
			String text = head.toString(StandardCharsets.ISO_8859_1);
			int length = 0;
			for (String line : text.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					length = Integer.parseInt(line.substring(15).strip());
				}
			}
			String request = text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
			this.requests.add(request);
			return request;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void write(OutputStream out, String text) {
		try {
			out.write(text.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	private interface Handler {

		void handle(int connection, InputStream in, OutputStream out) throws IOException;

	}

	/** Accepts connections on loopback; each runs the handler and is then closed. */
	private static final class Server implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger closed = new AtomicInteger();

		Server(Handler handler) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread.ofVirtual().start(() -> {
				for (int index = 0;; index++) {
					Socket connection;
					try {
						connection = this.socket.accept();
					}
					catch (IOException ex) {
						return;
					}
					int number = index;
					Thread.ofVirtual().start(() -> {
						try (connection) {
							handler.handle(number, connection.getInputStream(), connection.getOutputStream());
						}
						catch (IOException ex) {
							// the client went away
						}
						this.closed.incrementAndGet();
					});
				}
			});
		}

		int port() {
			return this.socket.getLocalPort();
		}

		void awaitClosed(int count) throws InterruptedException {
			for (int i = 0; i < 500 && this.closed.get() < count; i++) {
				Thread.sleep(10);
			}
			// Give the client's side a moment to see the FIN.
			Thread.sleep(50);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
