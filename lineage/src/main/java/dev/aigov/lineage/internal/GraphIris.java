package dev.aigov.lineage.internal;

import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/**
 * Checks graph names before they reach a store, so both kinds reject the same input.
 */
final class GraphIris {

	private GraphIris() {
	}

	static void requireAbsolute(String graphIri) {
		if (graphIri == null) {
			throw new IllegalArgumentException("A graph IRI is required");
		}
		try {
			if (IRIx.create(graphIri).isAbsolute()) {
				return;
			}
		}
		catch (IRIException ex) {
			throw new IllegalArgumentException("Invalid graph IRI <" + graphIri + ">: " + ex.getMessage(), ex);
		}
		throw new IllegalArgumentException("Graph IRI <" + graphIri + "> must be absolute, such as urn:aigov:...");
	}

}
