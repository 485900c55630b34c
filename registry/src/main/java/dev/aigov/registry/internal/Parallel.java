package dev.aigov.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Maps the items of a large batch (an import's entities) on every core, for work that
 * reads nothing shared but immutable values. The result, and the failure reported, are
 * those of a loop in order: the first item that fails, in the batch's order, is the one
 * whose exception is thrown.
 */
public final class Parallel {

	/** Below this many items a batch is mapped on the calling thread. */
	static final int FROM = 256;

	private Parallel() {
	}

	/**
	 * Maps every item.
	 * @param items the items
	 * @param mapping what to make of one item; must be safe to run on several threads
	 * @return the results, in the items' order
	 * @throws RuntimeException the exception of the first item (in order) that failed
	 */
	public static <T, R> List<R> map(List<T> items, Function<T, R> mapping) {
		if (items.size() < FROM || Runtime.getRuntime().availableProcessors() < 2) {
			List<R> results = new ArrayList<>(items.size());
			for (T item : items) {
				results.add(mapping.apply(item));
			}
			return results;
		}
		List<Outcome<R>> outcomes = IntStream.range(0, items.size()).parallel().mapToObj((i) -> {
			try {
				return new Outcome<R>(mapping.apply(items.get(i)), null);
			}
			catch (RuntimeException ex) {
				return new Outcome<R>(null, ex);
			}
		}).toList();
		List<R> results = new ArrayList<>(outcomes.size());
		for (Outcome<R> outcome : outcomes) {
			if (outcome.failure() != null) {
				throw outcome.failure();
			}
			results.add(outcome.result());
		}
		return results;
	}

	private record Outcome<R>(R result, RuntimeException failure) {
	}

}
