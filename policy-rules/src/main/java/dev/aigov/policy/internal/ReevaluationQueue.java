package dev.aigov.policy.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs automatic re-evaluations on one background thread, coalesced per model version: a
 * version waits {@code delay} after its first change, and however many changes it
 * receives meanwhile, it is evaluated once, with the résumé as it is when the evaluation
 * starts. A change that arrives while the version is being evaluated queues one more
 * evaluation, so the last one always sees the last change. Writers never wait.
 */
final class ReevaluationQueue implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ReevaluationQueue.class);

	/** Versions waiting, with the actor of their latest change. */
	private final Map<String, String> waiting = new ConcurrentHashMap<>();

	/** Evaluations scheduled and not yet finished. */
	private final AtomicInteger unfinished = new AtomicInteger();

	private final BiConsumer<String, String> evaluation;

	private final Duration delay;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
		.name("policy-reevaluation")
		.daemon(true)
		.uncaughtExceptionHandler((thread, ex) -> logger.error("Policy re-evaluation thread failed: {}", ex.toString()))
		.factory());

	/**
	 * @param evaluation evaluates a version (id, actor); exceptions are logged, since the
	 * change that caused it has succeeded and the next read evaluates again
	 * @param delay how long a version waits for more changes before it is evaluated
	 */
	ReevaluationQueue(BiConsumer<String, String> evaluation, Duration delay) {
		this.evaluation = evaluation;
		this.delay = delay;
	}

	/** Asks for the version to be evaluated again; returns at once. */
	void submit(String versionId, String actor) {
		if (this.waiting.put(versionId, actor) == null) {
			this.unfinished.incrementAndGet();
			try {
				this.executor.schedule(() -> run(versionId), this.delay.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// Shut down: the next read of the findings evaluates.
				this.waiting.remove(versionId);
				this.unfinished.decrementAndGet();
			}
		}
	}

	private void run(String versionId) {
		try {
			String actor = this.waiting.remove(versionId);
			if (actor != null) {
				this.evaluation.accept(versionId, actor);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not re-evaluate model version {} after a change: {}", versionId, ex.toString());
		}
		finally {
			this.unfinished.decrementAndGet();
		}
	}

	/**
	 * Waits until no evaluation is waiting or running (for tests and tools).
	 * @throws IllegalStateException if that does not happen within the timeout
	 */
	void drain(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.unfinished.get() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Re-evaluations did not finish within " + timeout + " (" + this.unfinished.get() + " left)");
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for re-evaluations", ex);
			}
		}
	}

	/**
	 * Stops taking changes; the evaluations already scheduled are given a few seconds to
	 * finish (and be recorded) before the store closes, the rest are dropped (their next
	 * read evaluates).
	 */
	@Override
	public void close() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(10, TimeUnit.SECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

}
