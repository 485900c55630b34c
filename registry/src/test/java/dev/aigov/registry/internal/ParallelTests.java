package dev.aigov.registry.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A batch mapped on several threads gives what a loop in order gives: the results in the
 * items' order, and the failure of the first failing item.
 */
class ParallelTests {

	private static final List<Integer> LARGE = IntStream.range(0, Parallel.FROM * 8).boxed().toList();

	@Test
	void resultsKeepTheItemsOrder() {
		assertThat(Parallel.map(LARGE, (i) -> i * 2))
			.containsExactlyElementsOf(LARGE.stream().map((i) -> i * 2).toList());
	}

	@Test
	void theFirstFailingItemInOrderIsTheOneReported() {
		// Many items fail; whichever thread fails first, the earliest item is reported.
		assertThatIllegalArgumentException().isThrownBy(() -> Parallel.map(LARGE, (i) -> {
			if (i >= 700 && i % 3 == 1) {
				throw new IllegalArgumentException("item " + i);
			}
			return i;
		})).withMessage("item 700");
	}

	@Test
	void aLargeBatchUsesMoreThanOneThreadWhenTheMachineHasThem() {
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		Parallel.map(LARGE, (i) -> {
			threads.add(Thread.currentThread());
			busy();
			return i;
		});
		assertThat(threads).hasSizeGreaterThan((Runtime.getRuntime().availableProcessors() > 1) ? 1 : 0);
	}

	@Test
	void aSmallBatchStaysOnTheCallingThread() {
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		Parallel.map(LARGE.subList(0, Parallel.FROM - 1), (i) -> threads.add(Thread.currentThread()));
		assertThat(threads).containsExactly(Thread.currentThread());
	}

	private static void busy() {
		long until = System.nanoTime() + 20_000;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
	}

}
