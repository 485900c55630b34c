package dev.aigov.web.proxy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStores;
import dev.aigov.policy.DataClass;
import dev.aigov.proxy.ApplicationKey;
import dev.aigov.proxy.ApplicationKeyStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.update.UpdateFactory;

import org.springframework.stereotype.Repository;

/**
 * Application keys as RDF in the {@code system} dataset (never exposed through the
 * auditors' SPARQL endpoint), next to the accounts: hashed secrets only. Each write is
 * one SPARQL Update, atomic on TDB2 and on a remote endpoint, so several proxy instances
 * can share one store.
 */
@Repository
class ApplicationKeyRepository implements ApplicationKeyStore {

	private static final String NS = "https://aigov.dev/ns/system#";

	private static final String GRAPH = "https://aigov.dev/graph/application-keys";

	private static final String PREFIXES = "PREFIX key: <" + NS
			+ ">\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

	private final GraphStore store;

	ApplicationKeyRepository(GraphStores stores) {
		this.store = stores.store(GraphStores.SYSTEM);
	}

	@Override
	public void add(ApplicationKey key) {
		ParameterizedSparqlString update = new ParameterizedSparqlString(PREFIXES + """
				INSERT DATA { GRAPH ?g {
				  ?k a key:ApplicationKey ; key:id ?id ; key:application ?app ; key:secretHash ?hash ;
				     key:tokenBudget ?budget ; key:budgetPeriod ?period ; key:requestsPerMinute ?rpm ;
				     key:createdAt ?at ; key:createdBy ?by .
				} }""");
		update.setIri("g", GRAPH);
		update.setIri("k", iri(key.id()));
		update.setLiteral("id", key.id());
		update.setLiteral("app", key.application());
		update.setLiteral("hash", key.secretHash());
		update.setLiteral("budget", key.tokenBudget());
		update.setLiteral("period", key.budgetPeriod().name());
		update.setLiteral("rpm", key.requestsPerMinute());
		update.setLiteral("at", key.createdAt().toString(), XSDDatatype.XSDdateTime);
		update.setLiteral("by", key.createdBy());
		StringBuilder request = new StringBuilder(update.toString());
		for (String model : key.allowedModels()) {
			request.append(";\n").append(value(key.id(), "allowedModel", model));
		}
		for (DataClass dataClass : key.allowedDataClasses()) {
			request.append(";\n").append(value(key.id(), "allowedDataClass", dataClass.name()));
		}
		this.store.update(UpdateFactory.create(request.toString()));
	}

	private static String value(String id, String property, String value) {
		ParameterizedSparqlString insert = new ParameterizedSparqlString(
				"INSERT DATA { GRAPH ?g { ?k <" + NS + property + "> ?v } }");
		insert.setIri("g", GRAPH);
		insert.setIri("k", iri(id));
		insert.setLiteral("v", value);
		return insert.toString();
	}

	@Override
	public boolean revoke(String id, Instant at) {
		if (findAll().stream().noneMatch((key) -> key.id().equals(id) && !key.revoked())) {
			return false;
		}
		ParameterizedSparqlString update = new ParameterizedSparqlString(PREFIXES + """
				INSERT { GRAPH ?g { ?k key:revokedAt ?at } }
				WHERE { GRAPH ?g { ?k a key:ApplicationKey FILTER NOT EXISTS { ?k key:revokedAt ?any } } }""");
		update.setIri("g", GRAPH);
		update.setIri("k", iri(id));
		update.setLiteral("at", at.toString(), XSDDatatype.XSDdateTime);
		this.store.update(UpdateFactory.create(update.toString()));
		return true;
	}

	@Override
	public List<ApplicationKey> findAll() {
		ParameterizedSparqlString query = new ParameterizedSparqlString(PREFIXES + """
				SELECT ?id ?app ?hash ?budget ?period ?rpm ?at ?by ?revoked ?model ?class WHERE { GRAPH ?g {
				  ?k a key:ApplicationKey ; key:id ?id ; key:application ?app ; key:secretHash ?hash ;
				     key:tokenBudget ?budget ; key:budgetPeriod ?period ; key:requestsPerMinute ?rpm ;
				     key:createdAt ?at ; key:createdBy ?by .
				  OPTIONAL { ?k key:revokedAt ?revoked }
				  OPTIONAL { ?k key:allowedModel ?model }
				  OPTIONAL { ?k key:allowedDataClass ?class }
				} } ORDER BY ?at ?id""");
		query.setIri("g", GRAPH);
		return this.store.read((connection) -> {
			Map<String, Row> rows = new LinkedHashMap<>();
			connection.querySelect(query.asQuery(), (s) -> {
				Row row = rows.computeIfAbsent(s.getLiteral("id").getString(), (id) -> new Row(id,
						s.getLiteral("app").getString(), s.getLiteral("hash").getString(),
						s.getLiteral("budget").getLong(), s.getLiteral("period").getString(),
						s.getLiteral("rpm").getInt(), Instant.parse(s.getLiteral("at").getLexicalForm()),
						s.getLiteral("by").getString(),
						s.contains("revoked") ? Instant.parse(s.getLiteral("revoked").getLexicalForm()) : null));
				if (s.contains("model")) {
					row.models.add(s.getLiteral("model").getString());
				}
				if (s.contains("class")) {
					row.classes.add(DataClass.parse(s.getLiteral("class").getString()));
				}
			});
			List<ApplicationKey> keys = new ArrayList<>();
			rows.values().forEach((row) -> keys.add(row.toKey()));
			return keys;
		});
	}

	private static String iri(String id) {
		return "urn:aigov:application-key:" + id;
	}

	private record Row(String id, String application, String hash, long budget, String period, int rpm, Instant at,
			String by, Instant revoked, Set<String> models, Set<DataClass> classes) {

		Row(String id, String application, String hash, long budget, String period, int rpm, Instant at, String by,
				Instant revoked) {
			this(id, application, hash, budget, period, rpm, at, by, revoked, new LinkedHashSet<>(),
					new LinkedHashSet<>());
		}

		ApplicationKey toKey() {
			return new ApplicationKey(this.id, this.application, this.hash, this.models, this.classes, this.budget,
					ApplicationKey.BudgetPeriod.valueOf(this.period), this.rpm, this.at, this.by, this.revoked);
		}

	}

}
