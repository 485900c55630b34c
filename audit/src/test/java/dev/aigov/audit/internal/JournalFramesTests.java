package dev.aigov.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries of every size come back byte for byte (frames up to 1 MiB share one reused
 * buffer, larger ones do not, and a short frame after a long one must not carry any of
 * it), and released segments go while the rest stay readable.
 */
class JournalFramesTests {

	@TempDir
	Path dir;

	@Test
	void entriesSmallAndLargeInAnyOrderReadBackAsWritten() throws IOException {
		Random random = new Random(7);
		List<byte[]> written = new ArrayList<>();
		for (int size : new int[] { 0, 1, 700, 300_000, 9, (1 << 20) - 9, (1 << 20) - 8, 2_500_000, 3, 64 * 1024 }) {
			byte[] payload = new byte[size];
			random.nextBytes(payload);
			written.add(payload);
		}
		List<byte[]> replayed = new ArrayList<>();
		try (Journal journal = open(replayed)) {
			long last = -1;
			for (byte[] payload : written) {
				last = journal.write(Journal.RECORD, payload);
			}
			journal.awaitDurable(last, journal.epoch());
			try (Journal.Reader reader = journal.reader()) {
				List<Journal.Entry> read = reader.read(0, 100);
				assertThat(read).hasSize(written.size());
				for (int i = 0; i < written.size(); i++) {
					assertThat(Arrays.equals(read.get(i).payload(), written.get(i))).as("entry %d", i).isTrue();
				}
			}
		}
		// And after a restart, from the segment on disk.
		replayed.clear();
		try (Journal reopened = open(replayed)) {
			assertThat(replayed).hasSize(written.size());
			for (int i = 0; i < written.size(); i++) {
				assertThat(Arrays.equals(replayed.get(i), written.get(i))).as("entry %d", i).isTrue();
			}
		}
	}

	@Test
	void releasedSegmentsAreDeletedAndTheRestReplayAfterARestart() throws IOException {
		byte[] payload = new byte[3000];
		List<byte[]> replayed = new ArrayList<>();
		try (Journal journal = open(replayed, 16 * 1024)) {
			long last = -1;
			for (int i = 0; i < 40; i++) {
				last = journal.write(Journal.RECORD, payload);
			}
			journal.awaitDurable(last, journal.epoch());
			assertThat(segments()).hasSizeGreaterThan(4);
			long before = journal.bytes();
			journal.release(30);
			// Every segment that holds only entries below 30 is gone, on disk and in the
			// count; the one holding entry 30 stays.
			List<Long> firsts = segments();
			assertThat(firsts.get(0)).isLessThanOrEqualTo(30).isGreaterThan(0);
			assertThat(journal.bytes()).isLessThan(before);
			assertThat(journal.released()).isEqualTo(30);
			// Renamed at once, then cut down and deleted by the trimming thread.
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!shipped().isEmpty() && System.nanoTime() < deadline) {
				LockSupport.parkNanos(10_000_000);
			}
			assertThat(shipped()).isEmpty();
		}
		// A segment renamed before a stop and not yet deleted is deleted by the next
		// open,
		// and is not read as part of the journal.
		Files.write(this.dir.resolve("00000000000000000003.seg.shipped"), new byte[4096]);
		replayed.clear();
		try (Journal reopened = open(replayed, 16 * 1024)) {
			assertThat(reopened.released()).isEqualTo(30);
			assertThat(reopened.nextIndex()).isEqualTo(40);
			assertThat(shipped()).isEmpty();
			try (Journal.Reader reader = reopened.reader()) {
				assertThat(reader.read(30, 100)).extracting(Journal.Entry::index)
					.containsExactly(30L, 31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L);
			}
		}
	}

	private List<String> shipped() throws IOException {
		try (var files = Files.list(this.dir)) {
			return files.map((p) -> p.getFileName().toString()).filter((n) -> n.endsWith(".seg.shipped")).toList();
		}
	}

	private List<Long> segments() throws IOException {
		try (var files = Files.list(this.dir)) {
			return files.map((p) -> p.getFileName().toString())
				.filter((n) -> n.endsWith(".seg"))
				.map((n) -> Long.parseLong(n.substring(0, n.length() - 4)))
				.sorted()
				.toList();
		}
	}

	/**
	 * A journal that cannot start its segment (here its HEADS payload fails; a full disk
	 * does the same) closes what it opened: the audit log retries every second while the
	 * disk stays full, and must not run out of descriptors meanwhile.
	 */
	@Test
	void aJournalThatFailsToOpenLeavesNoFileOpen() throws IOException {
		Path descriptors = Path.of("/proc/self/fd");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(descriptors));
		long before = count(descriptors);
		for (int i = 0; i < 50; i++) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> Journal.open(this.dir, 1 << 20, 1L << 30, () -> {
				throw new IllegalStateException("no heads");
			}, (entry) -> {
			})).isInstanceOf(IllegalStateException.class);
		}
		assertThat(count(descriptors)).isLessThan(before + 10);
	}

	private static long count(Path directory) throws IOException {
		try (java.util.stream.Stream<Path> files = Files.list(directory)) {
			return files.count();
		}
	}

	private Journal open(List<byte[]> records) throws IOException {
		return open(records, 64L << 20);
	}

	private Journal open(List<byte[]> records, long segmentBytes) throws IOException {
		return Journal.open(this.dir, segmentBytes, 1L << 30, () -> "{\"streams\":{}}".getBytes(StandardCharsets.UTF_8),
				(entry) -> {
					if (entry.type() == Journal.RECORD) {
						records.add(entry.payload());
					}
				});
	}

}
