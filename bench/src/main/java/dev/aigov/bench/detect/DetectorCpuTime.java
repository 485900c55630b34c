package dev.aigov.bench.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import dev.aigov.detect.DetectorSuite;
import dev.aigov.detect.HoldBackWindow;

/**
 * The CPU time (not wall time) one scan of each {@link DetectorBenchmark} prompt costs:
 * on a shared, overloaded machine JMH's wall-clock figures mostly measure waiting for a
 * core, the thread's CPU time does not. Prints the best of ten rounds after warm-up.
 *
 * <pre>
 * java -cp detectors/target/classes:bench/target/classes:$(jmh-core jar) dev.aigov.bench.detect.DetectorCpuTime
 * </pre>
 */
public final class DetectorCpuTime {

	private DetectorCpuTime() {
	}

	public static void main(String[] args) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		DetectorSuite suite = DetectorSuite.defaults();
		long sink = 0;
		for (String name : List.of("clean", "hits", "code")) {
			String text = DetectorBenchmark.oneKilobyte(DetectorBenchmark.source(name));
			double bestScan = Double.MAX_VALUE;
			double bestStream = Double.MAX_VALUE;
			for (int round = 0; round < 13; round++) {
				int scans = 100_000;
				long start = threads.getCurrentThreadCpuTime();
				for (int k = 0; k < scans; k++) {
					sink += suite.scan(text).size();
				}
				double scan = (threads.getCurrentThreadCpuTime() - start) / 1e3 / scans;
				int streams = 2_000;
				start = threads.getCurrentThreadCpuTime();
				for (int k = 0; k < streams; k++) {
					HoldBackWindow window = suite.newWindow();
					for (int c = 0; c < text.length(); c += 8) {
						sink += window.accept(text.substring(c, Math.min(text.length(), c + 8))).hits().size();
					}
					sink += window.finish().hits().size();
				}
				double stream = (threads.getCurrentThreadCpuTime() - start) / 1e3 / streams;
				if (round >= 3) {
					bestScan = Math.min(bestScan, scan);
					bestStream = Math.min(bestStream, stream);
				}
			}
			System.out.printf("%-6s scan %6.2f us CPU, streamed in 8-char chunks %7.1f us CPU%n", name, bestScan,
					bestStream);
		}
		System.out.println("(checksum " + sink + ")");
	}

}
