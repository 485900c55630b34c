package dev.aigov.bench.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.LockSupport;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * How long one durable write of about 1 KiB takes on this disk, paced at a fixed rate, by
 * the primitives an audit journal could use (ADR 016):
 * <ol>
 * <li>{@code force}: positional write, then {@code FileChannel.force(false)}
 * ({@code fdatasync}), over zero-filled blocks (the journal before ADR 016);</li>
 * <li>{@code force-growing}: the same on a file that grows with every write;</li>
 * <li>{@code dsync}: a channel opened with {@code DSYNC}, over zero-filled blocks;</li>
 * <li>{@code direct}: {@code DIRECT} + {@code DSYNC}, rewriting the 4 KiB-aligned blocks
 * that hold each record from an aligned direct buffer;</li>
 * <li>{@code force-2files}: two threads, each writing and forcing its own file at the
 * same instants (does a second concurrent {@code fdatasync} overlap the first or queue
 * behind it?);</li>
 * <li>{@code force-1file}: two threads writing adjacent records to one file and forcing
 * it at the same instants;</li>
 * <li>{@code dsync-2files}: as {@code force-2files} with {@code DSYNC} channels;</li>
 * <li>{@code force-beside=N}: {@code force} while another file grows and is forced N
 * times a second (Elasticsearch's translog, once per bulk request).</li>
 * </ol>
 * Arguments: {@code
 *
<dir>
 *  [rate=1000] [seconds=5] [size=1024] [primitive...]} (all when none is named). Run:
 * {@code mvn -B -q -o -pl bench -am compile -Dspring-javaformat.skip=true && java -cp bench/target/classes dev.aigov.bench.audit.SyncLatencyProbe /var/tmp/syncprobe}
 * (the directory must be on the disk under test, not a tmpfs).
 */
public final class SyncLatencyProbe {

	private static final int BLOCK = 4096;

	private static final long FILE_BYTES = 64L << 20;

	private SyncLatencyProbe() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Files.createDirectories(Path.of(args[0]));
		int rate = 1000;
		int seconds = 5;
		int size = 1024;
		java.util.List<String> primitives = new java.util.ArrayList<>();
		for (String arg : Arrays.asList(args).subList(1, args.length)) {
			if (arg.startsWith("rate=")) {
				rate = Integer.parseInt(arg.substring(5));
			}
			else if (arg.startsWith("seconds=")) {
				seconds = Integer.parseInt(arg.substring(8));
			}
			else if (arg.startsWith("size=")) {
				size = Integer.parseInt(arg.substring(5));
			}
			else {
				primitives.add(arg);
			}
		}
		if (primitives.isEmpty()) {
			primitives = java.util.List.of("force", "force-growing", "dsync", "direct", "force-2files", "force-1file",
					"dsync-2files");
		}
		int count = rate * seconds;
		System.out.printf("%,d writes of %,d bytes at %,d/s in %s%n", count, size, rate, dir);
		for (String primitive : primitives) {
			switch (primitive) {
				case "force" -> report(primitive, single(dir, rate, count, size, false, true));
				case "force-growing" -> report(primitive, single(dir, rate, count, size, false, false));
				case "dsync" -> report(primitive, single(dir, rate, count, size, true, true));
				case "direct" -> report(primitive, direct(dir, rate, count, size));
				case "force-2files" -> pair(primitive, dir, rate, count, size, false, true);
				case "force-1file" -> pair(primitive, dir, rate, count, size, false, false);
				case "dsync-2files" -> pair(primitive, dir, rate, count, size, true, true);
				case String other when other.startsWith("force-beside=") ->
					beside(other, dir, rate, count, size, Integer.parseInt(other.substring("force-beside=".length())));
				default -> throw new IllegalArgumentException("unknown primitive " + primitive);
			}
		}
	}

	/**
	 * Writes {@code count} records at {@code rate} to one file; returns latencies (ns).
	 */
	private static long[] single(Path dir, int rate, int count, int size, boolean dsync, boolean zeroFilled)
			throws IOException {
		Path file = dir.resolve("probe.seg");
		Files.deleteIfExists(file);
		if (zeroFilled) {
			zeroFill(file);
		}
		try (FileChannel channel = FileChannel.open(file, options(dsync))) {
			ByteBuffer record = record(size);
			long[] latencies = new long[count];
			long start = System.nanoTime() + 10_000_000;
			long interval = 1_000_000_000L / rate;
			long position = 0;
			for (int i = 0; i < count; i++) {
				pace(start + i * interval);
				long begin = System.nanoTime();
				position += write(channel, record.clear(), position);
				if (!dsync) {
					channel.force(false);
				}
				latencies[i] = System.nanoTime() - begin;
			}
			return latencies;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * Appends records into a 4 KiB-aligned buffer and writes, with DIRECT and DSYNC, the
	 * aligned blocks that the new record touches.
	 */
	private static long[] direct(Path dir, int rate, int count, int size) throws IOException {
		Path file = dir.resolve("probe.seg");
		Files.deleteIfExists(file);
		zeroFill(file);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC,
				ExtendedOpenOption.DIRECT)) {
			ByteBuffer blocks = ByteBuffer.allocateDirect(BLOCK * 64 + BLOCK).alignedSlice(BLOCK);
			byte[] record = new byte[size];
			Arrays.fill(record, (byte) 'x');
			long[] latencies = new long[count];
			long start = System.nanoTime() + 10_000_000;
			long interval = 1_000_000_000L / rate;
			long position = 0;
			for (int i = 0; i < count; i++) {
				pace(start + i * interval);
				long begin = System.nanoTime();
				long blockStart = position & -BLOCK;
				int inBuffer = (int) (position - blockStart);
				if (inBuffer + size > blocks.capacity()) {
					throw new IllegalStateException("record larger than the probe's buffer");
				}
				blocks.put(inBuffer, record);
				long end = position + size;
				int length = (int) (((end + BLOCK - 1) & -BLOCK) - blockStart);
				write(channel, blocks.duplicate().position(0).limit(length), blockStart);
				position = end;
				long newBlockStart = position & -BLOCK;
				if (newBlockStart != blockStart) {
					// Keep the partial tail block at the start of the buffer.
					int tail = (int) (position - newBlockStart);
					ByteBuffer source = blocks.duplicate()
						.position((int) (newBlockStart - blockStart))
						.limit((int) (newBlockStart - blockStart) + tail);
					ByteBuffer copy = ByteBuffer.allocate(tail).put(source).flip();
					blocks.clear().put(copy).clear();
				}
				latencies[i] = System.nanoTime() - begin;
			}
			return latencies;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * Two threads write at the same instants, each to its own file or both to one file,
	 * and make their record durable; prints each thread's latencies and the single-thread
	 * figure would be the comparison.
	 */
	private static void pair(String name, Path dir, int rate, int count, int size, boolean dsync, boolean twoFiles)
			throws Exception {
		Path first = dir.resolve("probe-a.seg");
		Path second = twoFiles ? dir.resolve("probe-b.seg") : first;
		Files.deleteIfExists(first);
		Files.deleteIfExists(second);
		zeroFill(first);
		if (twoFiles) {
			zeroFill(second);
		}
		long[][] latencies = new long[2][count];
		CyclicBarrier barrier = new CyclicBarrier(2);
		long start = System.nanoTime() + 50_000_000;
		long interval = 1_000_000_000L / rate;
		try (FileChannel a = FileChannel.open(first, options(dsync));
				FileChannel b = twoFiles ? FileChannel.open(second, options(dsync)) : a) {
			Thread[] threads = new Thread[2];
			Exception[] failure = new Exception[1];
			for (int t = 0; t < 2; t++) {
				int thread = t;
				FileChannel channel = (t == 0) ? a : b;
				threads[t] = Thread.ofPlatform().start(() -> {
					try {
						barrier.await();
						ByteBuffer record = record(size);
						for (int i = 0; i < count; i++) {
							// One file: the two threads' records lie side by side.
							long position = twoFiles ? (long) i * size : (2L * i + thread) * size;
							pace(start + i * interval);
							long begin = System.nanoTime();
							write(channel, record.clear(), position);
							if (!dsync) {
								channel.force(false);
							}
							latencies[thread][i] = System.nanoTime() - begin;
						}
					}
					catch (Exception ex) {
						failure[0] = ex;
					}
				});
			}
			for (Thread thread : threads) {
				thread.join();
			}
			if (failure[0] != null) {
				throw failure[0];
			}
		}
		finally {
			Files.deleteIfExists(first);
			Files.deleteIfExists(second);
		}
		report(name + " thread 1", latencies[0]);
		report(name + " thread 2", latencies[1]);
		long[] slower = new long[count];
		for (int i = 0; i < count; i++) {
			slower[i] = Math.max(latencies[0][i], latencies[1][i]);
		}
		report(name + " slower of the pair", slower);
	}

	/**
	 * {@code force} while another thread grows a second file by 4 KiB and forces it
	 * ({@code fsync}, size and all) {@code perSecond} times a second, as Elasticsearch's
	 * translog does once per bulk request of the shipper.
	 */
	private static void beside(String name, Path dir, int rate, int count, int size, int perSecond) throws Exception {
		Path other = dir.resolve("probe-translog");
		Files.deleteIfExists(other);
		Thread background = null;
		boolean[] stop = { false };
		if (perSecond > 0) {
			background = Thread.ofPlatform().daemon().start(() -> {
				try (FileChannel channel = FileChannel.open(other, StandardOpenOption.CREATE,
						StandardOpenOption.WRITE)) {
					ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
					long start = System.nanoTime();
					long interval = 1_000_000_000L / perSecond;
					for (long i = 0; !stop[0]; i++) {
						pace(start + i * interval);
						write(channel, block.clear(), i * BLOCK);
						channel.force(true);
					}
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
		}
		try {
			report(name, single(dir, rate, count, size, false, true));
		}
		finally {
			stop[0] = true;
			if (background != null) {
				background.join();
			}
			Files.deleteIfExists(other);
		}
	}

	private static OpenOption[] options(boolean dsync) {
		return dsync
				? new OpenOption[] { StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.DSYNC }
				: new OpenOption[] { StandardOpenOption.CREATE, StandardOpenOption.WRITE };
	}

	private static void zeroFill(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
			for (long at = 0; at < FILE_BYTES; at += zeros.capacity()) {
				write(channel, zeros.clear(), at);
			}
			channel.force(true);
		}
	}

	private static ByteBuffer record(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'x');
		return ByteBuffer.allocateDirect(size).put(bytes).flip();
	}

	private static int write(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		int written = 0;
		while (buffer.hasRemaining()) {
			written += channel.write(buffer, position + written);
		}
		return written;
	}

	private static void pace(long due) {
		long wait;
		while ((wait = due - System.nanoTime()) > 0) {
			LockSupport.parkNanos(wait);
		}
	}

	private static void report(String name, long[] latencies) {
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		System.out.printf("%-28s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n", name, quantile(sorted, 0.5),
				quantile(sorted, 0.9), quantile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
	}

	private static double quantile(long[] sorted, double q) {
		return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
	}

}
