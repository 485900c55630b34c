package dev.aigov.web.registry;

import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.SparqlQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only SPARQL 1.1 protocol endpoint over the lineage graph: query by GET, by
 * form POST or by a direct {@code application/sparql-query} POST. Results as SPARQL JSON
 * (default), XML, CSV or TSV; graphs as Turtle (default), N-Triples, JSON-LD or RDF/XML.
 * When the result limit applied, the {@code Aigov-Result-Limit} header says so.
 */
@RestController
@RequestMapping("/api/sparql")
@PreAuthorize("hasAnyRole('AUDITOR','COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
@Tag(name = "SPARQL", description = "Read-only SPARQL 1.1 over the lineage graph")
class SparqlController {

	private final SparqlQueries sparql;

	SparqlController(SparqlQueries sparql) {
		this.sparql = sparql;
	}

	@GetMapping
	@Operation(summary = "Query (SPARQL 1.1 protocol, GET)")
	ResponseEntity<byte[]> get(@RequestParam(required = false) String query,
			@RequestParam(name = "default-graph-uri", required = false) String defaultGraph,
			@RequestParam(name = "named-graph-uri", required = false) String namedGraph,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		return answer(query, defaultGraph, namedGraph, accept);
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Query (SPARQL 1.1 protocol, form POST)")
	ResponseEntity<byte[]> form(@RequestParam(required = false) String query,
			@RequestParam(name = "default-graph-uri", required = false) String defaultGraph,
			@RequestParam(name = "named-graph-uri", required = false) String namedGraph,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		return answer(query, defaultGraph, namedGraph, accept);
	}

	@PostMapping(consumes = "application/sparql-query")
	@Operation(summary = "Query (SPARQL 1.1 protocol, direct POST)")
	ResponseEntity<byte[]> direct(@RequestBody String query,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		return answer(query, null, null, accept);
	}

	private ResponseEntity<byte[]> answer(String query, String defaultGraph, String namedGraph, String accept) {
		if (defaultGraph != null || namedGraph != null) {
			throw new InvalidResumeException("default-graph-uri",
					"Dataset parameters are not supported; name graphs with GRAPH in the query.");
		}
		SparqlQueries.Answer answer = this.sparql.query(query, accept);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(answer.contentType()));
		if (answer.limited()) {
			response.header("Aigov-Result-Limit", Integer.toString(SparqlQueries.MAX_RESULTS));
		}
		return response.body(answer.body());
	}

}
