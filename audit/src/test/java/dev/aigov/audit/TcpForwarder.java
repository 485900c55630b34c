package dev.aigov.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback TCP forwarder with a stable port in front of a server whose port changes (an
 * Elasticsearch restarted on the same data picks new ports).
 */
final class TcpForwarder implements AutoCloseable {

	private final ServerSocket server;

	private volatile int target;

	TcpForwarder(int target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("forwarder-accept").start(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	void target(int port) {
		this.target = port;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream;
				try {
					upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				}
				catch (IOException ex) {
					client.close();
					continue;
				}
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private static void pump(Socket from, Socket to) {
		Thread.ofPlatform().daemon().start(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// Either side went away.
			}
			finally {
				try {
					from.close();
					to.close();
				}
				catch (IOException ex) {
					// Closing.
				}
			}
		});
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
