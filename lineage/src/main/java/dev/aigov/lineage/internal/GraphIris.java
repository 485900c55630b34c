package dev.aigov.lineage.internal;

import java.util.Collection;
import java.util.Objects;

import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.sparql.core.Quad;

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

	/** Every quad is concrete and in a named graph (not the default or union graph). */
	static void requireNamedGraphQuads(Collection<Quad> quads) {
		Objects.requireNonNull(quads, "additions");
		for (Quad quad : quads) {
			if (!quad.isConcrete() || !quad.getGraph().isURI() || quad.isDefaultGraph() || quad.isUnionGraph()) {
				throw new IllegalArgumentException("Only concrete quads in a named graph can be added: " + quad);
			}
		}
	}

}
