package dev.aigov.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal of entries in segment files, made durable by group commit.
 * <p>
 * Each entry is framed as {@code [int length][int crc32c][byte type][payload]}; the CRC
 * covers type and payload, so a torn write (crash mid-frame) is detected and cut off on
 * recovery. Entries have consecutive indexes; a segment is named after the index of its
 * first entry and starts with a {@link #HEADS} entry that the caller supplies (the state
 * needed to continue without earlier segments). Writes are serialised; durability is
 * shared: whoever waits first forces the file and every entry written up to then becomes
 * durable with that one {@code fsync}.
 * <p>
 * The current segment is zero-filled {@link #ZERO_FILL} bytes ahead of its last entry, so
 * that a sync after an append writes data blocks only: a sync of a file that grows must
 * also commit the new size and block allocation (a file-system journal commit), which
 * costs about as much again. Recovery and a clean close cut the zeros off. The sync after
 * a fill writes the zeros too: in 64 KiB steps that sync takes 0.4–0.5 ms, in the 1 MiB
 * steps used before 1.6–2.2 ms, long enough to hold up every call behind it a few times a
 * second (ADR 010, 2026-11-24 addendum).
 * <p>
 * Syncs go through a second channel on the segment, an {@link AsynchronousFileChannel},
 * whose {@code force} an interrupt does not abort: an interrupt during
 * {@link FileChannel#force} closes the channel, and with it the journal for every caller
 * until it is reopened. ({@code fdatasync} on either descriptor writes the file's dirty
 * pages and reports write-back errors since the descriptor was opened; both are opened
 * together, before the segment is written.)
 * <p>
 * The journal is bounded: beyond {@code maxBytes} of unreleased segments, writes fail.
 * Segments whose entries have all been released (shipped) are deleted. Any I/O failure
 * marks the journal failed: it refuses writes until {@link #reopen} succeeds.
 */
final class Journal implements AutoCloseable {

	static final byte RECORD = 1;

	static final byte CHECKPOINT = 2;

	static final byte HEADS = 3;

	private static final Logger logger = LoggerFactory.getLogger(Journal.class);

	private static final int HEADER = 9;

	/** The largest entry, in bytes: bounds what recovery reads at once. */
	static final int MAX_ENTRY = 16 * 1024 * 1024;

	private static final String SUFFIX = ".seg";

	static final int ZERO_FILL = 64 << 10;

	/** Syncs of the journal that may be under way at once ({@link #awaitDurable}). */
	static final int CONCURRENT_SYNCS = 4;

	private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

	/** The largest frame written from the reused direct buffer ({@link #frameBuffer}). */
	private static final int REUSED_FRAME = 1 << 20;

	private static final String SHIPPED = "shipped-offset";

	/**
	 * Appended to a shipped segment's name before it is cut down and deleted, which takes
	 * it out of recovery's sight ({@link #release}).
	 */
	static final String SHIPPED_SUFFIX = ".shipped";

	/** Bytes a shipped segment is cut by at a time. */
	static final int TRIM_STEP = 1 << 20;

	/** The pause between two cuts. */
	static final long TRIM_PAUSE_MS = 20;

	/** Shipped segments waiting beyond which they are cut without pauses. */
	static final int TRIM_BACKLOG = 4;

	/** Shipped segments to cut down and delete, oldest first. */
	private final LinkedBlockingQueue<Path> shippedSegments = new LinkedBlockingQueue<>();

	/** The thread that does it, started on the first release. Guarded by segmentFiles. */
	private Thread trimmer;

	private final Path dir;

	private final long segmentBytes;

	private final long maxBytes;

	private final Supplier<byte[]> heads;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final Object syncMonitor = new Object();

	/**
	 * Held while segment files are listed for recovery or deleted after release, so that
	 * recovery never lists a file that is then deleted under it.
	 */
	private final Object segmentFiles = new Object();

	/** The reused frame buffer ({@link #frameBuffer}). Guarded by writeLock. */
	private ByteBuffer frame;

	/** First index of each segment on disk, with its size. Guarded by writeLock. */
	private final TreeMap<Long, Long> segments = new TreeMap<>();

	/**
	 * The current segment's channel for writes; replaced when an interrupt closed it.
	 * Guarded by writeLock.
	 */
	private FileChannel current;

	/**
	 * The current segment's channel for syncs (uninterruptible), which also identifies
	 * the segment. Written under writeLock; volatile for the syncs that compare against
	 * it.
	 */
	private volatile AsynchronousFileChannel currentSyncs;

	/** The sync channel that {@link #close} forced and closed. Guarded by writeLock. */
	private AsynchronousFileChannel forcedOnClose;

	private long currentFirst;

	private long currentSize;

	/**
	 * Bytes of the current segment written, entries and zero fill. Guarded by writeLock.
	 */
	private long currentFilled;

	private long nextIndex;

	private long totalBytes;

	/** Entries below this index are durable. Guarded by syncMonitor. */
	private long durableIndex;

	private long durableSizeOfCurrent;

	/** Syncs under way, in the order they started. Guarded by syncMonitor. */
	private final ArrayDeque<Sync> syncs = new ArrayDeque<>();

	/** Counts opens; syncs of an earlier open advance nothing. Guarded by syncMonitor. */
	private long epoch;

	private final Forcer forcer;

	private volatile String failure;

	private volatile long released;

	private Journal(Path dir, long segmentBytes, long maxBytes, Supplier<byte[]> heads, Forcer forcer) {
		this.dir = dir;
		this.segmentBytes = segmentBytes;
		this.maxBytes = maxBytes;
		this.heads = heads;
		this.forcer = forcer;
	}

	/**
	 * Opens (or creates) the journal, cutting off a torn tail, and replays every entry on
	 * disk from the first segment's {@link #HEADS} onwards.
	 * @param heads supplies the payload of the HEADS entry that starts each new segment
	 * @param replay receives each valid entry, in order
	 * @throws IOException when the directory cannot be created, read or written
	 */
	static Journal open(Path dir, long segmentBytes, long maxBytes, Supplier<byte[]> heads, Consumer<Entry> replay)
			throws IOException {
		return open(dir, segmentBytes, maxBytes, heads, replay, (channel) -> channel.force(false));
	}

	/**
	 * As {@link #open(Path, long, long, Supplier, Consumer)}, forcing with
	 * {@code forcer}.
	 */
	static Journal open(Path dir, long segmentBytes, long maxBytes, Supplier<byte[]> heads, Consumer<Entry> replay,
			Forcer forcer) throws IOException {
		Journal journal = new Journal(dir, segmentBytes, maxBytes, heads, forcer);
		journal.recover(replay);
		return journal;
	}

	private void recover(Consumer<Entry> replay) throws IOException {
		synchronized (this.segmentFiles) {
			recoverSegments(replay);
		}
	}

	private void recoverSegments(Consumer<Entry> replay) throws IOException {
		Files.createDirectories(this.dir);
		this.released = readShipped();
		this.segments.clear();
		this.totalBytes = 0;
		List<Path> files;
		List<Path> shipped;
		try (Stream<Path> list = Files.list(this.dir)) {
			List<Path> all = list.toList();
			files = all.stream().filter((p) -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
			shipped = all.stream().filter((p) -> p.getFileName().toString().endsWith(SUFFIX + SHIPPED_SUFFIX)).toList();
		}
		for (Path file : shipped) {
			// Renamed by a release before the last stop and not yet deleted.
			if (!this.shippedSegments.contains(file)) {
				Files.deleteIfExists(file);
			}
		}
		long next = this.released;
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			long first = firstIndex(file);
			long[] end = scan(file, first, replay);
			if (end[1] == 0) {
				// Not even its HEADS entry (a crash right after it was created): remove
				// it.
				Files.delete(file);
				continue;
			}
			if (end[1] < Files.size(file) && zerosFrom(file, end[1])) {
				// The zero fill ahead of the last entry (ZERO_FILL), not a torn entry.
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
					channel.truncate(end[1]);
					channel.force(true);
				}
			}
			else if (end[1] < Files.size(file)) {
				logger.warn("Audit journal segment {} ends with an incomplete entry; cut at byte {}",
						file.getFileName(), end[1]);
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
					channel.truncate(end[1]);
					channel.force(true);
				}
			}
			this.segments.put(first, end[1]);
			this.totalBytes += end[1];
			next = end[0];
		}
		if (!this.segments.isEmpty() && this.released < this.segments.firstKey()) {
			// The shipped offset was lost: ship again whatever is still here.
			this.released = this.segments.firstKey();
		}
		this.nextIndex = next;
		startSegment();
		synchronized (this.syncMonitor) {
			this.epoch++;
			this.durableIndex = this.nextIndex;
		}
		this.failure = null;
	}

	private static boolean zerosFrom(Path file, long position) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			long at = position;
			int read;
			while ((read = channel.read(buffer.clear(), at)) > 0) {
				for (int i = 0; i < read; i++) {
					if (buffer.get(i) != 0) {
						return false;
					}
				}
				at += read;
			}
			return true;
		}
	}

	/** Reads a segment's valid entries; returns {next index, valid bytes}. */
	private long[] scan(Path file, long first, Consumer<Entry> replay) throws IOException {
		long index = first;
		long position = 0;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			FrameReader reader = new FrameReader(channel);
			Entry entry;
			while ((entry = reader.next(index)) != null) {
				replay.accept(entry);
				if (entry.type() != HEADS) {
					index++;
				}
				position = reader.position();
			}
		}
		return new long[] { index, position };
	}

	/**
	 * Appends one entry (not yet durable: call {@link #awaitDurable}).
	 * @return the entry's index
	 * @throws JournalException when the journal is failed or over its bound, or the write
	 * fails
	 */
	long write(byte type, byte[] payload) {
		// An interrupt closes a FileChannel that is being written, for every caller: a
		// pending interrupt is held back while writing and handed back afterwards.
		boolean interrupted = Thread.interrupted();
		this.writeLock.lock();
		try {
			String failed = this.failure;
			if (failed != null) {
				throw new JournalException(failed, null);
			}
			if (this.totalBytes - releasedBytes() > this.maxBytes) {
				throw new JournalException(
						"the audit journal in " + this.dir + " is over its bound of " + (this.maxBytes >> 20)
								+ " MiB with " + backlog() + " entries not yet shipped to Elasticsearch",
						null);
			}
			if (this.currentSize >= this.segmentBytes) {
				rollOver();
			}
			try {
				writeFrame(this.current, type, payload);
			}
			catch (ClosedByInterruptException ex) {
				// Interrupted during the write itself. The frame is written at its
				// position
				// and counted only once written, so it can be written again, on a new
				// channel.
				interrupted |= Thread.interrupted();
				this.current = FileChannel.open(this.dir.resolve(name(this.currentFirst)), StandardOpenOption.WRITE,
						StandardOpenOption.READ);
				writeFrame(this.current, type, payload);
			}
			return this.nextIndex++;
		}
		catch (IOException ex) {
			throw fail("cannot write the audit journal in " + this.dir + ": " + describe(ex), ex);
		}
		finally {
			this.writeLock.unlock();
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void writeFrame(FileChannel channel, byte type, byte[] payload) throws IOException {
		if (payload.length > MAX_ENTRY) {
			// Refused before anything is written: the journal stays usable.
			throw new JournalException(
					"an audit entry of " + payload.length + " bytes is over the journal's limit of 16 MiB per entry",
					null);
		}
		CRC32C crc = new CRC32C();
		crc.update(type);
		crc.update(payload);
		ByteBuffer frame = frameBuffer(HEADER + payload.length);
		frame.putInt(payload.length + 1).putInt((int) crc.getValue()).put(type).put(payload).flip();
		zeroFill(channel, this.currentSize + frame.limit());
		long at = this.currentSize;
		while (frame.hasRemaining()) {
			at += channel.write(frame, at);
		}
		this.currentSize += frame.limit();
		this.totalBytes += frame.limit();
		this.segments.put(this.currentFirst, this.currentSize);
	}

	/**
	 * A cleared buffer for one frame: the same direct buffer for every frame up to
	 * {@link #REUSED_FRAME} bytes (a heap buffer is copied into a temporary direct one by
	 * every channel write, and was about a twentieth of the proxy's allocation per call),
	 * a heap buffer for the rare larger one. Called with writeLock held.
	 */
	private ByteBuffer frameBuffer(int size) {
		if (size > REUSED_FRAME) {
			return ByteBuffer.allocate(size);
		}
		if (this.frame == null || this.frame.capacity() < size) {
			this.frame = ByteBuffer.allocateDirect(Math.min(REUSED_FRAME, Integer.highestOneBit(size - 1) << 1));
		}
		return this.frame.clear();
	}

	/**
	 * Writes zeros ahead of the segment's end once an entry would pass what is filled.
	 * Not synced here: the next sync writes them with the entries, once per
	 * {@link #ZERO_FILL} bytes, and later syncs find the blocks already allocated.
	 */
	private void zeroFill(FileChannel channel, long end) throws IOException {
		if (end <= this.currentFilled) {
			return;
		}
		long target = Math.max(end, Math.min(end + ZERO_FILL, this.segmentBytes));
		long at = Math.max(this.currentFilled, this.currentSize);
		while (at < target) {
			ByteBuffer zeros = ZEROS.duplicate().clear();
			zeros.limit((int) Math.min(zeros.capacity(), target - at));
			while (zeros.hasRemaining()) {
				at += channel.write(zeros, at);
			}
		}
		this.currentFilled = target;
	}

	/**
	 * Forces and closes the current segment and starts the next. The force counts as a
	 * sync like any other, in the order it started: entries become durable by it only
	 * once every sync started before it has succeeded (one of those may still fail, and
	 * then this one must not make their entries durable). Called with writeLock held.
	 */
	private void rollOver() throws IOException {
		Sync sync;
		synchronized (this.syncMonitor) {
			sync = new Sync(this.epoch);
			sync.channel = this.currentSyncs;
			sync.target = this.nextIndex;
			sync.size = this.currentSize;
			this.syncs.addLast(sync);
		}
		IOException error = null;
		try {
			this.current.truncate(this.currentSize);
			this.forcer.force(this.currentSyncs);
		}
		catch (IOException ex) {
			error = ex;
		}
		synchronized (this.syncMonitor) {
			try {
				if (error != null) {
					this.syncs.remove(sync);
					// Not "failed" here: write() fails the journal with this error.
				}
				else {
					sync.done = true;
				}
			}
			finally {
				settle();
			}
		}
		if (error != null) {
			throw error;
		}
		closeQuietly(this.current);
		closeQuietly(this.currentSyncs);
		startSegment();
	}

	private void startSegment() throws IOException {
		this.currentFirst = this.nextIndex;
		Path file = this.dir.resolve(name(this.currentFirst));
		boolean exists = Files.exists(file);
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.READ);
		AsynchronousFileChannel syncs = null;
		try {
			syncs = AsynchronousFileChannel.open(file, StandardOpenOption.WRITE);
			this.current = channel;
			this.currentSyncs = syncs;
			this.currentSize = channel.size();
			this.currentFilled = this.currentSize;
			if (!exists || this.currentSize == 0) {
				this.segments.put(this.currentFirst, 0L);
				writeFrame(channel, HEADS, this.heads.get());
				syncs.force(false);
				forceDirectory();
			}
		}
		catch (IOException | RuntimeException ex) {
			// Nothing else would close them (a journal that failed to open is dropped).
			closeQuietly(channel);
			if (syncs != null) {
				closeQuietly(syncs);
			}
			throw ex;
		}
		this.durableSizeOfCurrent = this.currentSize;
	}

	private void forceDirectory() throws IOException {
		try (FileChannel directory = FileChannel.open(this.dir, StandardOpenOption.READ)) {
			directory.force(true);
		}
	}

	/**
	 * Returns once the entry with this index (and every earlier one) is on disk.
	 * <p>
	 * The caller forces the file itself unless a sync that started after its entry was
	 * written is already under way (then it waits for that one). Up to
	 * {@link #CONCURRENT_SYNCS} syncs overlap: an entry written while a sync runs starts
	 * the next sync at once instead of waiting for the running one to end first, so an
	 * append waits for about one sync, not one and a half. Two {@code fdatasync} calls on
	 * one file overlap on ext4 (measured by {@code SyncLatencyProbe}: the slower of two
	 * simultaneous syncs takes about 1.2 times one sync). Syncs count in the order they
	 * started: a sync's entries are durable once it and every sync started before it
	 * succeeded, and a failed sync fails every later one, so an error that the kernel
	 * reports to only one of two overlapping syncs still refuses every entry after it.
	 * Four rather than two: when a sync is slow (the disk busy with other writes), a
	 * third caller used to wait for one of the two under way to end and then force again;
	 * the proxy's added p99 at 1,000 calls/s fell from 7.1 and 4.8 ms to 5.2 and 4.2 ms
	 * in two back-to-back pairs (ADR 009).
	 * @param index the entry's index, from {@link #write}
	 * @param writtenIn the {@link #epoch()} the entry was written in: entries of an
	 * earlier open may have been cut off by {@link #reopen}
	 * @throws JournalException when the journal cannot force its file
	 */
	void awaitDurable(long index, long writtenIn) {
		while (true) {
			Sync sync;
			synchronized (this.syncMonitor) {
				if (this.epoch != writtenIn) {
					throw new JournalException(
							(this.failure != null) ? this.failure
									: "the audit journal in " + this.dir + " was reopened before the entry was durable",
							null);
				}
				if (this.durableIndex > index) {
					return;
				}
				if (this.failure != null) {
					throw new JournalException(this.failure, null);
				}
				if (coveredBySyncUnderWay(index) || this.syncs.size() >= CONCURRENT_SYNCS) {
					try {
						this.syncMonitor.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new JournalException("interrupted while waiting for the audit journal", ex);
					}
					continue;
				}
				sync = new Sync(this.epoch);
				this.syncs.addLast(sync);
			}
			sync(sync);
		}
	}

	/** Forces the current segment for a sync that was queued, and counts it. */
	private void sync(Sync sync) {
		AsynchronousFileChannel channel;
		long target;
		long size;
		this.writeLock.lock();
		try {
			channel = this.currentSyncs;
			target = this.nextIndex;
			size = this.currentSize;
		}
		finally {
			this.writeLock.unlock();
		}
		synchronized (this.syncMonitor) {
			sync.channel = channel;
			sync.target = target;
			sync.size = size;
		}
		IOException error = null;
		try {
			this.forcer.force(channel);
		}
		catch (ClosedChannelException ex) {
			// Rolled over or closed meanwhile: the roll-over or close forced this segment
			// itself. Closed for any other reason: not durable.
			if (!forcedBeforeClosing(channel)) {
				error = ex;
			}
		}
		catch (IOException ex) {
			error = ex;
		}
		synchronized (this.syncMonitor) {
			try {
				if (error != null && sync.epoch == this.epoch) {
					this.syncs.remove(sync);
					throw fail("cannot force the audit journal to disk in " + this.dir + ": " + describe(error), error);
				}
				// Done. (One that failed after a reopen counts for nothing: the reopen
				// decided what is kept, and settle skips syncs of an earlier open.)
				sync.done = true;
			}
			finally {
				settle();
			}
		}
	}

	/**
	 * Counts the finished syncs at the head of the queue: each makes its entries durable
	 * unless the journal failed or was reopened since it started. Called with the monitor
	 * held.
	 */
	private void settle() {
		while (!this.syncs.isEmpty() && this.syncs.peekFirst().done) {
			Sync first = this.syncs.removeFirst();
			if (first.epoch == this.epoch && this.failure == null) {
				this.durableIndex = Math.max(this.durableIndex, first.target);
				if (first.channel == this.currentSyncs) {
					this.durableSizeOfCurrent = Math.max(this.durableSizeOfCurrent, first.size);
				}
			}
		}
		this.syncMonitor.notifyAll();
	}

	/**
	 * Whether a sync under way will make this entry durable: one that has not yet read
	 * the journal's end, or one whose end lies beyond the entry. Called with the monitor
	 * held.
	 */
	private boolean coveredBySyncUnderWay(long index) {
		for (Sync sync : this.syncs) {
			if (sync.epoch == this.epoch && (sync.channel == null || sync.target > index)) {
				return true;
			}
		}
		return false;
	}

	/** Whether a roll-over or {@link #close} forced this channel before closing it. */
	private boolean forcedBeforeClosing(AsynchronousFileChannel channel) {
		this.writeLock.lock();
		try {
			return channel == this.forcedOnClose
					|| (channel != this.currentSyncs && this.currentSyncs != null && this.currentSyncs.isOpen());
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private JournalException fail(String reason, Exception cause) {
		this.failure = reason;
		logger.error("Audit journal failed: {}", reason);
		synchronized (this.syncMonitor) {
			this.syncMonitor.notifyAll();
		}
		return new JournalException(reason, cause);
	}

	/**
	 * Closes the journal and opens it again from disk, as after a restart: entries that
	 * were written but never made durable are cut off where the file allows it.
	 * @throws IOException when it still cannot be opened
	 */
	void reopen(Consumer<Entry> replay) throws IOException {
		// As in write(): a caller's pending interrupt would close the channels recovery
		// opens.
		boolean interrupted = Thread.interrupted();
		this.writeLock.lock();
		try {
			if (this.current != null && this.current.isOpen()) {
				try {
					long durableSize;
					synchronized (this.syncMonitor) {
						durableSize = this.durableSizeOfCurrent;
					}
					this.current.truncate(durableSize);
				}
				catch (IOException ex) {
					// Still failing; the recovery below decides.
				}
				closeQuietly(this.current);
			}
			if (this.currentSyncs != null) {
				closeQuietly(this.currentSyncs);
			}
			this.current = null;
			this.currentSyncs = null;
			recover(replay);
		}
		finally {
			this.writeLock.unlock();
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Marks every entry below {@code index} as shipped and deletes segments that hold
	 * only such entries.
	 */
	void release(long index) throws IOException {
		writeShipped(index);
		this.released = index;
		List<Long> released = new ArrayList<>();
		this.writeLock.lock();
		try {
			List<Long> firsts = new ArrayList<>(this.segments.keySet());
			for (int i = 0; i + 1 < firsts.size(); i++) {
				long first = firsts.get(i);
				if (firsts.get(i + 1) <= index && first != this.currentFirst) {
					this.totalBytes -= this.segments.remove(first);
					released.add(first);
				}
			}
		}
		finally {
			this.writeLock.unlock();
		}
		// Renamed outside the write lock, and cut down and deleted later on a thread of
		// its own, in paced steps: on a filesystem with online discard, unlinking a 64 MB
		// segment at once took 28-51 ms and stalled every fdatasync meanwhile (ADR 009,
		// 2026-11-25 addendum). A crash before the rename leaves a shipped segment, which
		// the next open ships again; one after it leaves a renamed file, which the next
		// open deletes.
		synchronized (this.segmentFiles) {
			for (long first : released) {
				Path shipped = this.dir.resolve(name(first) + SHIPPED_SUFFIX);
				try {
					Files.move(this.dir.resolve(name(first)), shipped, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (NoSuchFileException ex) {
					continue;
				}
				this.shippedSegments.add(shipped);
			}
			if (!this.shippedSegments.isEmpty() && (this.trimmer == null || !this.trimmer.isAlive())) {
				this.trimmer = Thread.ofPlatform().daemon().name("aigov-journal-trim").start(this::trimShipped);
			}
		}
	}

	/**
	 * Cuts each shipped segment down by {@link #TRIM_STEP} every {@link #TRIM_PAUSE_MS}
	 * (without pauses once more than {@link #TRIM_BACKLOG} wait), then deletes it; ends
	 * when interrupted ({@link #close}), leaving the rest to the next open.
	 */
	private void trimShipped() {
		try {
			while (true) {
				Path file = this.shippedSegments.take();
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
					long size = channel.size();
					while (size > 0) {
						size = Math.max(0, size - TRIM_STEP);
						channel.truncate(size);
						if (size > 0 && this.shippedSegments.size() < TRIM_BACKLOG) {
							Thread.sleep(TRIM_PAUSE_MS);
						}
					}
				}
				catch (NoSuchFileException ex) {
					// Deleted by an open meanwhile.
				}
				catch (ClosedByInterruptException ex) {
					return;
				}
				catch (IOException ex) {
					logger.debug("Could not cut down the shipped journal segment {}: {}", file, describe(ex));
				}
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					logger.warn("Could not delete the shipped journal segment {}: {}", file, describe(ex));
				}
			}
		}
		catch (InterruptedException ex) {
			// Closed.
		}
	}

	/** The shipped offset: entries below it are in Elasticsearch. */
	long released() {
		return this.released;
	}

	/**
	 * Counts the opens of this journal; read it where no reopen can happen between
	 * {@link #write} and reading it.
	 */
	long epoch() {
		synchronized (this.syncMonitor) {
			return this.epoch;
		}
	}

	/** Entries below this index may be read (they are durable). */
	long durableIndex() {
		synchronized (this.syncMonitor) {
			return this.durableIndex;
		}
	}

	long nextIndex() {
		this.writeLock.lock();
		try {
			return this.nextIndex;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	long backlog() {
		return Math.max(0, this.nextIndex - this.released);
	}

	long bytes() {
		return this.totalBytes;
	}

	long maxBytes() {
		return this.maxBytes;
	}

	Path dir() {
		return this.dir;
	}

	/** Why the journal refuses writes, or {@code null} when it accepts them. */
	String failure() {
		return this.failure;
	}

	private long releasedBytes() {
		long bytes = 0;
		long released = this.released;
		Long previous = null;
		for (Map.Entry<Long, Long> segment : this.segments.entrySet()) {
			if (previous != null && segment.getKey() <= released) {
				bytes += this.segments.get(previous);
			}
			previous = segment.getKey();
		}
		return bytes;
	}

	/**
	 * A reader of durable entries from a given index, for the shipper. Not thread-safe.
	 */
	Reader reader() {
		return new Reader();
	}

	@Override
	public void close() {
		// As in write(): an interrupt must not close the channel before it is forced.
		boolean interrupted = Thread.interrupted();
		this.writeLock.lock();
		try {
			if (this.currentSyncs != null && this.currentSyncs.isOpen()) {
				try {
					try {
						this.current.truncate(this.currentSize);
					}
					catch (IOException ex) {
						// The zero fill stays; the next open cuts it off.
					}
					this.currentSyncs.force(false);
					this.forcedOnClose = this.currentSyncs;
				}
				catch (IOException ex) {
					logger.warn("Could not force the audit journal on close: {}", describe(ex));
				}
				closeQuietly(this.current);
				closeQuietly(this.currentSyncs);
			}
		}
		finally {
			this.writeLock.unlock();
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this.segmentFiles) {
			if (this.trimmer != null) {
				// What it has not deleted yet, the next open deletes.
				this.trimmer.interrupt();
			}
		}
	}

	private long readShipped() throws IOException {
		Path file = this.dir.resolve(SHIPPED);
		try {
			return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		catch (NumberFormatException ex) {
			logger.warn("Unreadable shipped offset in {}; shipping again from the oldest segment", file);
			return 0;
		}
	}

	private void writeShipped(long index) throws IOException {
		// No fsync needed: an older offset after a crash only ships again, and
		// Elasticsearch answers 409 for what it already has.
		Path temporary = this.dir.resolve(SHIPPED + ".tmp");
		Files.writeString(temporary, Long.toString(index), StandardCharsets.US_ASCII);
		Files.move(temporary, this.dir.resolve(SHIPPED), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

	private static String name(long first) {
		return "%020d%s".formatted(first, SUFFIX);
	}

	private static long firstIndex(Path file) {
		String name = file.getFileName().toString();
		return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
	}

	private static String describe(IOException ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
	}

	private static void closeQuietly(java.nio.channels.Channel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Closing after a failure.
		}
	}

	/**
	 * One journal entry. HEADS entries carry the index of the entry that follows them.
	 */
	record Entry(long index, byte type, byte[] payload) {
	}

	/**
	 * Makes a segment's written bytes durable: {@code force(false)} on its sync channel;
	 * tests slow it.
	 */
	@FunctionalInterface
	interface Forcer {

		void force(AsynchronousFileChannel channel) throws IOException;

	}

	/** A sync under way; its end is read once it started. Guarded by syncMonitor. */
	private static final class Sync {

		final long epoch;

		AsynchronousFileChannel channel;

		long target;

		long size;

		boolean done;

		Sync(long epoch) {
			this.epoch = epoch;
		}

	}

	/** Thrown when an entry cannot be written or made durable. */
	static final class JournalException extends RuntimeException {

		JournalException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** Reads frames from a channel; stops at the first incomplete or damaged one. */
	private static final class FrameReader {

		private final FileChannel channel;

		private final ByteBuffer header = ByteBuffer.allocate(HEADER);

		private long position;

		FrameReader(FileChannel channel) {
			this(channel, 0);
		}

		FrameReader(FileChannel channel, long position) {
			this.channel = channel;
			this.position = position;
		}

		long position() {
			return this.position;
		}

		Entry next(long index) throws IOException {
			this.header.clear();
			if (!readFully(this.header, this.position)) {
				return null;
			}
			this.header.flip();
			int length = this.header.getInt();
			int crc = this.header.getInt();
			byte type = this.header.get();
			if (length < 1 || length > MAX_ENTRY + 1 || type < RECORD || type > HEADS) {
				return null;
			}
			ByteBuffer payload = ByteBuffer.allocate(length - 1);
			if (!readFully(payload, this.position + HEADER)) {
				return null;
			}
			CRC32C check = new CRC32C();
			check.update(type);
			check.update(payload.array());
			if ((int) check.getValue() != crc) {
				return null;
			}
			this.position += HEADER + length - 1;
			return new Entry(index, type, payload.array());
		}

		private boolean readFully(ByteBuffer buffer, long at) throws IOException {
			long offset = at;
			while (buffer.hasRemaining()) {
				int read = this.channel.read(buffer, offset);
				if (read < 0) {
					return false;
				}
				offset += read;
			}
			return true;
		}

	}

	/** Reads durable entries in order, across segments, skipping HEADS. */
	final class Reader implements AutoCloseable {

		private long segmentFirst = -1;

		private FileChannel channel;

		private FrameReader frames;

		private long index;

		/**
		 * Reads up to {@code max} entries starting at {@code from} (records and
		 * checkpoints), never past the durable index.
		 */
		List<Entry> read(long from, int max) {
			return read(from, max, Long.MAX_VALUE);
		}

		/**
		 * Reads up to {@code max} entries starting at {@code from}, never past the
		 * durable index, and stops after the entry that brings their payloads to
		 * {@code maxBytes} or more: at least one entry, at most {@code maxBytes} plus one
		 * entry's size.
		 */
		List<Entry> read(long from, int max, long maxBytes) {
			List<Entry> entries = new ArrayList<>();
			long bytes = 0;
			long limit = durableIndex();
			try {
				if (this.channel == null || from != this.index) {
					position(from);
				}
				while (this.index < limit && entries.size() < max && bytes < maxBytes) {
					Entry entry = (this.frames != null) ? this.frames.next(this.index) : null;
					if (entry == null) {
						if (!nextSegment()) {
							break;
						}
						continue;
					}
					if (entry.type() == HEADS) {
						continue;
					}
					entries.add(entry);
					bytes += entry.payload().length;
					this.index++;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read the audit journal in " + Journal.this.dir, ex);
			}
			return entries;
		}

		private void position(long from) throws IOException {
			Long first;
			Journal.this.writeLock.lock();
			try {
				first = Journal.this.segments.floorKey(from);
			}
			finally {
				Journal.this.writeLock.unlock();
			}
			if (first == null) {
				throw new IOException("no segment holds entry " + from);
			}
			open(first);
			while (this.index < from) {
				Entry entry = this.frames.next(this.index);
				if (entry == null) {
					throw new IOException("entry " + from + " is not in segment " + name(first));
				}
				if (entry.type() != HEADS) {
					this.index++;
				}
			}
		}

		private boolean nextSegment() throws IOException {
			Long next;
			Journal.this.writeLock.lock();
			try {
				next = Journal.this.segments.higherKey(this.segmentFirst);
			}
			finally {
				Journal.this.writeLock.unlock();
			}
			if (next == null || next > this.index) {
				return false;
			}
			open(next);
			return true;
		}

		private void open(long first) throws IOException {
			close();
			this.channel = FileChannel.open(Journal.this.dir.resolve(name(first)), StandardOpenOption.READ);
			this.frames = new FrameReader(this.channel);
			this.segmentFirst = first;
			this.index = first;
		}

		@Override
		public void close() {
			if (this.channel != null) {
				closeQuietly(this.channel);
				this.channel = null;
			}
		}

	}

}
