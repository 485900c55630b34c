package dev.aigov.policy.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs automatic re-evaluations on one background thread, coalesced per model version:
 * however many changes a version receives while its evaluation waits, it is evaluated
 * once, with the résumé as it is when the evaluation starts. A change that arrives while
 * the version is being evaluated queues one more evaluation, so the last one always sees
 * the last change. Writers never wait for an evaluation.
 */
final class ReevaluationQueue implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ReevaluationQueue.class);

	/** Versions waiting, with the actor of their latest change. */
	private final Map<String, String> waiting = new ConcurrentHashMap<>();

	private final BiConsumer<String, String> evaluation;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform()
		.name("policy-reevaluation")
		.daemon(true)
		.uncaughtExceptionHandler((thread, ex) -> logger.error("Policy re-evaluation thread failed: {}", ex.toString()))
		.factory());

	/**
	 * @param evaluation evaluates a version (id, actor); exceptions are logged, since the
	 * change that caused it has succeeded and the next read evaluates again
	 */
	ReevaluationQueue(BiConsumer<String, String> evaluation) {
		this.evaluation = evaluation;
	}

	/** Asks for the version to be evaluated again; returns at once. */
	void submit(String versionId, String actor) {
		if (this.waiting.put(versionId, actor) == null) {
			this.executor.execute(() -> run(versionId));
		}
	}

	private void run(String versionId) {
		String actor = this.waiting.remove(versionId);
		if (actor == null) {
			return;
		}
		try {
			this.evaluation.accept(versionId, actor);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not re-evaluate model version {} after a change: {}", versionId, ex.toString());
		}
	}

	/**
	 * Waits until no evaluation is waiting or running (for tests and orderly shutdown).
	 * @throws IllegalStateException if that does not happen within the timeout
	 */
	void drain(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		do {
			try {
				// Everything submitted before this marker has run when it runs.
				this.executor.submit(() -> {
				}).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for re-evaluations", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("Re-evaluations did not finish within " + timeout, ex);
			}
		}
		while (!this.waiting.isEmpty() && System.nanoTime() < deadline);
		if (!this.waiting.isEmpty()) {
			throw new IllegalStateException("Re-evaluations did not finish within " + timeout);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
