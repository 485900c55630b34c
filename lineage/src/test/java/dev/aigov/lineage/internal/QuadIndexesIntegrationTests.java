package dev.aigov.lineage.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.aigov.lineage.GraphStoreException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The quad indexes of a store (ADR 016): a new store keeps four and records them, a store
 * created with TDB2's six keeps six, and both answer every pattern of bound and unbound
 * positions with the same quads, before and after a write.
 */
class QuadIndexesIntegrationTests {

	private static final List<String> TDB2_DEFAULT = List.of("GSPO", "GPOS", "GOSP", "POSG", "OSPG", "SPOG");

	private static final String NS = "https://example.org/";

	private static final String[] VARIABLES = { "g", "s", "p", "o" };

	private static final List<Quad> PROBES = List.of(quad("g1", "s2", "p1", "o0"), quad("g2", "s1", "p0", "o2"));

	@TempDir
	Path location;

	@Test
	void aNewStoreKeepsFourQuadIndexesAndStillHasThemWhenReopened() {
		try (Tdb2GraphStore store = new Tdb2GraphStore(this.location)) {
			assertThat(store.quadIndexes()).containsExactlyElementsOf(Tdb2GraphStore.QUAD_INDEXES);
			store.update(new UpdateRequest(), quads(0));
		}
		assertThat(this.location.resolve("tdb.cfg")).content().contains("OSPG").doesNotContain("POSG");

		try (Tdb2GraphStore reopened = new Tdb2GraphStore(this.location)) {
			assertThat(reopened.quadIndexes()).containsExactlyElementsOf(Tdb2GraphStore.QUAD_INDEXES);
			assertThat(everyPattern(reopened)).isEqualTo(expected(quads(0)));
		}
	}

	@Test
	void aFourIndexStoreWithoutItsTdbCfgIsRefusedAndLeftAsItWas() throws Exception {
		try (Tdb2GraphStore store = new Tdb2GraphStore(this.location)) {
			store.update(new UpdateRequest(), quads(0));
		}
		Files.delete(this.location.resolve("tdb.cfg"));

		assertThatExceptionOfType(GraphStoreException.class).isThrownBy(() -> new Tdb2GraphStore(this.location))
			.withMessageContaining("tdb.cfg")
			.withMessageContaining("OSPG, GSPO, GPOS, SPOG");
		assertThat(this.location.resolve("Data-0001").resolve("GOSP.bpt")).doesNotExist();
		assertThat(this.location.resolve("Data-0001").resolve("POSG.bpt")).doesNotExist();
	}

	@Test
	void aStoreCreatedWithTheSixIndexesKeepsThemAndIsReadAndWrittenAsBefore() {
		Dataset old = TDB2Factory.connectDataset(this.location.toString());
		old.executeWrite(() -> quads(0).forEach(old.asDatasetGraph()::add));
		TDBInternal.expel(old.asDatasetGraph());

		try (Tdb2GraphStore store = new Tdb2GraphStore(this.location)) {
			assertThat(store.quadIndexes()).containsExactlyElementsOf(TDB2_DEFAULT);
			assertThat(everyPattern(store)).isEqualTo(expected(quads(0)));

			// A write reaches all six: a pattern that only GOSP or POSG answers finds it.
			List<Quad> all = new ArrayList<>(quads(0));
			all.addAll(quads(1));
			store.update(
					UpdateFactory
						.create("INSERT DATA { GRAPH <" + NS + "g0> { <" + NS + "x> <" + NS + "p0> <" + NS + "o1> } }"),
					quads(1));
			all.add(quad("g0", "x", "p0", "o1"));
			assertThat(everyPattern(store)).isEqualTo(expected(all));
		}
		assertThat(this.location.resolve("tdb.cfg")).doesNotExist();
	}

	@Test
	void bothIndexSetsAnswerEveryPatternAlikeAfterRemovalsAndAdditions() {
		Path fresh = this.location.resolve("four");
		Path old = this.location.resolve("six");
		Dataset created = TDB2Factory.connectDataset(old.toString());
		TDBInternal.expel(created.asDatasetGraph());
		UpdateRequest removal = UpdateFactory.create("DELETE WHERE { GRAPH <" + NS + "g1> { <" + NS + "s1> ?p ?o } }");
		try (Tdb2GraphStore four = new Tdb2GraphStore(fresh); Tdb2GraphStore six = new Tdb2GraphStore(old)) {
			for (Tdb2GraphStore store : List.of(four, six)) {
				store.update(new UpdateRequest(), quads(0));
				store.update(removal, quads(2));
			}
			List<Quad> remaining = new ArrayList<>(quads(0));
			remaining.removeIf((quad) -> quad.getGraph().getURI().equals(NS + "g1")
					&& quad.getSubject().getURI().equals(NS + "s1"));
			remaining.addAll(quads(2));
			assertThat(four.quadIndexes()).hasSize(4);
			assertThat(six.quadIndexes()).hasSize(6);
			assertThat(everyPattern(four)).isEqualTo(expected(remaining)).isEqualTo(everyPattern(six));
		}
	}

	/**
	 * For two quads of the store and each of the 16 ways to bind their positions, the
	 * quads that a {@code GRAPH} pattern with those positions as constants finds (each
	 * shape is answered by the index TDB2 picks for it).
	 */
	private static Set<String> everyPattern(Tdb2GraphStore store) {
		Set<String> found = new TreeSet<>();
		for (Quad probe : PROBES) {
			Node[] probed = nodes(probe);
			for (int mask = 0; mask < 16; mask++) {
				String[] terms = new String[4];
				for (int i = 0; i < 4; i++) {
					terms[i] = ((mask & (1 << i)) != 0) ? "<" + probed[i].getURI() + ">" : "?" + VARIABLES[i];
				}
				String query = "SELECT * WHERE { GRAPH " + terms[0] + " { " + terms[1] + " " + terms[2] + " " + terms[3]
						+ " } }";
				int pattern = mask;
				store.read((connection) -> {
					connection.querySelect(query, (row) -> {
						StringBuilder line = new StringBuilder(Integer.toString(pattern));
						for (int i = 0; i < 4; i++) {
							line.append(' ').append(row.contains(VARIABLES[i]) ? row.get(VARIABLES[i]) : probed[i]);
						}
						found.add(line.toString());
					});
					return null;
				});
			}
		}
		return found;
	}

	/** What {@link #everyPattern} must find in a store holding exactly {@code quads}. */
	private static Set<String> expected(List<Quad> quads) {
		Set<String> expected = new TreeSet<>();
		for (Quad probe : PROBES) {
			Node[] probed = nodes(probe);
			for (int mask = 0; mask < 16; mask++) {
				for (Quad quad : quads) {
					Node[] nodes = nodes(quad);
					boolean matches = true;
					for (int i = 0; i < 4; i++) {
						matches &= ((mask & (1 << i)) == 0) || nodes[i].equals(probed[i]);
					}
					if (matches) {
						expected.add(mask + " " + nodes[0] + " " + nodes[1] + " " + nodes[2] + " " + nodes[3]);
					}
				}
			}
		}
		return expected;
	}

	private static Node[] nodes(Quad quad) {
		return new Node[] { quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject() };
	}

	/** Three graphs of three subjects, three predicates and three objects, by round. */
	private static List<Quad> quads(int round) {
		List<Quad> quads = new ArrayList<>();
		for (int g = 0; g < 3; g++) {
			for (int s = 0; s < 3; s++) {
				for (int p = 0; p < 3; p++) {
					quads.add(quad("g" + g, "s" + s, "p" + p, "o" + ((g + s + p + round) % 3)));
				}
			}
		}
		if (round > 0) {
			quads.add(quad("g" + round, "new" + round, "p0", "o0"));
		}
		return quads;
	}

	private static Quad quad(String g, String s, String p, String o) {
		return Quad.create(uri(g), uri(s), uri(p), uri(o));
	}

	private static Node uri(String local) {
		return NodeFactory.createURI(NS + local);
	}

}
