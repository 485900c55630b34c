package dev.aigov.proxy.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from a slow source (a graph store) and held in memory for the proxy's hot
 * path. Only the first read waits for the source; once the value is older than the
 * refresh interval, one background reload is started and readers keep the last value
 * until it lands. A failed reload keeps the last value; the next read tries again.
 *
 * @param <T> the value
 */
public final class RefreshedSnapshot<T> {

	private static final Logger logger = LoggerFactory.getLogger(RefreshedSnapshot.class);

	private final String name;

	private final Supplier<T> source;

	private final long refreshNanos;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private volatile Loaded<T> loaded;

	/**
	 * @param name what it holds, for the log and the refresh thread's name
	 * @param source reads a fresh value
	 * @param refresh how old a value may get before a reload starts
	 */
	public RefreshedSnapshot(String name, Supplier<T> source, Duration refresh) {
		this.name = name;
		this.source = source;
		this.refreshNanos = refresh.toNanos();
	}

	/** The value in memory, reading it first if there is none yet. */
	public T get() {
		Loaded<T> current = this.loaded;
		if (current == null) {
			return reload();
		}
		if (System.nanoTime() - current.at() > this.refreshNanos && this.refreshing.compareAndSet(false, true)) {
			Thread.ofVirtual().name("aigov-proxy-refresh-" + this.name).start(() -> {
				try {
					reload();
				}
				catch (RuntimeException ex) {
					logger.warn("Refresh of the {} failed: {}", this.name, ex.toString());
				}
				finally {
					this.refreshing.set(false);
				}
			});
		}
		return current.value();
	}

	/** Reads the value from the source now, e.g. after a change the caller made. */
	public synchronized T reload() {
		T fresh = this.source.get();
		this.loaded = new Loaded<>(fresh, System.nanoTime());
		return fresh;
	}

	private record Loaded<T>(T value, long at) {
	}

}
