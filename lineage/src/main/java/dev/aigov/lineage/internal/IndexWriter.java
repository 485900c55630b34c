package dev.aigov.lineage.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleMap;
import org.apache.jena.dboe.transaction.txn.SysTransState;
import org.apache.jena.dboe.transaction.txn.TransactionalComponent;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/**
 * Adds tuples to the indexes of a TDB2 tuple table inside the caller's write transaction,
 * each index fed in its own key order, and on a machine with more than one core, two
 * indexes at a time.
 * <p>
 * Each index is a B+tree with its own files and its own transaction state; TDB2 keeps
 * that state in thread-locals of the index. To let a second thread write some of the
 * indexes, the caller's thread detaches an index's state
 * ({@link TransactionalComponent#detach()}), the thread that writes the index attaches
 * it, writes, and detaches it again, and the caller's thread attaches every state back
 * before it returns, whatever happened. The transaction stays one: it commits or aborts
 * on the caller's thread, with every index in it, so a failure in either thread leaves
 * the store unchanged. No two threads ever touch the same index at the same time, and
 * handing a state over through a {@link Future} makes each thread's writes visible to the
 * next.
 */
final class IndexWriter implements AutoCloseable {

	/** Below this many tuples the hand-over costs more than the second core saves. */
	static final int PARALLEL_FROM = 4_096;

	private final ExecutorService helper;

	/**
	 * @param parallel whether to write on a second thread when the work is large enough
	 */
	IndexWriter(boolean parallel) {
		this.helper = parallel ? Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "tdb2-index-writer");
			thread.setDaemon(true);
			return thread;
		}) : null;
	}

	/** Whether this machine has a second core for the work. */
	static boolean secondCoreAvailable() {
		return Runtime.getRuntime().availableProcessors() > 1;
	}

	/**
	 * Adds the tuples to every index; must run on the thread that holds the write
	 * transaction. Keys already present are kept once.
	 * @param indexes the indexes of one tuple table
	 * @param tuples the tuples to add, in any order
	 */
	void add(List<TupleIndex> indexes, List<Tuple<NodeId>> tuples) {
		if (tuples.isEmpty()) {
			return;
		}
		List<TransactionalComponent> components = components(indexes);
		if (this.helper == null || tuples.size() < PARALLEL_FROM || components == null) {
			for (TupleIndex index : indexes) {
				write(index, tuples);
			}
			return;
		}
		addOnTwoThreads(indexes, components, tuples);
	}

	private void addOnTwoThreads(List<TupleIndex> indexes, List<TransactionalComponent> components,
			List<Tuple<NodeId>> tuples) {
		SysTransState[] states = new SysTransState[indexes.size()];
		AtomicInteger next = new AtomicInteger();
		Runnable work = () -> {
			for (int i = next.getAndIncrement(); i < states.length; i = next.getAndIncrement()) {
				TransactionalComponent component = components.get(i);
				component.attach(states[i]);
				try {
					write(indexes.get(i), tuples);
				}
				catch (RuntimeException ex) {
					// The transaction will abort: the other thread need not go on.
					next.set(states.length);
					throw ex;
				}
				finally {
					states[i] = component.detach();
				}
			}
		};
		RuntimeException failure = null;
		Future<?> helped = null;
		try {
			for (int i = 0; i < states.length; i++) {
				states[i] = components.get(i).detach();
				if (states[i] == null) {
					throw new IllegalStateException("Indexes can only be written in a write transaction");
				}
			}
			helped = this.helper.submit(work);
			work.run();
		}
		catch (RuntimeException ex) {
			next.set(states.length);
			failure = ex;
		}
		// The helper must have let go of every state before this thread takes them back,
		// also when this thread failed: it stops after the index it is writing.
		if (helped != null) {
			failure = awaitHelper(helped, failure);
		}
		for (int i = 0; i < states.length; i++) {
			if (states[i] != null) {
				components.get(i).attach(states[i]);
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static RuntimeException awaitHelper(Future<?> helped, RuntimeException failure) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					helped.get();
					return failure;
				}
				catch (InterruptedException ex) {
					// The states must come back before the transaction can end; finish
					// waiting and pass the interrupt on.
					interrupted = true;
				}
				catch (ExecutionException ex) {
					RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException(ex.getCause());
					if (failure == null) {
						return cause;
					}
					failure.addSuppressed(cause);
					return failure;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * The transactional component of each index, or {@code null} if one of them is not a
	 * B+tree whose state can move between threads (then everything stays on the caller's
	 * thread).
	 */
	private static List<TransactionalComponent> components(List<TupleIndex> indexes) {
		List<TransactionalComponent> components = new ArrayList<>(indexes.size());
		for (TupleIndex index : indexes) {
			if (!(index.baseTupleIndex() instanceof TupleIndexRecord record)
					|| !(record.getRangeIndex() instanceof TransactionalComponent component)) {
				return null;
			}
			components.add(component);
		}
		return components;
	}

	/** Sorted in the index's key order, consecutive inserts descend to the same pages. */
	private static void write(TupleIndex index, List<Tuple<NodeId>> tuples) {
		@SuppressWarnings("unchecked")
		Tuple<NodeId>[] sorted = tuples.toArray(new Tuple[0]);
		Arrays.sort(sorted, inKeyOrder(index.getMapping()));
		for (Tuple<NodeId> tuple : sorted) {
			index.add(tuple);
		}
	}

	private static Comparator<Tuple<NodeId>> inKeyOrder(TupleMap mapping) {
		return (one, other) -> {
			for (int i = 0; i < one.len(); i++) {
				int order = NodeId.compare(mapping.mapSlot(i, one), mapping.mapSlot(i, other));
				if (order != 0) {
					return order;
				}
			}
			return 0;
		};
	}

	@Override
	public void close() {
		if (this.helper != null) {
			this.helper.shutdown();
		}
	}

}
