package dev.aigov.web.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStores;
import dev.aigov.policy.PackActivation;
import dev.aigov.policy.PackActivationStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.update.UpdateFactory;

import org.springframework.stereotype.Repository;

/**
 * The history of policy pack activations (accepted and rejected) in the {@code system}
 * dataset, so that who activated which pack version, when, and why one was refused
 * survives a restart. Each activation is one SPARQL Update, never changed afterwards.
 * Uploaded packs' zip files are kept beside them, so that the engine can activate them
 * again after a restart.
 */
@Repository
class PackActivationRepository implements PackActivationStore {

	private static final String NS = "https://aigov.dev/ns/system#";

	private static final String GRAPH = "https://aigov.dev/graph/policy-pack-activations";

	/** The zip files of uploaded packs, one resource per version (content hash). */
	private static final String ARCHIVE = "https://aigov.dev/graph/policy-pack-uploads";

	private static final String ARCHIVED = "urn:aigov:policy-pack-upload:";

	private static final String PREFIXES = "PREFIX act: <" + NS + ">\n";

	private final GraphStore store;

	PackActivationRepository(GraphStores stores) {
		this.store = stores.store(GraphStores.SYSTEM);
	}

	@Override
	public void append(PackActivation activation) {
		StringBuilder triples = new StringBuilder(
				"?a a act:PackActivation ; act:name ?name ; act:origin ?origin ; act:actor ?actor ; "
						+ "act:at ?at ; act:accepted ?accepted ; act:sequence ?sequence");
		ParameterizedSparqlString update = new ParameterizedSparqlString();
		update.setIri("g", GRAPH);
		update.setIri("a", "urn:aigov:policy-pack-activation:" + UUID.randomUUID());
		update.setLiteral("name", activation.name());
		update.setLiteral("origin", activation.origin());
		update.setLiteral("actor", activation.actor());
		update.setLiteral("at", activation.at().toString(), XSDDatatype.XSDdateTime);
		update.setLiteral("accepted", activation.accepted());
		// Activations within one clock tick keep their order.
		update.setLiteral("sequence", System.nanoTime());
		if (activation.version() != null) {
			triples.append(" ; act:version ?version");
			update.setLiteral("version", activation.version());
		}
		if (activation.reason() != null) {
			triples.append(" ; act:reason ?reason");
			update.setLiteral("reason", activation.reason());
		}
		if (activation.replaced() != null) {
			triples.append(" ; act:replaced ?replaced");
			update.setLiteral("replaced", activation.replaced());
		}
		update.setCommandText(PREFIXES + "INSERT DATA { GRAPH ?g { " + triples + " } }");
		this.store.update(UpdateFactory.create(update.toString()));
	}

	@Override
	public List<PackActivation> history() {
		ParameterizedSparqlString query = new ParameterizedSparqlString(PREFIXES + """
				SELECT * WHERE { GRAPH ?g {
				  ?a a act:PackActivation ; act:name ?name ; act:origin ?origin ; act:actor ?actor ;
				     act:at ?at ; act:accepted ?accepted ; act:sequence ?sequence .
				  OPTIONAL { ?a act:version ?version }
				  OPTIONAL { ?a act:reason ?reason }
				  OPTIONAL { ?a act:replaced ?replaced }
				} } ORDER BY ?at ?sequence""");
		query.setIri("g", GRAPH);
		return this.store.read((connection) -> {
			List<PackActivation> activations = new ArrayList<>();
			connection.querySelect(query.asQuery(),
					(row) -> activations.add(new PackActivation(row.getLiteral("name").getString(),
							text(row, "version"), row.getLiteral("origin").getString(),
							row.getLiteral("actor").getString(), Instant.parse(row.getLiteral("at").getLexicalForm()),
							row.getLiteral("accepted").getBoolean(), text(row, "reason"), text(row, "replaced"))));
			return activations;
		});
	}

	@Override
	public void archive(String version, byte[] zip) {
		ParameterizedSparqlString update = new ParameterizedSparqlString(PREFIXES + """
				INSERT { GRAPH ?g { ?p act:version ?version ; act:zip ?zip } }
				WHERE { FILTER NOT EXISTS { GRAPH ?g { ?p act:version ?version } } }""");
		update.setIri("g", ARCHIVE);
		update.setIri("p", ARCHIVED + version);
		update.setLiteral("version", version);
		update.setLiteral("zip", Base64.getEncoder().encodeToString(zip), XSDDatatype.XSDbase64Binary);
		this.store.update(update.asUpdate());
	}

	@Override
	public Optional<byte[]> archived(String version) {
		ParameterizedSparqlString query = new ParameterizedSparqlString(
				PREFIXES + "SELECT ?zip WHERE { GRAPH ?g { ?p act:version ?version ; act:zip ?zip } }");
		query.setIri("g", ARCHIVE);
		query.setLiteral("version", version);
		return this.store.read((connection) -> {
			List<byte[]> found = new ArrayList<>();
			connection.querySelect(query.asQuery(),
					(row) -> found.add(Base64.getDecoder().decode(row.getLiteral("zip").getLexicalForm())));
			return found.stream().findFirst();
		});
	}

	private static String text(QuerySolution row, String name) {
		return row.contains(name) ? row.getLiteral(name).getString() : null;
	}

}
