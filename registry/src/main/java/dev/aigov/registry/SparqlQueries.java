package dev.aigov.registry;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStores;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.apache.jena.update.UpdateFactory;

import org.springframework.stereotype.Service;

/**
 * Read-only SPARQL 1.1 queries over the lineage graph for auditors: the current state,
 * every revision's snapshot and the revisions graph. Updates are refused, {@code SERVICE}
 * is refused (the appliance makes no request an operator did not configure), and every
 * query is bounded in time and in the number of results. Accounts and keys live in
 * another dataset that no query can reach.
 */
@Service
public class SparqlQueries {

	/** At most this many solutions are returned; a larger LIMIT is lowered to it. */
	public static final int MAX_RESULTS = 10_000;

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final GraphStore store;

	public SparqlQueries(GraphStores stores) {
		this.store = stores.store(GraphStores.LINEAGE);
	}

	/**
	 * Runs a query.
	 * @param text the SPARQL query
	 * @param accept the caller's Accept header (may be {@code null})
	 * @return the serialized results, their media type, and whether the result limit
	 * applied
	 * @throws InvalidResumeException for a syntax error (with line and column), an
	 * update, or a SERVICE clause
	 * @throws QueryTimeoutException when the query runs too long
	 */
	public Answer query(String text, String accept) {
		if (text == null || text.isBlank()) {
			throw new InvalidResumeException("query", "A SPARQL query is required.");
		}
		Query query = parse(text);
		boolean limited = false;
		if (query.isSelectType() || query.isConstructType() || query.isDescribeType()) {
			if (!query.hasLimit() || query.getLimit() > MAX_RESULTS) {
				query.setLimit(MAX_RESULTS);
				limited = true;
			}
		}
		boolean capped = limited;
		String type = (accept != null) ? accept.toLowerCase(Locale.ROOT) : "";
		try {
			return this.store.read((connection) -> {
				try (QueryExecution execution = connection.newQuery()
					.query(query)
					.timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
					.build()) {
					ByteArrayOutputStream out = new ByteArrayOutputStream();
					if (query.isSelectType()) {
						ResultSet results = execution.execSelect();
						Lang lang = resultLang(type);
						ResultsWriter.create().lang(lang).write(out, results);
						return new Answer(out.toByteArray(), lang.getContentType().getContentTypeStr(), capped);
					}
					if (query.isAskType()) {
						boolean answer = execution.execAsk();
						Lang lang = resultLang(type);
						ResultsWriter.create().lang(lang).write(out, answer);
						return new Answer(out.toByteArray(), lang.getContentType().getContentTypeStr(), false);
					}
					Model model = query.isConstructType() ? execution.execConstruct() : execution.execDescribe();
					Lang lang = graphLang(type);
					RDFDataMgr.write(out, model, lang);
					return new Answer(out.toByteArray(), lang.getContentType().getContentTypeStr(), capped);
				}
			});
		}
		catch (QueryCancelledException ex) {
			throw new QueryTimeoutException(
					"The query ran longer than " + TIMEOUT.toSeconds() + " s and was stopped; narrow it down.");
		}
	}

	private static Query parse(String text) {
		Query query;
		try {
			query = QueryFactory.create(text);
		}
		catch (QueryParseException ex) {
			if (isUpdate(text)) {
				throw new InvalidResumeException("query", "This endpoint is read-only: SPARQL updates are refused.");
			}
			throw new InvalidResumeException("query", (long) ex.getLine(), "SPARQL syntax error at line " + ex.getLine()
					+ ", column " + ex.getColumn() + ": " + ex.getMessage().lines().findFirst().orElse(""));
		}
		if (query.isJsonType()) {
			throw new InvalidResumeException("query", "Only SELECT, ASK, CONSTRUCT and DESCRIBE queries are answered.");
		}
		boolean[] service = { false };
		OpWalker.walk(Algebra.compile(query), new OpVisitorBase() {
			@Override
			public void visit(OpService op) {
				service[0] = true;
			}
		});
		if (service[0]) {
			throw new InvalidResumeException("query",
					"SERVICE is refused: the appliance only talks to the endpoints its configuration names.");
		}
		return query;
	}

	private static boolean isUpdate(String text) {
		try {
			UpdateFactory.create(text);
			return true;
		}
		catch (RuntimeException notAnUpdate) {
			return false;
		}
	}

	private static Lang resultLang(String accept) {
		if (accept.contains("sparql-results+xml") || accept.contains("application/xml")) {
			return ResultSetLang.RS_XML;
		}
		if (accept.contains("text/csv")) {
			return ResultSetLang.RS_CSV;
		}
		if (accept.contains("tab-separated-values")) {
			return ResultSetLang.RS_TSV;
		}
		return ResultSetLang.RS_JSON;
	}

	private static Lang graphLang(String accept) {
		if (accept.contains("application/ld+json")) {
			return Lang.JSONLD;
		}
		if (accept.contains("application/n-triples")) {
			return Lang.NTRIPLES;
		}
		if (accept.contains("application/rdf+xml")) {
			return Lang.RDFXML;
		}
		return Lang.TURTLE;
	}

	/**
	 * A query's answer.
	 *
	 * @param body the serialized results
	 * @param contentType their media type
	 * @param limited whether the result limit was applied
	 */
	public record Answer(byte[] body, String contentType, boolean limited) {
	}

	/** The query ran longer than the appliance allows. */
	public static class QueryTimeoutException extends RuntimeException {

		QueryTimeoutException(String message) {
			super(message);
		}

	}

}
