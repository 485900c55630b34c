package dev.aigov.lineage;

import java.nio.file.Path;

/**
 * Runs in a child JVM for the crash test: commits pairs of triples to the TDB2
 * {@code lineage} dataset under the given location, one transaction per pair, printing
 * each acknowledged commit, until it is killed.
 */
public final class CrashTestWriter {

	static final String COMMITTED = "committed ";

	private CrashTestWriter() {
	}

	public static void main(String[] args) {
		try (GraphStores stores = new GraphStores(GraphStoreProperties.embedded(Path.of(args[0])))) {
			GraphStore store = stores.store(GraphStores.LINEAGE);
			for (int i = 0;; i++) {
				store.update(GraphStoreContract.pairUpdate(i));
				System.out.println(COMMITTED + i);
				System.out.flush();
			}
		}
	}

}
