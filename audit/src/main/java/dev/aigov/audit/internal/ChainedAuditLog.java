package dev.aigov.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.aigov.audit.AuditLog;
import dev.aigov.audit.AuditRecord;
import dev.aigov.audit.AuditUnavailableException;
import dev.aigov.audit.internal.CanonicalHash.Slot;
import dev.aigov.audit.internal.CanonicalHash.Template;
import dev.aigov.audit.internal.Journal.Entry;
import dev.aigov.audit.internal.Journal.JournalException;
import dev.aigov.signing.JsfSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link AuditLog}: maps each record to its document, chains it to the head of its
 * stream (one stream per category and journal: {@code inference-<journal id>}), appends
 * it to the journal and returns once the journal has made it durable. Also writes signed
 * checkpoints of the stream heads into the journal.
 * <p>
 * When the journal cannot be opened or has failed, every append is refused with an
 * {@link AuditUnavailableException} saying why; the journal is re-opened (from disk, as
 * after a restart) at most once a second, so that appends succeed again once the cause is
 * gone.
 */
public final class ChainedAuditLog implements AuditLog {

	static final String GENESIS = "0".repeat(64);

	private static final Logger logger = LoggerFactory.getLogger(ChainedAuditLog.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Set<String> CATEGORIES = Set.of("inference", "admin");

	private static final long REOPEN_INTERVAL_MS = 1000;

	/**
	 * Room left in a journal entry for the chain fields and the id that fill a template's
	 * slots: two hashes, a stream name, a sequence and a time, a few hundred bytes.
	 */
	private static final int CHAIN_ROOM = 4096;

	private final Path dir;

	private final long segmentBytes;

	private final long maxBytes;

	private final AuditDocuments documents;

	private final Supplier<JsfSigner> signer;

	private final Clock clock;

	private final String journalId;

	private final ReentrantLock lock = new ReentrantLock();

	/** Guarded by lock. */
	private final Map<String, Head> heads = new HashMap<>();

	/** Highest sequence checkpointed per stream. Guarded by lock. */
	private final Map<String, Long> checkpointed = new HashMap<>();

	private final LongAdder appends = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private volatile Journal journal;

	private volatile String unavailable;

	private long lastOpenAttempt;

	private long lastAppendedAt;

	ChainedAuditLog(Path dir, long segmentBytes, long maxBytes, AuditDocuments documents, Supplier<JsfSigner> signer,
			Clock clock) {
		this.dir = dir;
		this.segmentBytes = segmentBytes;
		this.maxBytes = maxBytes;
		this.documents = documents;
		this.signer = signer;
		this.clock = clock;
		this.journalId = journalId(dir);
		this.lock.lock();
		try {
			openJournal();
		}
		catch (AuditUnavailableException ex) {
			logger.error("The audit journal is unavailable; calls will be refused until it can be written: {}",
					ex.getMessage());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The journal's id, random, kept in {@code journal.id}; part of every stream's name.
	 */
	private static String journalId(Path dir) {
		Path file = dir.resolve("journal.id");
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII).strip();
			}
			Files.createDirectories(dir);
			byte[] random = new byte[4];
			new SecureRandom().nextBytes(random);
			String id = HexFormat.of().formatHex(random);
			Files.writeString(file, id, StandardCharsets.US_ASCII);
			return id;
		}
		catch (IOException ex) {
			// The journal cannot work either; appends will say why. The id only names
			// streams, so a random one does no harm if the directory stays unusable.
			byte[] random = new byte[4];
			new SecureRandom().nextBytes(random);
			return HexFormat.of().formatHex(random);
		}
	}

	@Override
	public AuditReceipt append(AuditRecord record) {
		try {
			AuditReceipt receipt = appendDurably(record);
			this.appends.increment();
			return receipt;
		}
		catch (AuditUnavailableException ex) {
			this.failures.increment();
			throw ex;
		}
	}

	long appends() {
		return this.appends.sum();
	}

	long failures() {
		return this.failures.sum();
	}

	private AuditReceipt appendDurably(AuditRecord record) {
		validate(record);
		String stream = record.category() + "-" + this.journalId;
		Template template = fitted(record);
		Journal target;
		long index;
		long epoch;
		AuditReceipt receipt;
		this.lock.lock();
		try {
			target = usableJournal();
			Head head = this.heads.getOrDefault(stream, new Head(0, GENESIS, 0));
			long sequence = head.sequence() + 1;
			long appendedAt = Math.max(this.clock.millis(), this.lastAppendedAt);
			String id = stream + "-" + sequence;
			byte[] idJson = CanonicalHash.bytes(id);
			Map<String, Object> chain = new LinkedHashMap<>();
			chain.put("stream", stream);
			chain.put("sequence", sequence);
			chain.put("prev_hash", head.hash());
			chain.put("appended_at", Instant.ofEpochMilli(appendedAt).toString());
			String hash = template.hash(slots(CanonicalHash.bytes(chain), idJson));
			chain.put("hash", hash);
			byte[] bytes = template.fill(slots(CanonicalHash.bytes(chain), idJson));
			if (bytes.length > Journal.MAX_ENTRY) {
				// Only an administrative event's details can still be this large. This
				// record only: the log stays available, and the chain goes on from the
				// last record it took.
				throw new AuditUnavailableException(
						"this audit record is " + bytes.length + " bytes, over the journal's limit of 16 MiB per entry",
						null);
			}
			index = write(target, Journal.RECORD, bytes);
			epoch = target.epoch();
			this.heads.put(stream, new Head(sequence, hash, appendedAt));
			this.lastAppendedAt = appendedAt;
			receipt = new AuditReceipt(id, stream, sequence, hash);
		}
		finally {
			this.lock.unlock();
		}
		awaitDurable(target, index, epoch);
		return receipt;
	}

	/**
	 * The record's template, kept within one journal entry: a call whose texts would not
	 * fit (a megabyte of prompt in {@code encrypted} mode with a long answer) is recorded
	 * without the response's texts, then without the prompt's too, keeping their hashes
	 * and lengths; so a call is never refused for the size of its own record.
	 */
	private Template fitted(AuditRecord record) {
		Template template = null;
		for (AuditDocuments.Texts texts : AuditDocuments.Texts.values()) {
			template = template(this.documents.toDocument(record, texts));
			if (template.bytes().length <= Journal.MAX_ENTRY - CHAIN_ROOM || record.inference() == null) {
				break;
			}
		}
		return template;
	}

	/**
	 * The canonical JSON of a document with {@code event.id} and {@code aigov.chain} left
	 * open: written on the caller's thread, before the lock, so that under the lock only
	 * the chain fields are written and hashed (the record is stored in its canonical
	 * form, with {@code aigov.chain.hash} added).
	 */
	@SuppressWarnings("unchecked")
	private static Template template(Map<String, Object> doc) {
		((Map<String, Object>) doc.get("event")).put("id", Slot.EVENT_ID);
		((Map<String, Object>) doc.get("aigov")).put("chain", Slot.CHAIN);
		return CanonicalHash.template(doc);
	}

	private static byte[][] slots(byte[] chain, byte[] id) {
		byte[][] values = new byte[Slot.values().length][];
		values[Slot.CHAIN.ordinal()] = chain;
		values[Slot.EVENT_ID.ordinal()] = id;
		return values;
	}

	private static void validate(AuditRecord record) {
		if (record == null || record.time() == null || record.action() == null || record.action().isBlank()
				|| !CATEGORIES.contains(record.category())) {
			throw new IllegalArgumentException(
					"an audit record needs a time, an action and the category 'inference' or 'admin'");
		}
		if ("inference".equals(record.category()) && record.inference() == null) {
			throw new IllegalArgumentException("an inference audit record needs its inference details");
		}
	}

	/**
	 * Signs the head of every stream that moved since its last checkpoint and makes the
	 * checkpoints durable in the journal (they are shipped with the records).
	 * @return how many checkpoints were written
	 * @throws AuditUnavailableException when the journal cannot take them
	 */
	public int checkpoint() {
		Map<String, Head> moved = new LinkedHashMap<>();
		this.lock.lock();
		try {
			this.heads.forEach((stream, head) -> {
				if (head.sequence() > this.checkpointed.getOrDefault(stream, 0L)) {
					moved.put(stream, head);
				}
			});
		}
		finally {
			this.lock.unlock();
		}
		if (moved.isEmpty()) {
			return 0;
		}
		JsfSigner signing = this.signer.get();
		long last = -1;
		long epoch = -1;
		Journal target = null;
		for (Map.Entry<String, Head> entry : moved.entrySet()) {
			Map<String, Object> checkpoint = new LinkedHashMap<>();
			checkpoint.put("stream", entry.getKey());
			checkpoint.put("sequence", entry.getValue().sequence());
			checkpoint.put("hash", entry.getValue().hash());
			checkpoint.put("appended_at", Instant.ofEpochMilli(entry.getValue().appendedAt()).toString());
			checkpoint.put("created_at", this.clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
			checkpoint.put("journal_id", this.journalId);
			String signed = signing.sign(json.writeValueAsString(Map.of("checkpoint", checkpoint)));
			this.lock.lock();
			try {
				target = usableJournal();
				last = write(target, Journal.CHECKPOINT, signed.getBytes(StandardCharsets.UTF_8));
				if (epoch != -1 && epoch != target.epoch()) {
					// Reopened between two checkpoints: the earlier ones may be cut off.
					throw new AuditUnavailableException("the audit journal was reopened while checkpoints were written",
							null);
				}
				epoch = target.epoch();
			}
			finally {
				this.lock.unlock();
			}
		}
		awaitDurable(target, last, epoch);
		this.lock.lock();
		try {
			moved.forEach((stream, head) -> this.checkpointed.merge(stream, head.sequence(), Math::max));
		}
		finally {
			this.lock.unlock();
		}
		return moved.size();
	}

	private long write(Journal target, byte type, byte[] bytes) {
		try {
			return target.write(type, bytes);
		}
		catch (JournalException ex) {
			this.unavailable = ex.getMessage();
			throw new AuditUnavailableException(ex.getMessage(), ex);
		}
	}

	private void awaitDurable(Journal target, long index, long epoch) {
		try {
			target.awaitDurable(index, epoch);
		}
		catch (JournalException ex) {
			this.unavailable = ex.getMessage();
			throw new AuditUnavailableException(ex.getMessage(), ex);
		}
	}

	/** Called with the lock held. */
	private Journal usableJournal() {
		Journal current = this.journal;
		if (current != null && current.failure() == null) {
			return current;
		}
		long now = System.currentTimeMillis();
		if (now - this.lastOpenAttempt < REOPEN_INTERVAL_MS) {
			throw new AuditUnavailableException(String.valueOf(this.unavailable), null);
		}
		openJournal();
		return this.journal;
	}

	/** Called with the lock held. */
	private void openJournal() {
		this.lastOpenAttempt = System.currentTimeMillis();
		this.heads.clear();
		try {
			if (this.journal == null) {
				this.journal = Journal.open(this.dir, this.segmentBytes, this.maxBytes, this::headsPayload,
						this::replay);
			}
			else {
				this.journal.reopen(this::replay);
			}
			this.unavailable = null;
			this.checkpointed.keySet().retainAll(this.heads.keySet());
		}
		catch (IOException | RuntimeException ex) {
			String message = ex.getMessage();
			this.unavailable = "cannot open the audit journal in " + this.dir.toAbsolutePath() + ": "
					+ ex.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
			throw new AuditUnavailableException(this.unavailable, ex);
		}
	}

	private byte[] headsPayload() {
		Map<String, Object> streams = new LinkedHashMap<>();
		this.heads.forEach((stream, head) -> streams.put(stream,
				Map.of("sequence", head.sequence(), "hash", head.hash(), "appended_at", head.appendedAt())));
		return json.writeValueAsBytes(Map.of("streams", streams));
	}

	private void replay(Entry entry) {
		if (entry.type() == Journal.HEADS) {
			Map<String, Map<String, Object>> streams = json
				.readValue(entry.payload(), new TypeReference<Map<String, Map<String, Map<String, Object>>>>() {
				})
				.get("streams");
			this.heads.clear();
			streams
				.forEach((stream, head) -> this.heads.put(stream, new Head(((Number) head.get("sequence")).longValue(),
						(String) head.get("hash"), ((Number) head.get("appended_at")).longValue())));
		}
		else if (entry.type() == Journal.RECORD) {
			Map<String, Object> doc = json.readValue(entry.payload(), new TypeReference<Map<String, Object>>() {
			});
			@SuppressWarnings("unchecked")
			Map<String, Object> chain = (Map<String, Object>) ((Map<String, Object>) doc.get("aigov")).get("chain");
			long appendedAt = Instant.parse((String) chain.get("appended_at")).toEpochMilli();
			this.heads.put((String) chain.get("stream"),
					new Head(((Number) chain.get("sequence")).longValue(), (String) chain.get("hash"), appendedAt));
			this.lastAppendedAt = Math.max(this.lastAppendedAt, appendedAt);
		}
	}

	/** The journal, or {@code null} when it could never be opened. */
	Journal journal() {
		return this.journal;
	}

	/** Why appends are refused, or {@code null} when they are accepted. */
	String unavailable() {
		Journal current = this.journal;
		if (current == null) {
			return (this.unavailable != null) ? this.unavailable : "the audit journal is not open";
		}
		return current.failure();
	}

	String journalId() {
		return this.journalId;
	}

	/** The current heads, for tests and status. */
	List<String> streams() {
		this.lock.lock();
		try {
			return List.copyOf(this.heads.keySet());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Closes the journal (after a last checkpoint, which the caller writes). */
	void close() {
		Journal current = this.journal;
		if (current != null) {
			current.close();
		}
	}

	/** The head of a stream: its last sequence, hash and append time. */
	record Head(long sequence, String hash, long appendedAt) {
	}

}
