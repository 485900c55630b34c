package dev.aigov.web.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.Role;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.update.UpdateFactory;

import org.springframework.stereotype.Repository;

/**
 * Accounts as RDF in the {@code system} dataset, which is never exposed through the
 * auditors' SPARQL endpoint. Each write is one SPARQL Update request, so it is atomic on
 * TDB2 and on a remote endpoint alike.
 */
@Repository
class AccountRepository {

	private static final String NS = "https://aigov.dev/ns/system#";

	private static final String GRAPH = "https://aigov.dev/graph/accounts";

	private static final String PREFIXES = "PREFIX acct: <" + NS + ">\n"
			+ "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

	private final GraphStore store;

	AccountRepository(GraphStores stores) {
		this.store = stores.store(GraphStores.SYSTEM);
	}

	/**
	 * Creates the account unless one with the same username exists. The check and the
	 * insert are one atomic update; a creation id tells afterwards who won.
	 * @return whether this call created it
	 */
	boolean createIfAbsent(UserAccount account) {
		String creationId = UUID.randomUUID().toString();
		ParameterizedSparqlString update = new ParameterizedSparqlString(PREFIXES + """
				INSERT { GRAPH ?g {
				  ?a a acct:Account ; acct:username ?u ; acct:displayName ?d ; acct:passwordHash ?h ;
				     acct:enabled ?e ; acct:createdAt ?t ; acct:creationId ?c .
				} }
				WHERE { FILTER NOT EXISTS { GRAPH ?g { ?a a acct:Account } } }
				""");
		bindAccount(update, account);
		update.setLiteral("c", creationId);
		String rolesInsert = rolesInsert(account, creationId);
		this.store.update(UpdateFactory.create(update.toString() + (rolesInsert.isEmpty() ? "" : ";\n" + rolesInsert)));
		return creationId.equals(creationIdOf(account.username()));
	}

	/** Roles go in only where this request's own creation id landed. */
	private String rolesInsert(UserAccount account, String creationId) {
		if (account.roles().isEmpty()) {
			return "";
		}
		ParameterizedSparqlString roles = new ParameterizedSparqlString(PREFIXES + """
				INSERT { GRAPH ?g { ?a acct:role ?r } }
				WHERE { GRAPH ?g { ?a acct:creationId ?c } VALUES ?r { %s } }
				""".formatted(String.join(" ", account.roles().stream().map((r) -> "\"" + r.name() + "\"").toList())));
		roles.setIri("g", GRAPH);
		roles.setIri("a", iri(account.username()));
		roles.setLiteral("c", creationId);
		return roles.toString().substring(PREFIXES.length());
	}

	/** Replaces the stored account (same username) in one atomic update. */
	void replace(UserAccount account) {
		ParameterizedSparqlString update = new ParameterizedSparqlString(
				PREFIXES + """
						DELETE { GRAPH ?g { ?a acct:displayName ?od ; acct:passwordHash ?oh ; acct:enabled ?oe ; acct:role ?or } }
						INSERT { GRAPH ?g { ?a acct:displayName ?d ; acct:passwordHash ?h ; acct:enabled ?e } }
						WHERE { GRAPH ?g { ?a a acct:Account ; acct:displayName ?od ; acct:passwordHash ?oh ; acct:enabled ?oe .
						                   OPTIONAL { ?a acct:role ?or } } }
						""");
		bindAccount(update, account);
		String text = update.toString();
		StringBuilder roles = new StringBuilder();
		for (Role role : account.roles()) {
			ParameterizedSparqlString insert = new ParameterizedSparqlString(
					"INSERT DATA { GRAPH ?g { ?a <" + NS + "role> ?r } }");
			insert.setIri("g", GRAPH);
			insert.setIri("a", iri(account.username()));
			insert.setLiteral("r", role.name());
			roles.append(";\n").append(insert);
		}
		this.store.update(UpdateFactory.create(text + roles));
	}

	Optional<UserAccount> findByUsername(String username) {
		return findAll(username).stream().findFirst();
	}

	List<UserAccount> findAll() {
		return findAll(null);
	}

	boolean anyEnabledWithRole(Role role) {
		return findAll().stream().anyMatch((account) -> account.enabled() && account.roles().contains(role));
	}

	private List<UserAccount> findAll(String username) {
		ParameterizedSparqlString query = new ParameterizedSparqlString(PREFIXES + """
				SELECT ?u ?d ?h ?e ?t ?r WHERE { GRAPH ?g {
				  ?a a acct:Account ; acct:username ?u ; acct:displayName ?d ; acct:passwordHash ?h ;
				     acct:enabled ?e ; acct:createdAt ?t .
				  OPTIONAL { ?a acct:role ?r }
				} } ORDER BY ?u
				""");
		query.setIri("g", GRAPH);
		if (username != null) {
			query.setIri("a", iri(username));
		}
		return this.store.read((connection) -> {
			Map<String, Row> rows = new LinkedHashMap<>();
			connection.querySelect(query.asQuery(), (solution) -> {
				Row row = rows.computeIfAbsent(solution.getLiteral("u").getString(), (u) -> new Row(solution));
				if (solution.contains("r")) {
					row.roles.add(Role.parse(solution.getLiteral("r").getString()));
				}
			});
			List<UserAccount> accounts = new ArrayList<>();
			rows.values().forEach((row) -> accounts.add(row.toAccount()));
			return accounts;
		});
	}

	private String creationIdOf(String username) {
		ParameterizedSparqlString query = new ParameterizedSparqlString(
				PREFIXES + "SELECT ?c WHERE { GRAPH ?g { ?a acct:creationId ?c } }");
		query.setIri("g", GRAPH);
		query.setIri("a", iri(username));
		return this.store.read((connection) -> {
			String[] found = { null };
			connection.querySelect(query.asQuery(), (solution) -> found[0] = solution.getLiteral("c").getString());
			return found[0];
		});
	}

	private static void bindAccount(ParameterizedSparqlString sparql, UserAccount account) {
		sparql.setIri("g", GRAPH);
		sparql.setIri("a", iri(account.username()));
		sparql.setLiteral("u", account.username());
		sparql.setLiteral("d", account.displayName());
		sparql.setLiteral("h", account.passwordHash());
		sparql.setLiteral("e", account.enabled());
		sparql.setLiteral("t", account.createdAt().toString(), XSDDatatype.XSDdateTime);
	}

	private static String iri(String username) {
		return "urn:aigov:account:" + URLEncoder.encode(username, StandardCharsets.UTF_8);
	}

	private static final class Row {

		final String username;

		final String displayName;

		final String hash;

		final boolean enabled;

		final Instant createdAt;

		final Set<Role> roles = EnumSet.noneOf(Role.class);

		Row(QuerySolution solution) {
			this.username = solution.getLiteral("u").getString();
			this.displayName = solution.getLiteral("d").getString();
			this.hash = solution.getLiteral("h").getString();
			this.enabled = solution.getLiteral("e").getBoolean();
			this.createdAt = Instant.parse(solution.getLiteral("t").getLexicalForm());
		}

		UserAccount toAccount() {
			return new UserAccount(this.username, this.displayName, this.hash, this.roles, this.enabled,
					this.createdAt);
		}

	}

}
