package dev.aigov.proxy.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A blocking HTTP/1.1 client for one configured upstream, which writes the request and
 * reads the answer on the caller's thread (no executor hand-off, no futures, no HTTP/2
 * machinery: ADR 010's addendum says what that saved).
 * <p>
 * Contract:
 * <ul>
 * <li>It only ever connects to the host and port of the base URL it was built with, and
 * only sends {@code POST} to that URL's path plus a path its caller built from the
 * configuration ({@link Upstreams}); it never follows redirects (a 3xx is just a status
 * to the caller).</li>
 * <li>Answers framed by {@code Content-Length}, {@code Transfer-Encoding: chunked} or the
 * end of the connection are read; anything else that is not HTTP/1.x is a
 * {@link ProtocolException}.</li>
 * <li>A connection goes back to the pool only after its answer was read to its exact end
 * (nothing more buffered), the server did not say {@code Connection: close} and the
 * answer was HTTP/1.1. A connection idle longer than {@link #MAX_IDLE} is not
 * reused.</li>
 * <li>One retry, only where the request cannot have been processed: the connection could
 * not be opened, or a pooled connection turned out to be closed by the server (writing
 * failed, or it ended before the first byte of an answer). A timeout is never
 * retried.</li>
 * <li>Timeouts: opening a connection (and the TLS handshake) within the connect timeout;
 * {@link #exchange} reads the whole answer before its deadline; {@link #open} reads the
 * head before its deadline and then each read of the body within the idle timeout. A
 * timeout is a {@link SocketTimeoutException}.</li>
 * <li>Closing a streamed body before its end closes the connection, which cancels the
 * request at the upstream.</li>
 * </ul>
 */
final class UpstreamClient implements AutoCloseable {

	/** Longest a pooled connection may stay idle and still be reused. */
	static final Duration MAX_IDLE = Duration.ofSeconds(4);

	static final int MAX_IDLE_CONNECTIONS = 256;

	/** Status line plus headers of one answer. */
	static final int MAX_HEAD_BYTES = 64 * 1024;

	/** The largest non-streamed answer read into memory. */
	static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

	/**
	 * How soon after a request a pooled connection must end without an answer to count as
	 * one the server had closed before (and so as safe to retry): such a connection ends
	 * within a round trip. One that ends later may have had its request worked on (a
	 * server that crashed mid-generation), and a POST is not sent twice.
	 */
	static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final byte[] CRLF = { '\r', '\n' };

	private final String host;

	private final int port;

	private final SSLSocketFactory tls;

	private final int connectTimeoutMillis;

	private final String requestLinePrefix;

	private final String fixedHeaders;

	/** Request heads up to the Content-Length value, per path and kind. */
	private final Map<String, byte[]> heads = new ConcurrentHashMap<>();

	private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

	/** The deque's size, which the deque itself only counts by walking it. */
	private final AtomicInteger idleCount = new AtomicInteger();

	private final AtomicInteger opened = new AtomicInteger();

	private volatile boolean closed;

	/** How the upstream's credential is sent. */
	enum Credential {

		/** {@code Authorization: Bearer <key>}: OpenAI and most compatible servers. */
		BEARER("Authorization: Bearer "),

		/** {@code api-key: <key>}: Azure OpenAI's deployments API. */
		API_KEY_HEADER("api-key: ");

		private final String header;

		Credential(String header) {
			this.header = header;
		}

	}

	/**
	 * @param baseUrl an absolute http(s) URL (validated by the configuration)
	 * @param apiKey sent as {@code Authorization: Bearer}, or {@code null}
	 * @param connectTimeout to open a connection, TLS handshake included
	 * @param tls the TLS socket factory for https upstreams
	 */
	UpstreamClient(URI baseUrl, String apiKey, Duration connectTimeout, SSLSocketFactory tls) {
		this(baseUrl, Credential.BEARER, apiKey, connectTimeout, tls);
	}

	/**
	 * @param baseUrl an absolute http(s) URL (validated by the configuration)
	 * @param credential how {@code apiKey} is sent
	 * @param apiKey the upstream's credential, or {@code null}
	 * @param connectTimeout to open a connection, TLS handshake included
	 * @param tls the TLS socket factory for https upstreams
	 */
	UpstreamClient(URI baseUrl, Credential credential, String apiKey, Duration connectTimeout, SSLSocketFactory tls) {
		String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
		boolean secure = scheme.equals("https");
		if (!secure && !scheme.equals("http")) {
			throw new IllegalArgumentException("An upstream is http or https, got " + scheme);
		}
		String rawHost = baseUrl.getHost();
		this.host = (rawHost.startsWith("[") && rawHost.endsWith("]")) ? rawHost.substring(1, rawHost.length() - 1)
				: rawHost;
		this.port = (baseUrl.getPort() != -1) ? baseUrl.getPort() : (secure ? 443 : 80);
		this.tls = secure ? tls : null;
		this.connectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
		String path = (baseUrl.getRawPath() == null) ? "" : baseUrl.getRawPath();
		this.requestLinePrefix = "POST " + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
		boolean defaultPort = baseUrl.getPort() == -1 || this.port == (secure ? 443 : 80);
		StringBuilder headers = new StringBuilder(" HTTP/1.1\r\nHost: ").append(rawHost);
		if (!defaultPort) {
			headers.append(':').append(this.port);
		}
		headers.append("\r\nUser-Agent: aigov-proxy\r\nContent-Type: application/json\r\n");
		if (apiKey != null && !apiKey.isBlank()) {
			if (!apiKey.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
				throw new IllegalArgumentException("An upstream's api-key must be printable ASCII without spaces");
			}
			headers.append(credential.header).append(apiKey).append("\r\n");
		}
		this.fixedHeaders = headers.toString();
	}

	/**
	 * Sends {@code POST base + path} and reads the whole answer before the timeout ends.
	 * @param path the path after the base URL's, e.g. {@code /chat/completions}, with its
	 * query if any
	 */
	Answer exchange(String path, byte[] body, Duration timeout) throws IOException {
		return exchange(path, body, timeout, new Cancellation());
	}

	/**
	 * As {@link #exchange(String, byte[], Duration)}; {@link Cancellation#cancel} from
	 * another thread closes the connection, and the exchange then fails with an
	 * {@link IOException}.
	 */
	Answer exchange(String path, byte[] body, Duration timeout, Cancellation cancellation) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Exchange exchange = send(path, body, false, deadline, cancellation);
		Connection connection = exchange.connection();
		boolean reusable = false;
		try {
			Body reader = new Body(connection, exchange.head(), deadline, 0);
			byte[] bytes = reader.readAll();
			reusable = reader.reusable();
			return new Answer(exchange.head().status(), exchange.head().contentType(), bytes);
		}
		finally {
			// Before the connection may go back to the pool: a cancel from now on
			// closes nothing.
			reusable &= !cancellation.detach();
			if (reusable) {
				release(connection);
			}
			else {
				connection.close();
			}
		}
	}

	/**
	 * Sends {@code POST base + path} for a streamed answer and returns once its head
	 * arrived (before the timeout ends); each later read of the body waits at most the
	 * idle timeout. The caller reads and closes the body.
	 */
	Streamed open(String path, byte[] body, Duration timeout, Duration idleTimeout) throws IOException {
		return open(path, body, timeout, idleTimeout, new Cancellation());
	}

	/**
	 * As {@link #open(String, byte[], Duration, Duration)}; {@link Cancellation#cancel}
	 * from another thread closes the connection until the body is closed, so that a wait
	 * for the head or for the next event fails with an {@link IOException}.
	 */
	Streamed open(String path, byte[] body, Duration timeout, Duration idleTimeout, Cancellation cancellation)
			throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Exchange exchange = send(path, body, true, deadline, cancellation);
		int idleMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
		Body reader = new Body(exchange.connection(), exchange.head(), 0, idleMillis);
		return new Streamed(exchange.head().status(), exchange.head().contentType(),
				new StreamedBody(reader, cancellation));
	}

	/** Connections opened so far (tests and metrics). */
	int opened() {
		return this.opened.get();
	}

	/** Pooled idle connections now (tests). */
	int idleConnections() {
		return this.idleCount.get();
	}

	@Override
	public void close() {
		this.closed = true;
		Connection connection;
		while ((connection = this.idle.pollFirst()) != null) {
			this.idleCount.decrementAndGet();
			connection.close();
		}
	}

	private Exchange send(String path, byte[] body, boolean stream, long deadline, Cancellation cancellation)
			throws IOException {
		byte[] request = request(path, body, stream);
		for (int attempt = 1;; attempt++) {
			if (cancellation.cancelled()) {
				throw new Cancelled();
			}
			Connection connection = (attempt == 1) ? pooled() : null;
			boolean reused = connection != null;
			if (connection == null) {
				try {
					connection = connect(deadline);
				}
				catch (ConnectException | ConnectTimeout ex) {
					// Nothing was sent: one more try is safe.
					if (attempt == 1 && remaining(deadline) > 0) {
						continue;
					}
					throw ex;
				}
			}
			boolean answered = false;
			try {
				cancellation.attach(connection.plain);
				try {
					connection.out.write(request);
					connection.out.flush();
				}
				catch (IOException ex) {
					if (reused && attempt == 1) {
						// The server closed the pooled connection; it never read this
						// request.
						connection.close();
						continue;
					}
					throw ex;
				}
				long sent = System.nanoTime();
				Head head;
				try {
					head = connection.readHead(deadline);
				}
				catch (StaleConnection ex) {
					connection.close();
					if (reused && attempt == 1 && System.nanoTime() - sent < STALE_NANOS) {
						continue;
					}
					throw new EOFException("the upstream closed the connection without answering");
				}
				answered = true;
				return new Exchange(connection, head);
			}
			finally {
				if (!answered) {
					connection.close();
				}
			}
		}
	}

	private byte[] request(String path, byte[] body, boolean stream) {
		byte[] head = this.heads.computeIfAbsent(stream ? "s" + path : "j" + path,
				(key) -> (this.requestLinePrefix + path + this.fixedHeaders + "Accept: "
						+ (stream ? "text/event-stream" : "application/json") + "\r\nContent-Length: ")
					.getBytes(StandardCharsets.ISO_8859_1));
		byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.ISO_8859_1);
		byte[] request = new byte[head.length + length.length + 4 + body.length];
		System.arraycopy(head, 0, request, 0, head.length);
		System.arraycopy(length, 0, request, head.length, length.length);
		int at = head.length + length.length;
		request[at++] = '\r';
		request[at++] = '\n';
		request[at++] = '\r';
		request[at++] = '\n';
		System.arraycopy(body, 0, request, at, body.length);
		return request;
	}

	private Connection pooled() {
		long now = System.nanoTime();
		Connection connection;
		while ((connection = this.idle.pollFirst()) != null) {
			this.idleCount.decrementAndGet();
			if (now - connection.idleSince <= MAX_IDLE.toNanos()) {
				return connection;
			}
			connection.close();
		}
		return null;
	}

	private void release(Connection connection) {
		connection.idleSince = System.nanoTime();
		if (this.closed) {
			connection.close();
			return;
		}
		if (this.idleCount.incrementAndGet() > MAX_IDLE_CONNECTIONS) {
			this.idleCount.decrementAndGet();
			connection.close();
			return;
		}
		this.idle.offerFirst(connection);
		if (this.closed && this.idle.remove(connection)) {
			this.idleCount.decrementAndGet();
			connection.close();
		}
	}

	private Connection connect(long deadline) throws IOException {
		int timeout = (int) Math.min(this.connectTimeoutMillis, Math.max(1, remaining(deadline)));
		Socket socket = new Socket();
		Socket plain = socket;
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(this.host, this.port), timeout);
			if (this.tls != null) {
				SSLSocket secure = (SSLSocket) this.tls.createSocket(socket, this.host, this.port, true);
				SSLParameters parameters = secure.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				secure.setSSLParameters(parameters);
				secure.setSoTimeout(timeout);
				secure.startHandshake();
				socket = secure;
			}
			this.opened.incrementAndGet();
			return new Connection(socket, plain);
		}
		catch (SocketTimeoutException ex) {
			closeQuietly(socket);
			throw new ConnectTimeout();
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(socket);
			throw ex;
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// already failing
		}
	}

	private static long remaining(long deadline) {
		return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
	}

	/** A complete non-streamed answer. */
	record Answer(int status, String contentType, byte[] body) {
	}

	/** A streamed answer: its status, type, and its body to read and close. */
	record Streamed(int status, String contentType, InputStream body) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			this.body.close();
		}

	}

	private record Exchange(Connection connection, Head head) {
	}

	/** What an answer's head says. */
	record Head(int status, String contentType, long contentLength, boolean chunked, boolean keepAlive) {

		boolean untilClose() {
			return !this.chunked && this.contentLength < 0;
		}

	}

	/** Opening a connection (or its TLS handshake) took longer than allowed. */
	static final class ConnectTimeout extends SocketTimeoutException {

		ConnectTimeout() {
			super("the connection could not be opened in time");
		}

	}

	/** A pooled connection ended before any byte of an answer: it was stale. */
	private static final class StaleConnection extends IOException {

		StaleConnection() {
			super("the connection was closed before an answer", null);
		}

	}

	/**
	 * Lets another thread end an exchange: {@link #cancel} closes the connection it is
	 * using, which ends a read that is waiting for the upstream.
	 */
	static final class Cancellation {

		private Socket socket;

		private boolean cancelled;

		/** Ends the exchange; what it was waiting for fails with an IOException. */
		void cancel() {
			Socket attached;
			synchronized (this) {
				this.cancelled = true;
				attached = this.socket;
			}
			if (attached != null) {
				// Outside the lock: a detach must never wait for a close.
				closeQuietly(attached);
			}
		}

		synchronized boolean cancelled() {
			return this.cancelled;
		}

		private synchronized void attach(Socket socket) {
			this.socket = socket;
			if (this.cancelled) {
				closeQuietly(socket);
			}
		}

		/** Forgets the connection; returns whether the exchange was cancelled. */
		private synchronized boolean detach() {
			this.socket = null;
			return this.cancelled;
		}

	}

	/** The exchange was cancelled before it sent its request. */
	static final class Cancelled extends IOException {

		Cancelled() {
			super("the exchange was cancelled");
		}

	}

	/** One socket with its own read buffer. */
	private final class Connection {

		private final Socket socket;

		/**
		 * The TCP socket under a TLS one (or the same): what a cancel closes, which never
		 * waits for a TLS lock or sends an alert.
		 */
		private final Socket plain;

		private final InputStream in;

		private final OutputStream out;

		private final byte[] buffer = new byte[16 * 1024];

		private int position;

		private int limit;

		private int timeout = -1;

		long idleSince;

		Connection(Socket socket, Socket plain) throws IOException {
			this.socket = socket;
			this.plain = plain;
			this.in = socket.getInputStream();
			this.out = socket.getOutputStream();
		}

		Head readHead(long deadline) throws IOException {
			for (boolean first = true;; first = false) {
				// Only the first byte tells a stale connection from a broken answer.
				try {
					if (!fill(deadline, 0)) {
						throw first ? new StaleConnection() : new EOFException("the answer ended after 1xx");
					}
				}
				catch (java.net.SocketException ex) {
					if (first) {
						throw new StaleConnection();
					}
					throw ex;
				}
				int budget = MAX_HEAD_BYTES;
				String statusLine = line(deadline, 0, budget);
				budget -= statusLine.length();
				if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
						|| (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
					throw new ProtocolException("not an HTTP/1.x status line");
				}
				int status = parseStatus(statusLine);
				boolean http11 = statusLine.charAt(7) == '1';
				String contentType = null;
				long contentLength = -1;
				boolean chunked = false;
				boolean untilClose = false;
				boolean close = !http11;
				String header;
				while (!(header = line(deadline, 0, budget)).isEmpty()) {
					budget -= header.length() + 2;
					int colon = header.indexOf(':');
					if (colon <= 0) {
						throw new ProtocolException("a malformed header line");
					}
					String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
					String value = header.substring(colon + 1).strip();
					switch (name) {
						case "content-type" -> contentType = value;
						case "content-length" -> {
							long length = parseLength(value);
							if (contentLength != -1 && contentLength != length) {
								throw new ProtocolException("conflicting Content-Length headers");
							}
							contentLength = length;
						}
						case "transfer-encoding" -> {
							String last = value.substring(value.lastIndexOf(',') + 1).strip();
							if (last.equalsIgnoreCase("chunked")) {
								chunked = true;
							}
							else {
								untilClose = true;
							}
						}
						case "connection" -> {
							for (String token : value.split(",")) {
								if (token.strip().equalsIgnoreCase("close")) {
									close = true;
								}
							}
						}
						default -> {
							// not needed
						}
					}
				}
				if (status >= 100 && status < 200) {
					if (status == 101) {
						throw new ProtocolException("the upstream switched protocols");
					}
					continue; // an interim answer (100, 103): the real one follows
				}
				if (untilClose) {
					chunked = false;
					contentLength = -1;
				}
				else if (chunked) {
					// Transfer-Encoding wins over Content-Length (RFC 9112 6.3).
					contentLength = -1;
				}
				if (status == 204 || status == 304) {
					return new Head(status, contentType, 0, false, !close);
				}
				boolean keepAlive = !close && (chunked || contentLength >= 0);
				return new Head(status, contentType, contentLength, chunked, keepAlive);
			}
		}

		/**
		 * Reads one CRLF-terminated line (a bare LF is accepted) of at most {@code max}
		 * bytes.
		 */
		String line(long deadline, int idleMillis, int max) throws IOException {
			StringBuilder line = null;
			for (;;) {
				if (this.position == this.limit && !fill(deadline, idleMillis)) {
					throw new EOFException("the answer ended inside its head");
				}
				int start = this.position;
				int end = start;
				while (end < this.limit && this.buffer[end] != '\n') {
					end++;
				}
				int length = end - start;
				if ((line != null ? line.length() : 0) + length > max) {
					throw new ProtocolException("an answer's head is larger than " + MAX_HEAD_BYTES + " bytes");
				}
				if (end < this.limit) {
					this.position = end + 1;
					String text = new String(this.buffer, start, length, StandardCharsets.ISO_8859_1);
					String whole = (line != null) ? line.append(text).toString() : text;
					return whole.endsWith("\r") ? whole.substring(0, whole.length() - 1) : whole;
				}
				if (line == null) {
					line = new StringBuilder();
				}
				line.append(new String(this.buffer, start, length, StandardCharsets.ISO_8859_1));
				this.position = this.limit;
			}
		}

		/**
		 * Refills an empty buffer: within the deadline when one is given, else within the
		 * idle timeout.
		 * @return whether bytes arrived ({@code false} at the end of the stream)
		 */
		boolean fill(long deadline, int idleMillis) throws IOException {
			if (this.position < this.limit) {
				return true;
			}
			int timeout;
			if (deadline != 0) {
				long left = remaining(deadline);
				if (left <= 0) {
					throw new SocketTimeoutException("the deadline passed");
				}
				timeout = (int) Math.min(Integer.MAX_VALUE, left);
			}
			else {
				timeout = idleMillis;
			}
			if (timeout != this.timeout) {
				this.socket.setSoTimeout(timeout);
				this.timeout = timeout;
			}
			int read = this.in.read(this.buffer, 0, this.buffer.length);
			if (read < 0) {
				return false;
			}
			this.position = 0;
			this.limit = read;
			return true;
		}

		int buffered() {
			return this.limit - this.position;
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ignored) {
				// nothing to do
			}
		}

	}

	private static int parseStatus(String statusLine) throws ProtocolException {
		int status = 0;
		for (int i = 9; i < 12; i++) {
			char c = statusLine.charAt(i);
			if (c < '0' || c > '9') {
				throw new ProtocolException("not an HTTP status code");
			}
			status = status * 10 + (c - '0');
		}
		if (status < 100) {
			throw new ProtocolException("not an HTTP status code");
		}
		return status;
	}

	private static long parseLength(String value) throws ProtocolException {
		if (value.isEmpty() || value.length() > 18) {
			throw new ProtocolException("an invalid Content-Length");
		}
		long length = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				throw new ProtocolException("an invalid Content-Length");
			}
			length = length * 10 + (c - '0');
		}
		return length;
	}

	/**
	 * Reads one answer's body as its head frames it, and knows whether it was read to its
	 * exact end.
	 */
	private final class Body {

		private final Connection connection;

		private final Head head;

		private final long deadline;

		private int idleMillis;

		/** Bytes left in the body (length framing) or in the current chunk. */
		private long left;

		private boolean complete;

		private boolean failed;

		/** A chunk's data was read; its CRLF is still to come. */
		private boolean crlfPending;

		Body(Connection connection, Head head, long deadline, int idleMillis) {
			this.connection = connection;
			this.head = head;
			this.deadline = deadline;
			this.idleMillis = idleMillis;
			this.left = head.chunked() ? 0 : head.contentLength();
			this.complete = !head.chunked() && head.contentLength() == 0;
		}

		byte[] readAll() throws IOException {
			if (!this.head.chunked() && this.head.contentLength() > MAX_BODY_BYTES) {
				throw new ProtocolException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
			}
			byte[] bytes = new byte[(this.head.contentLength() >= 0) ? (int) this.head.contentLength() : 8192];
			int size = 0;
			for (;;) {
				if (size == bytes.length) {
					if (this.complete) {
						break;
					}
					if (bytes.length >= MAX_BODY_BYTES) {
						throw new ProtocolException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
					}
					bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(MAX_BODY_BYTES, bytes.length * 2L));
				}
				int read = read(bytes, size, bytes.length - size);
				if (read < 0) {
					break;
				}
				size += read;
			}
			return (size == bytes.length) ? bytes : java.util.Arrays.copyOf(bytes, size);
		}

		/** Whether the connection may carry another request. */
		boolean reusable() {
			return this.complete && !this.failed && this.head.keepAlive() && this.connection.buffered() == 0;
		}

		int read(byte[] into, int offset, int length) throws IOException {
			if (this.complete) {
				return -1;
			}
			if (length == 0) {
				return 0;
			}
			try {
				if (this.crlfPending) {
					expectCrlf();
					this.crlfPending = false;
				}
				if (this.head.chunked() && this.left == 0 && !nextChunk()) {
					return -1;
				}
				if (!this.connection.fill(this.deadline, this.idleMillis)) {
					if (this.head.untilClose()) {
						this.complete = true;
						return -1;
					}
					throw new EOFException("the answer broke off");
				}
				int count = this.connection.buffered();
				if (!this.head.untilClose()) {
					count = (int) Math.min(count, this.left);
				}
				count = Math.min(count, length);
				System.arraycopy(this.connection.buffer, this.connection.position, into, offset, count);
				this.connection.position += count;
				if (!this.head.untilClose()) {
					this.left -= count;
					if (this.left == 0) {
						if (this.head.chunked()) {
							this.crlfPending = true;
						}
						else {
							this.complete = true;
						}
					}
				}
				return count;
			}
			catch (IOException ex) {
				this.failed = true;
				throw ex;
			}
		}

		/** Reads the next chunk's size line; {@code false} after the last chunk. */
		private boolean nextChunk() throws IOException {
			String line = this.connection.line(this.deadline, this.idleMillis, 1024);
			int end = line.indexOf(';');
			String size = ((end >= 0) ? line.substring(0, end) : line).strip();
			if (size.isEmpty() || size.length() > 15) {
				throw new ProtocolException("an invalid chunk size");
			}
			long chunk;
			try {
				chunk = Long.parseLong(size, 16);
			}
			catch (NumberFormatException ex) {
				throw new ProtocolException("an invalid chunk size");
			}
			if (chunk < 0) {
				throw new ProtocolException("an invalid chunk size");
			}
			if (chunk == 0) {
				int budget = MAX_HEAD_BYTES;
				String trailer;
				while (!(trailer = this.connection.line(this.deadline, this.idleMillis, budget)).isEmpty()) {
					budget -= trailer.length() + 2;
				}
				this.complete = true;
				return false;
			}
			this.left = chunk;
			return true;
		}

		private void expectCrlf() throws IOException {
			if (!this.connection.line(this.deadline, this.idleMillis, 2).isEmpty()) {
				throw new ProtocolException("a chunk did not end where its size said");
			}
		}

		/**
		 * Reads to the end what has arrived already (at most 16 KiB, each read waiting at
		 * most a millisecond): the end of a chunked stream usually follows its last event
		 * at once, and reading it lets the connection be reused. A streamed body only: a
		 * deadline would override the short wait.
		 */
		boolean finishQuietly() {
			if (this.complete) {
				return true;
			}
			if (this.failed || this.head.untilClose() || this.deadline != 0) {
				return false;
			}
			this.idleMillis = 1;
			byte[] sink = new byte[1024];
			try {
				for (int budget = 16; budget > 0 && !this.complete; budget--) {
					if (read(sink, 0, sink.length) < 0) {
						break;
					}
				}
				return this.complete;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

	/**
	 * A streamed body: closing it before its end closes the connection (cancelling the
	 * upstream's work); at its end the connection goes back to the pool.
	 */
	private final class StreamedBody extends InputStream {

		private final Body body;

		private final Cancellation cancellation;

		private boolean closed;

		StreamedBody(Body body, Cancellation cancellation) {
			this.body = body;
			this.cancellation = cancellation;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int read = read(one, 0, 1);
			return (read < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] into, int offset, int length) throws IOException {
			if (this.closed) {
				throw new IOException("closed");
			}
			return this.body.read(into, offset, length);
		}

		@Override
		public void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			// Before the connection may go back to the pool: a cancel from now on
			// closes nothing.
			boolean cancelled = this.cancellation.detach();
			if (!cancelled && this.body.finishQuietly() && this.body.reusable()) {
				release(this.body.connection);
			}
			else {
				this.body.connection.close();
			}
		}

	}

}
