package dev.aigov.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.aigov.audit.AuditVerification;
import dev.aigov.audit.AuditVerification.Discrepancy;
import dev.aigov.audit.AuditVerification.Kind;
import dev.aigov.audit.AuditVerifier;
import dev.aigov.signing.JsfVerification;
import dev.aigov.signing.JsfVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies the audit log as stored in Elasticsearch. Reads every record of the range (by
 * append time) sorted by stream and sequence, recomputes each hash, and walks each chain:
 * a record whose content no longer matches its hash was <b>modified</b>; a missing
 * sequence number was <b>deleted</b> (its id is known: {@code stream-sequence}); a
 * document that does not belong to the chain was <b>inserted</b>; a genuine record stored
 * under another record's id was <b>reordered</b>; a record whose successor carries a
 * different predecessor hash was rewritten together with its hash (also <b>modified</b>).
 * Signed checkpoints pin the heads: a checkpoint whose record is missing or differs
 * proves deletion or rewriting at the tail, where the chain alone cannot.
 */
public final class ChainVerifier implements AuditVerifier {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int PAGE = 5000;

	private final ElasticsearchHttp es;

	private final IndexLayout layout;

	private final Supplier<JsfVerifier> verifier;

	public ChainVerifier(ElasticsearchHttp es, IndexLayout layout, Supplier<JsfVerifier> verifier) {
		this.es = es;
		this.layout = layout;
		this.verifier = verifier;
	}

	@Override
	public AuditVerification verify(Instant from, Instant to) {
		if (from == null || to == null || !from.isBefore(to)) {
			throw new IllegalArgumentException("'from' must be before 'to'");
		}
		long started = System.nanoTime();
		Map<String, List<Doc>> streams = readRecords(from, to);
		Map<String, List<Checkpoint>> checkpoints = new LinkedHashMap<>();
		List<Discrepancy> found = new ArrayList<>();
		for (Checkpoint checkpoint : readCheckpoints(from, to)) {
			if (checkpoint.valid()) {
				checkpoints.computeIfAbsent(checkpoint.stream(), (s) -> new ArrayList<>()).add(checkpoint);
			}
			else {
				found.add(new Discrepancy(Kind.CHECKPOINT_INVALID, checkpoint.id(), checkpoint.stream(),
						checkpoint.sequence(), "checkpoint signature does not verify: " + checkpoint.problem()));
			}
		}
		long records = 0;
		List<AuditVerification.Stream> summaries = new ArrayList<>();
		List<String> names = new ArrayList<>(streams.keySet());
		checkpoints.keySet().stream().filter((s) -> !streams.containsKey(s)).forEach(names::add);
		for (String stream : names) {
			if ("?".equals(stream)) {
				streams.get(stream)
					.forEach((doc) -> found
						.add(new Discrepancy(Kind.INSERTED, doc.id(), "?", -1, "has no chain fields")));
				continue;
			}
			List<Doc> docs = streams.getOrDefault(stream, List.of());
			records += docs.size();
			List<Checkpoint> pins = checkpoints.getOrDefault(stream, List.of());
			summaries.add(walk(stream, docs, pins, found));
		}
		found.sort(Comparator.comparing(Discrepancy::stream).thenComparingLong(Discrepancy::sequence));
		return new AuditVerification(from, to, found.isEmpty(), records, summaries, found,
				(System.nanoTime() - started) / 1_000_000);
	}

	private AuditVerification.Stream walk(String stream, List<Doc> docs, List<Checkpoint> pins,
			List<Discrepancy> found) {
		TreeMap<Long, List<Doc>> bySequence = new TreeMap<>();
		for (Doc doc : docs) {
			bySequence.computeIfAbsent(doc.sequence(), (s) -> new ArrayList<>(1)).add(doc);
		}
		long pinned = pins.stream().mapToLong(Checkpoint::sequence).max().orElse(0);
		if (bySequence.isEmpty()) {
			for (Checkpoint pin : pins) {
				found.add(deleted(stream, pin.sequence(), "missing, though checkpoint " + pin.id() + " signed it"));
			}
			return new AuditVerification.Stream(stream, 0, 0, pins.size(), pinned);
		}
		long first = bySequence.firstKey();
		long last = Math.max(bySequence.lastKey(), pinned);
		Map<Long, Doc> genuine = new TreeMap<>();
		String previousHash = null;
		String previousId = null;
		for (long sequence = first; sequence <= last; sequence++) {
			List<Doc> candidates = bySequence.get(sequence);
			if (candidates == null) {
				found.add(deleted(stream, sequence,
						(sequence > bySequence.lastKey())
								? "missing at the end of the chain, though a signed checkpoint covers it"
								: "missing from the chain"));
				previousHash = null;
				previousId = null;
				continue;
			}
			Doc chosen = candidates.stream().filter((d) -> d.selfValid() && d.idValid()).findFirst().orElse(null);
			if (chosen == null) {
				chosen = candidates.stream().filter(Doc::selfValid).findFirst().orElse(null);
				if (chosen != null) {
					found.add(new Discrepancy(Kind.REORDERED, chosen.id(), stream, sequence, "holds record " + sequence
							+ " of the chain, which belongs at id " + stream + "-" + sequence));
				}
			}
			for (Doc other : candidates) {
				if (other == chosen) {
					continue;
				}
				if (!other.selfValid()) {
					found.add(new Discrepancy(Kind.MODIFIED, other.id(), stream, sequence,
							"content no longer matches its hash"));
				}
				else {
					found.add(new Discrepancy(Kind.INSERTED, other.id(), stream, sequence,
							"claims position " + sequence + ", which another record holds"));
				}
			}
			if (chosen != null && previousHash != null && !chosen.prevHash().equals(previousHash)) {
				if (sequence == bySequence.lastKey() && sequence > pinned) {
					found.add(new Discrepancy(Kind.INSERTED, chosen.id(), stream, sequence,
							"does not link to its predecessor " + previousId));
				}
				else {
					found.add(new Discrepancy(Kind.MODIFIED, previousId, stream, sequence - 1,
							"rewritten with a new hash: its successor " + chosen.id() + " carries another"));
				}
			}
			Doc kept = (chosen != null) ? chosen
					: candidates.stream().filter(Doc::idValid).findFirst().orElse(candidates.get(0));
			genuine.put(sequence, kept);
			previousHash = kept.hash();
			previousId = kept.id();
		}
		for (Checkpoint pin : pins) {
			Doc doc = genuine.get(pin.sequence());
			if (doc != null && doc.selfValid() && !doc.hash().equals(pin.hash())) {
				found.add(new Discrepancy(Kind.MODIFIED, doc.id(), stream, pin.sequence(),
						"differs from signed checkpoint " + pin.id()));
			}
		}
		return new AuditVerification.Stream(stream, first, bySequence.lastKey(), pins.size(), pinned);
	}

	private static Discrepancy deleted(String stream, long sequence, String detail) {
		return new Discrepancy(Kind.DELETED, stream + "-" + sequence, stream, sequence, detail);
	}

	/**
	 * Reads the range page by page; the next page is fetched while this one is hashed.
	 */
	private Map<String, List<Doc>> readRecords(Instant from, Instant to) {
		Map<String, List<Doc>> streams = new LinkedHashMap<>();
		CompletableFuture<JsonNode> next = CompletableFuture.supplyAsync(() -> page(from, to, null));
		while (true) {
			JsonNode hits = next.join().path("hits").path("hits");
			if (hits.isEmpty()) {
				return streams;
			}
			JsonNode after = hits.get(hits.size() - 1).path("sort");
			next = (hits.size() < PAGE) ? CompletableFuture.completedFuture(json.createObjectNode())
					: CompletableFuture.supplyAsync(() -> page(from, to, after));
			List<JsonNode> list = new ArrayList<>(hits.size());
			hits.forEach(list::add);
			List<Doc> docs = list.parallelStream().map(ChainVerifier::doc).toList();
			for (Doc doc : docs) {
				streams.computeIfAbsent(doc.stream(), (s) -> new ArrayList<>()).add(doc);
			}
		}
	}

	private JsonNode page(Instant from, Instant to, JsonNode after) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("size", PAGE);
		body.put("track_total_hits", false);
		body.put("query", Map.of("range", Map.of("aigov.chain.appended_at",
				Map.of("gte", from.toString(), "lt", to.toString(), "format", "strict_date_optional_time"))));
		body.put("sort", List.of(Map.of("aigov.chain.stream", "asc"), Map.of("aigov.chain.sequence", "asc"),
				Map.of("event.id", "asc")));
		if (after != null) {
			body.put("search_after", after);
		}
		ElasticsearchHttp.Reply reply = this.es.send("POST", "/" + this.layout.records() + "/_search",
				Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), json.writeValueAsBytes(body));
		return json.readTree(reply.orThrow("reading audit records").body());
	}

	private static Doc doc(JsonNode hit) {
		String id = hit.path("_id").asString();
		JsonNode chain = hit.path("_source").path("aigov").path("chain");
		if (!(hit.path("_source") instanceof ObjectNode source) || !chain.path("sequence").isIntegralNumber()) {
			return new Doc(id, "?", -1, "", "", false, false);
		}
		long sequence = chain.path("sequence").longValue();
		String stream = chain.path("stream").asString();
		String hash = chain.path("hash").asString();
		String prevHash = chain.path("prev_hash").asString();
		boolean selfValid;
		try {
			selfValid = hash.equals(AuditDocuments.chainHash(source));
		}
		catch (RuntimeException ex) {
			selfValid = false;
		}
		return new Doc(id, stream, sequence, hash, prevHash, selfValid, id.equals(stream + "-" + sequence));
	}

	private List<Checkpoint> readCheckpoints(Instant from, Instant to) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("size", 10_000);
		body.put("query", Map.of("range", Map.of("checkpoint.appended_at",
				Map.of("gte", from.toString(), "lt", to.toString(), "format", "strict_date_optional_time"))));
		body.put("sort", List.of(Map.of("checkpoint.stream", "asc"), Map.of("checkpoint.sequence", "asc")));
		ElasticsearchHttp.Reply reply = this.es.send("POST", "/" + this.layout.checkpoints() + "/_search",
				Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), json.writeValueAsBytes(body));
		JsonNode hits = json.readTree(reply.orThrow("reading audit checkpoints").body()).path("hits").path("hits");
		JsfVerifier jsf = this.verifier.get();
		List<Checkpoint> checkpoints = new ArrayList<>();
		for (JsonNode hit : hits) {
			JsonNode checkpoint = hit.path("_source").path("checkpoint");
			JsfVerification verification = jsf
				.verify(json.writeValueAsString(hit.path("_source")).getBytes(StandardCharsets.UTF_8));
			String problem = verification.valid() ? null : (verification.problem() != null) ? verification.problem()
					: verification.invalidSignatures().stream().map((v) -> v.reason()).toList().toString();
			checkpoints.add(new Checkpoint(hit.path("_id").asString(), checkpoint.path("stream").asString(),
					checkpoint.path("sequence").asLong(), checkpoint.path("hash").asString(), problem == null,
					problem));
		}
		return checkpoints;
	}

	/** What the walk needs of one document. */
	private record Doc(String id, String stream, long sequence, String hash, String prevHash, boolean selfValid,
			boolean idValid) {
	}

	private record Checkpoint(String id, String stream, long sequence, String hash, boolean valid, String problem) {
	}

}
