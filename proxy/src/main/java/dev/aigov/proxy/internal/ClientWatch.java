package dev.aigov.proxy.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Notices callers that close their connection while their call waits for the upstream (a
 * whole answer, or a stream's next event), so that the upstream call is cancelled instead
 * of running to its end.
 * <p>
 * Jetty reads a connection only while a request's body is read or between requests: a
 * caller that goes away while the request thread waits for the upstream is noticed only
 * when something is written to it, which for a model that thinks first may be a minute
 * later, or never before the answer is whole. Here one thread looks at the callers'
 * sockets every {@link #TICK}: it registers each call still waiting after
 * {@link #FIRST_LOOK} with a selector of its own (Jetty's selector is left alone), and a
 * socket that turns readable with nothing to read has reached its end (the caller closed
 * it, or it was reset). Nothing is read from the socket: a readable socket with bytes
 * waiting (a pipelined request, a TLS alert) is left to Jetty, so such a caller is
 * noticed only at write, as before. Calls answered within {@link #FIRST_LOOK} (nearly all
 * at load) cost an object in a queue. A caller that only half-closes its side is taken as
 * gone, as nginx does.
 */
@Component
final class ClientWatch implements AutoCloseable {

	/** How long a call waits before its caller's socket is watched. */
	static final Duration FIRST_LOOK = Duration.ofMillis(100);

	/** How often the watched sockets are looked at. */
	static final Duration TICK = Duration.ofMillis(100);

	private static final Logger logger = LoggerFactory.getLogger(ClientWatch.class);

	private final Selector selector;

	private final Thread thread;

	/** Watches handed over by request threads, in the order they started. */
	private final ConcurrentLinkedQueue<Watch> arrivals = new ConcurrentLinkedQueue<>();

	/** Watches not yet old enough to register. Watching thread only. */
	private final ArrayDeque<Watch> waiting = new ArrayDeque<>();

	private volatile boolean closed;

	ClientWatch() {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot open a selector to watch the proxy's callers", ex);
		}
		this.thread = Thread.ofPlatform().name("proxy-client-watch").daemon().start(this::run);
	}

	/**
	 * Watches the caller of {@code request} until the returned watch is closed, and runs
	 * {@code onGone} (once, on the watching thread; it must not block) if the caller goes
	 * away meanwhile. A request that does not come through Jetty over a socket is not
	 * watched.
	 */
	Watch watch(HttpServletRequest request, Runnable onGone) {
		SocketChannel channel = channelOf(request);
		if (channel == null || this.closed || !this.thread.isAlive()) {
			return new Watch(null, onGone, 0);
		}
		Watch watch = new Watch(channel, onGone, System.nanoTime());
		this.arrivals.add(watch);
		return watch;
	}

	@Override
	public void close() {
		this.closed = true;
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		try {
			while (!this.closed) {
				try {
					look();
					Thread.sleep(TICK);
				}
				catch (IOException | RuntimeException ex) {
					logger.warn("Watching the proxy's callers failed once: {}", ex.getClass().getName());
				}
			}
		}
		catch (InterruptedException ex) {
			// Closing.
		}
		finally {
			// Deregisters every socket: the JDK closes a registered socket's descriptor
			// only once it has left every selector it was registered with.
			try {
				this.selector.close();
			}
			catch (IOException ex) {
				// Closing.
			}
		}
	}

	/** One look: drop ended watches, check the registered sockets, register aged ones. */
	private void look() throws IOException {
		for (Watch arrived; (arrived = this.arrivals.poll()) != null;) {
			this.waiting.add(arrived);
		}
		for (SelectionKey key : this.selector.keys()) {
			Watch watch = (Watch) key.attachment();
			if (watch.ended) {
				key.cancel();
			}
			else if (!key.isValid() || !key.channel().isOpen()) {
				// Jetty closed the caller's socket (an idle timeout, a failure).
				watch.gone();
			}
		}
		// Also takes the cancelled keys off the selector, so that the next call on the
		// same connection can register.
		this.selector.selectNow();
		Iterator<SelectionKey> ready = this.selector.selectedKeys().iterator();
		while (ready.hasNext()) {
			SelectionKey key = ready.next();
			ready.remove();
			Watch watch = (Watch) key.attachment();
			try {
				if (key.isValid() && !watch.ended && atEnd((SocketChannel) key.channel())) {
					key.cancel();
					watch.gone();
				}
			}
			catch (RuntimeException ex) {
				key.cancel();
				watch.close();
				logger.warn("Could not watch a caller's socket: {}", ex.getClass().getName());
			}
		}
		long now = System.nanoTime();
		for (Iterator<Watch> it = this.waiting.iterator(); it.hasNext();) {
			Watch watch = it.next();
			if (watch.ended) {
				it.remove();
			}
			else if (now - watch.since < FIRST_LOOK.toNanos()) {
				break;
			}
			// With a key still here (an earlier call's on the same connection, cancelled,
			// which the next select takes off) it waits for the next look.
			else if (watch.channel.keyFor(this.selector) == null) {
				it.remove();
				try {
					watch.channel.register(this.selector, SelectionKey.OP_READ, watch);
				}
				catch (ClosedChannelException ex) {
					watch.gone();
				}
			}
		}
	}

	/** A readable socket with nothing to read has reached its end, or was reset. */
	private static boolean atEnd(SocketChannel channel) {
		try {
			return channel.socket().getInputStream().available() == 0;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static SocketChannel channelOf(HttpServletRequest request) {
		if (!request.getProtocol().startsWith("HTTP/1.")) {
			// HTTP/2 (not enabled) reads its connection for every stream on it.
			return null;
		}
		Object transport;
		try {
			transport = ServletContextRequest.getServletContextRequest(request)
				.getConnectionMetaData()
				.getConnection()
				.getEndPoint();
		}
		catch (RuntimeException ex) {
			// Not a request that Jetty's servlet container made.
			return null;
		}
		// TLS: the decrypting end point's transport is the socket's end point.
		for (int i = 0; i < 4 && transport instanceof EndPoint endPoint; i++) {
			transport = endPoint.getTransport();
		}
		try {
			// TCP only: a Unix-domain connector's sockets cannot tell what is waiting.
			return (transport instanceof SocketChannel channel
					&& channel.getRemoteAddress() instanceof InetSocketAddress) ? channel : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** One call's watch; closing it ends the watch. */
	static final class Watch implements AutoCloseable {

		private final SocketChannel channel;

		private final Runnable onGone;

		private final long since;

		private volatile boolean ended;

		private Watch(SocketChannel channel, Runnable onGone, long since) {
			this.channel = channel;
			this.onGone = onGone;
			this.since = since;
			this.ended = channel == null;
		}

		private void gone() {
			this.ended = true;
			this.onGone.run();
		}

		@Override
		public void close() {
			this.ended = true;
		}

	}

}
