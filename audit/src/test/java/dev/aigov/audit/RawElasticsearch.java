package dev.aigov.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Direct HTTP access to Elasticsearch, as an attacker or an auditor would have it. */
final class RawElasticsearch {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String url;

	private final HttpClient client = HttpClient.newHttpClient();

	RawElasticsearch(String url) {
		this.url = url;
	}

	JsonNode send(String method, String path, String body) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path))
				.header("Content-Type", "application/json")
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
						: HttpRequest.BodyPublishers.noBody());
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(
						method + " " + path + " -> " + response.statusCode() + " " + response.body());
			}
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Every document id of the indices, with how many times it occurs. */
	Map<String, Integer> idCounts(String indices) {
		send("POST", "/" + indices + "/_refresh", null);
		Map<String, Integer> counts = new HashMap<>();
		JsonNode after = null;
		while (true) {
			String body = "{\"size\":5000,\"_source\":false,\"sort\":[{\"aigov.chain.stream\":\"asc\"},{\"aigov.chain.sequence\":\"asc\"}]"
					+ ((after != null) ? ",\"search_after\":" + after : "") + "}";
			JsonNode hits = send("POST", "/" + indices + "/_search", body).path("hits").path("hits");
			if (hits.isEmpty()) {
				return counts;
			}
			for (JsonNode hit : hits) {
				counts.merge(hit.path("_id").asString(), 1, Integer::sum);
			}
			after = hits.get(hits.size() - 1).path("sort");
		}
	}

	/** The (index, source) of one record by id. */
	JsonNode find(String indices, String id) {
		JsonNode hits = send("POST", "/" + indices + "/_search", "{\"query\":{\"ids\":{\"values\":[\"" + id + "\"]}}}")
			.path("hits")
			.path("hits");
		if (hits.size() != 1) {
			throw new IllegalStateException("expected one document " + id + ", found " + hits.size());
		}
		return hits.get(0);
	}

	static Set<String> duplicates(Map<String, Integer> counts) {
		Set<String> duplicates = new TreeSet<>();
		counts.forEach((id, count) -> {
			if (count > 1) {
				duplicates.add(id);
			}
		});
		return duplicates;
	}

	static List<String> missing(Iterable<String> expected, Map<String, Integer> counts) {
		List<String> missing = new java.util.ArrayList<>();
		for (String id : expected) {
			if (!counts.containsKey(id)) {
				missing.add(id);
			}
		}
		return missing;
	}

}
