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

	/** Sequence numbers per request. */
	private static final long WINDOW = 4000;

	/** Elasticsearch's default result window. */
	private static final int MAX_HITS = 10_000;

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
	 * Reads the range stream by stream in windows of sequence numbers (a range query on
	 * the sequence touches only that window's documents, where paging a sort over the
	 * whole range would scan it again for every page); the next window is fetched while
	 * this one is hashed. A window that comes back full (many inserted duplicates) is
	 * halved and read again.
	 */
	private Map<String, List<Doc>> readRecords(Instant from, Instant to) {
		Map<String, List<Doc>> streams = new LinkedHashMap<>();
		for (JsonNode bucket : streamBounds(from, to)) {
			String stream = bucket.path("key").asString();
			long first = (long) bucket.path("first").path("value").asDouble();
			long last = (long) bucket.path("last").path("value").asDouble();
			List<Doc> docs = new ArrayList<>();
			long window = WINDOW;
			long low = first;
			CompletableFuture<byte[]> next = fetch(from, to, stream, low, window);
			int[] ends = null;
			while (low <= last) {
				byte[] body = next.join();
				CanonicalHash.RawReader reader = CanonicalHash.RawReader.indexed(body, body.length, ends);
				ends = reader.ends();
				List<RawHit> hits = hits(reader);
				if (hits.size() >= MAX_HITS && window > 1) {
					window = Math.max(1, window / 2);
					next = fetch(from, to, stream, low, window);
					continue;
				}
				long following = low + window;
				next = (following <= last) ? fetch(from, to, stream, following, window) : null;
				for (Doc doc : hits.parallelStream().map((hit) -> doc(reader, hit)).toList()) {
					// One stream name for the whole chain, not a copy per record.
					docs.add(stream.equals(doc.stream()) ? doc.withStream(stream) : doc);
				}
				low = following;
			}
			streams.put(stream, docs);
		}
		return streams;
	}

	private CompletableFuture<byte[]> fetch(Instant from, Instant to, String stream, long low, long window) {
		return CompletableFuture.supplyAsync(() -> window(from, to, stream, low, low + window - 1));
	}

	private static Map<String, Object> inRange(Instant from, Instant to) {
		return Map.of("range", Map.of("aigov.chain.appended_at",
				Map.of("gte", from.toString(), "lt", to.toString(), "format", "strict_date_optional_time")));
	}

	/** Each stream in the range with its lowest and highest sequence. */
	private JsonNode streamBounds(Instant from, Instant to) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("size", 0);
		body.put("track_total_hits", false);
		body.put("query", inRange(from, to));
		body.put("aggs",
				Map.of("streams",
						Map.of("terms", Map.of("field", "aigov.chain.stream", "size", 10_000), "aggs",
								Map.of("first", Map.of("min", Map.of("field", "aigov.chain.sequence")), "last",
										Map.of("max", Map.of("field", "aigov.chain.sequence"))))));
		ElasticsearchHttp.Reply reply = this.es.send("POST", "/" + this.layout.records() + "/_search",
				Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), json.writeValueAsBytes(body));
		return json.readTree(reply.orThrow("reading audit streams").body())
			.path("aggregations")
			.path("streams")
			.path("buckets");
	}

	private byte[] window(Instant from, Instant to, String stream, long low, long high) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("size", MAX_HITS);
		body.put("track_total_hits", false);
		body.put("query",
				Map.of("bool",
						Map.of("filter", List.of(inRange(from, to),
								Map.of("term", Map.of("aigov.chain.stream", stream)),
								Map.of("range", Map.of("aigov.chain.sequence", Map.of("gte", low, "lte", high)))))));
		body.put("sort", List.of(Map.of("aigov.chain.sequence", "asc")));
		ElasticsearchHttp.Reply reply = this.es.sendUncompressed("POST", "/" + this.layout.records() + "/_search",
				Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), json.writeValueAsBytes(body));
		// No filter_path: Elasticsearch copies each _source into the response as it is
		// stored, where a filter would make it parse and write every document again.
		return reply.orThrow("reading audit records").body();
	}

	/** Where each hit's id and {@code _source} are in a search response's bytes. */
	private static List<RawHit> hits(CanonicalHash.RawReader reader) {
		byte[] body = reader.bytes;
		int outer = reader.member(reader.skipSpace(0), "hits");
		int array = (outer >= 0) ? reader.member(outer, "hits") : -1;
		if (array < 0 || body[array] != '[') {
			return List.of();
		}
		List<RawHit> hits = new ArrayList<>();
		int i = reader.skipSpace(array + 1);
		if (reader.at(i) == ']') {
			return hits;
		}
		while (true) {
			// One pass over the hit's members: _id and where _source starts and ends.
			String id = "";
			int source = -1;
			int sourceEnd = -1;
			if (reader.at(i) != '{') {
				throw new IllegalStateException("unexpected search response from Elasticsearch at byte " + i);
			}
			int member = reader.skipSpace(i + 1);
			while (reader.at(member) == '"') {
				int keyEnd = reader.skipString(member);
				int value = reader.skipSpace(reader.skipSpace(keyEnd) + 1);
				int valueEnd = reader.skipValue(value);
				if (reader.keyIs(member, keyEnd, "_id") && body[value] == '"') {
					id = reader.decodeString(value);
				}
				else if (reader.keyIs(member, keyEnd, "_source")) {
					source = value;
					sourceEnd = valueEnd;
				}
				member = reader.skipSpace(valueEnd);
				if (reader.at(member) == ',') {
					member = reader.skipSpace(member + 1);
				}
			}
			if (reader.at(member) != '}') {
				throw new IllegalStateException("unexpected search response from Elasticsearch at byte " + member);
			}
			hits.add(new RawHit(id, source, sourceEnd));
			i = reader.skipSpace(member + 1);
			if (reader.at(i) == ',') {
				i = reader.skipSpace(i + 1);
			}
			else if (reader.at(i) == ']') {
				return hits;
			}
			else {
				throw new IllegalStateException("unexpected search response from Elasticsearch at byte " + i);
			}
		}
	}

	/**
	 * Reads a hit's chain fields and hashes its source straight from the response bytes;
	 * a source the fast reader cannot take (it is not plain JSON as Elasticsearch writes
	 * it) is parsed and hashed the general way.
	 */
	private static Doc doc(CanonicalHash.RawReader reader, RawHit hit) {
		byte[] body = reader.bytes;
		if (hit.sourceStart() < 0 || body[hit.sourceStart()] != '{') {
			return new Doc(hit.id(), "?", -1, "", "", false, false);
		}
		CanonicalHash.Chained chained;
		try {
			chained = CanonicalHash.ofSource(reader, hit.sourceStart(), hit.sourceEnd());
		}
		catch (RuntimeException ex) {
			return doc(hit.id(), json.readTree(
					new String(body, hit.sourceStart(), hit.sourceEnd() - hit.sourceStart(), StandardCharsets.UTF_8)));
		}
		if (chained.sequence() == null) {
			return new Doc(hit.id(), "?", -1, "", "", false, false);
		}
		String stream = (chained.stream() != null) ? chained.stream() : "";
		String hash = (chained.hash() != null) ? chained.hash() : "";
		String prevHash = (chained.prevHash() != null) ? chained.prevHash() : "";
		long sequence = chained.sequence();
		return new Doc(hit.id(), stream, sequence, hash, prevHash, hash.equals(chained.computed()),
				hit.id().equals(stream + "-" + sequence));
	}

	private static Doc doc(String id, JsonNode sourceNode) {
		JsonNode chain = sourceNode.path("aigov").path("chain");
		if (!(sourceNode instanceof ObjectNode source) || !chain.path("sequence").isIntegralNumber()) {
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

	/** A hit in a response: its id and where its source is. */
	private record RawHit(String id, int sourceStart, int sourceEnd) {
	}

	/** What the walk needs of one document. */
	private record Doc(String id, String stream, long sequence, String hash, String prevHash, boolean selfValid,
			boolean idValid) {

		Doc withStream(String name) {
			return new Doc(this.id, name, this.sequence, this.hash, this.prevHash, this.selfValid, this.idValid);
		}

	}

	private record Checkpoint(String id, String stream, long sequence, String hash, boolean valid, String problem) {
	}

}
