package dev.aigov.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeImporter;
import dev.aigov.registry.ResumeQueries;
import dev.aigov.registry.ResumeReader;
import dev.aigov.registry.SparqlQueries;
import dev.aigov.registry.Role;

/**
 * The registry at scale: generates a registry of model versions, dataset versions (in
 * derivation chains), base models with ancestors, training runs and evaluations through
 * the bulk import path (Turtle documents, each one atomic write), then measures the
 * queries a compliance officer runs. Prints the figures; asserts nothing.
 *
 * <pre>
 * mvn -Pbench -pl bench -am -DskipTests verify                       # 10,000 versions, 50,000 datasets
 * mvn -Pbench -pl bench -am -DskipTests verify -Dbench.versions=1000 -Dbench.datasets=5000
 * mvn -Pbench -pl bench -am -DskipTests verify -Dbench.importers=2          # two documents in flight
 * mvn -Pbench -pl bench -am -DskipTests verify -Dbench.warmup=false       # cold JVM, as before ADR 015
 * mvn -Pbench -pl bench -am -DskipTests verify -Dbench.warmup=settled     # warm-up rounds until the JIT quietens
 * </pre>
 */
public final class RegistryBenchmark {

	private static final String PREFIXES = """
			@prefix aigov: <https://aigov.dev/ns#> .
			@prefix dcat: <http://www.w3.org/ns/dcat#> .
			@prefix dcterms: <http://purl.org/dc/terms/> .
			@prefix id: <https://aigov.dev/id/> .
			""";

	private static final int BATCH = 2_000;

	private final int versions;

	private final int datasetVersions;

	private final int iterations;

	private final int importers;

	private final Random random = new Random(42);

	private RegistryBenchmark(int versions, int datasetVersions, int iterations, int importers) {
		this.versions = versions;
		this.datasetVersions = datasetVersions;
		this.iterations = iterations;
		this.importers = importers;
	}

	public static void main(String[] args) throws Exception {
		int versions = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int datasets = (args.length > 1) ? Integer.parseInt(args[1]) : 50_000;
		int importers = (args.length > 2) ? Integer.parseInt(args[2]) : 1;
		String warmUp = (args.length > 3) ? args[3] : "true";
		Path dir = Files.createTempDirectory("aigov-bench-");
		try {
			// A running appliance has compiled its import path long before a bulk import
			// arrives; a fresh JVM spends a third of the import's CPU in the JIT
			// compilers. A tenth of the registry in a store of its own warms it up
			// ("true"). After that one round, C2 still compiles for 4-7 s of the measured
			// import on two cores (ADR 016); "settled" repeats the round, up to six
			// times,
			// until the compilers are busy for less than a tenth of one. "false" measures
			// a
			// cold JVM.
			int rounds = switch (warmUp) {
				case "true" -> 1;
				case "settled" -> 6;
				case "false" -> 0;
				default -> throw new IllegalArgumentException("bench.warmup is true, settled or false, not " + warmUp);
			};
			for (int round = 1; round <= rounds; round++) {
				System.out
					.println("Warm-up " + round + " (its own store, a tenth of the size; figures not comparable):");
				long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
				long started = System.nanoTime();
				new RegistryBenchmark(Math.max(10, versions / 10), Math.max(50, datasets / 10), 50, importers)
					.run(dir.resolve("warm-up-" + round));
				double compiled = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling)
						/ 1e3;
				double wall = (System.nanoTime() - started) / 1e9;
				System.out.printf("  JIT compilers busy %.1f s of this round's %.1f s%n", compiled, wall);
				if (compiled < 0.1 * wall) {
					break;
				}
			}
			new RegistryBenchmark(versions, datasets, 300, importers).run(dir.resolve("measured"));
		}
		finally {
			try (var files = Files.walk(dir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

	/**
	 * Runs the benchmark on a fresh TDB2 store in the directory and prints the figures.
	 */
	public static Report run(Path dir, int versions, int datasets, int iterations) {
		return new RegistryBenchmark(versions, datasets, iterations, 1).run(dir);
	}

	private Report run(Path dir) {
		Actor actor = new Actor("bench", Set.of(Role.MODEL_OWNER));
		try (GraphStores stores = new GraphStores(GraphStoreProperties.embedded(dir))) {
			RegistryService registry = new RegistryService(stores);
			ResumeImporter importer = new ResumeImporter(registry);
			ResumeReader reader = new ResumeReader(registry, stores);
			ResumeQueries queries = new ResumeQueries(stores, reader);

			int datasetCount = Math.max(1, this.datasetVersions / 10);
			int models = Math.max(1, this.versions / 10);
			int bases = Math.max(3, this.versions / 10);
			System.out.printf("  %d document(s) of %,d entities in flight at a time%n", this.importers, BATCH);
			double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			long started = System.nanoTime();
			long compilingStarted = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
			long collectingStarted = collectionMillis();
			long[] triples = { 0 };
			Instant[] halfway = { null };
			importAll(importer, actor, triples, datasetCount,
					(i) -> entity(triples, "dataset/d" + i, "a dcat:Dataset ; dcterms:title \"Dataset " + i + "\""));
			importAll(importer, actor, triples, this.datasetVersions, (i) -> {
				int dataset = i / 10;
				int version = i % 10;
				StringBuilder b = new StringBuilder("a aigov:DatasetVersion ; dcterms:isVersionOf id:dataset\\/d")
					.append(dataset)
					.append(" ; dcat:version \"")
					.append(version)
					.append("\" ; aigov:licenseExpression \"")
					.append((i % 7 == 0) ? "CC-BY-NC-4.0" : "CC-BY-4.0")
					.append("\" ; aigov:sensitivity aigov:")
					.append((i % 5 == 0) ? "Confidential" : "Internal")
					.append(" ; aigov:containsPersonalData ")
					.append(i % 3 == 0)
					.append(" ; dcterms:source \"https://data.example.org/d")
					.append(dataset)
					.append('"');
				if (i % 3 == 0 && i % 9 != 0) {
					b.append(" ; <https://w3id.org/dpv#hasLegalBasis> <https://w3id.org/dpv#Consent>");
				}
				if (version > 0) {
					b.append(" ; aigov:derivedFromDataset id:dataset-version\\/d")
						.append(dataset)
						.append("-v")
						.append(version - 1);
				}
				entity(triples, "dataset-version/d" + dataset + "-v" + version, b.toString());
			});
			importAll(importer, actor, triples, bases,
					(i) -> entity(triples, "base-model/b" + i,
							"a aigov:BaseModel ; dcterms:title \"Base " + i + "\" ; aigov:provider \"Lab " + (i % 10)
									+ "\" ; aigov:licenseExpression \"Apache-2.0\""
									+ ((i % 3 != 0) ? " ; aigov:ancestor id:base-model\\/b" + (i - 1) : "")));
			importAll(importer, actor, triples, Math.max(1, models / 10),
					(i) -> entity(triples, "ai-system/s" + i, "a aigov:AISystem ; dcterms:title \"System " + i
							+ "\" ; aigov:purpose \"Purpose " + i
							+ "\" ; aigov:riskLevel aigov:LimitedRisk ; aigov:owner <https://aigov.dev/id/agent/bench>"));
			importAll(importer, actor, triples, models,
					(i) -> entity(triples, "model/m" + i,
							"a aigov:Model ; dcterms:title \"Model " + i + "\" ; aigov:servesSystem id:ai-system\\/s"
									+ (i % Math.max(1, models / 10))
									+ " ; aigov:owner <https://aigov.dev/id/agent/bench>"));
			importAll(importer, actor, triples, this.versions, (i) -> {
				StringBuilder b = new StringBuilder("a aigov:TrainingRun");
				for (int k = 0; k < 5; k++) {
					int d = this.random.nextInt(this.datasetVersions);
					b.append(" ; aigov:trainedOn id:dataset-version\\/d").append(d / 10).append("-v").append(d % 10);
				}
				b.append(" ; aigov:startedFrom id:base-model\\/b").append(i % bases);
				b.append(" ; aigov:energyKwh ").append(1 + (i % 50)).append(".5");
				entity(triples, "training-run/r" + i, b.toString());
			});
			IntConsumer version = (i) -> {
				entity(triples, "model-version/v" + i,
						"a aigov:ModelVersion ; aigov:versionOf id:model\\/m" + (i % models) + " ; dcat:version \""
								+ (i / models) + ".0\" ; aigov:intendedUse \"Use " + i
								+ "\" ; aigov:limitations \"Limits " + i + "\" ; aigov:baseModel id:base-model\\/b"
								+ (i % bases) + " ; aigov:trainingRun id:training-run\\/r" + i
								+ " ; aigov:licenseExpression \"Apache-2.0\"");
			};
			importRange(importer, actor, 0, this.versions / 2, version);
			halfway[0] = Instant.now();
			importRange(importer, actor, this.versions / 2, this.versions, version);
			importAll(importer, actor, triples, this.versions, (i) -> {
				String e = "evaluation/e" + i;
				StringBuilder b = new StringBuilder("a aigov:Evaluation ; aigov:evaluates id:model-version\\/v")
					.append(i)
					.append(" ; aigov:evaluationKind <https://aigov.dev/ns#evaluation-kind/accuracy>");
				for (int k = 0; k < 3; k++) {
					b.append(" ; aigov:metric <https://aigov.dev/id/")
						.append(e)
						.append("/metric/")
						.append(k)
						.append('>');
				}
				entity(triples, e, b.toString());
				for (int k = 0; k < 3; k++) {
					this.pending.append('<')
						.append("https://aigov.dev/id/")
						.append(e)
						.append("/metric/")
						.append(k)
						.append("> a aigov:Metric ; aigov:metricName \"m")
						.append(k)
						.append("\" ; aigov:value 0.")
						.append(80 + k)
						.append(" .\n");
					triples[0] += 3;
				}
			});
			System.out.printf("  %.1f s with generating the documents%n", (System.nanoTime() - started) / 1e9);
			double importSeconds = this.importNanos / 1e9;
			double importCpuSeconds = this.clientCpuNanos.sum() / 1e9;
			double helperCpuSeconds = indexWriterCpuSeconds();
			double processCpuSeconds = this.processCpuNanos / 1e9;
			System.out.printf("  during the import: JIT compilers busy %.1f s, garbage collections %.1f s%n",
					(ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingStarted) / 1e3,
					(collectionMillis() - collectingStarted) / 1e3);
			System.out.printf("  load average (1 min) %.2f before the import, %.2f after it%n", loadBefore,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			long quads = stores.store(GraphStores.LINEAGE).read((connection) -> {
				long[] n = { 0 };
				connection.querySelect("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
						(row) -> n[0] = row.getLiteral("n").getLong());
				return n[0];
			});

			System.out.println("  quad indexes: " + quadIndexes(dir.resolve(GraphStores.LINEAGE)));
			double[] impact = measure(this.iterations, () -> queries
				.impact(new EntityRef(Kind.DATASET_VERSION, "d" + this.random.nextInt(datasetCount) + "-v0")));
			double[] resume = measure(this.iterations,
					() -> reader.read("v" + this.random.nextInt(this.versions), null));
			Instant asOf = halfway[0];
			double[] asOfRead = measure(this.iterations,
					() -> reader.read("v" + this.random.nextInt(this.versions / 2), asOf));
			auditorQueries(new SparqlQueries(stores), datasetCount);
			System.out.printf("  load average (1 min) %.2f after the reads%n",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			System.gc();
			long peakHeap = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.mapToLong((MemoryPoolMXBean pool) -> pool.getPeakUsage().getUsed())
				.sum();
			long maxHeap = Runtime.getRuntime().maxMemory();
			Report report = new Report(this.versions, this.datasetVersions, triples[0], quads, importSeconds,
					triples[0] / importSeconds, importCpuSeconds, helperCpuSeconds, processCpuSeconds, impact, resume,
					asOfRead, peakHeap, maxHeap);
			System.out.println(report.render());
			return report;
		}
	}

	/**
	 * Query shapes an auditor may send to the read-only SPARQL endpoint, one per way of
	 * leaving the graph unbound or bound, through the endpoint's own code (limits and
	 * serialisation included). Which TDB2 index answers each depends on the store's index
	 * set (ADR 016): the last one has no index whose key starts with its predicate on a
	 * store with four quad indexes and scans the table. No targets; printed to compare.
	 */
	private void auditorQueries(SparqlQueries sparql, int datasetCount) {
		String prefixes = "PREFIX aigov: <https://aigov.dev/ns#>\n";
		Map<String, IntFunction<String>> shapes = new LinkedHashMap<>();
		shapes.put("statements about a version, any graph", (i) -> "SELECT ?g ?p ?o WHERE { GRAPH ?g { "
				+ "<https://aigov.dev/id/model-version/v" + (i % this.versions) + "> ?p ?o } }");
		shapes.put("what refers to a dataset version now",
				(i) -> "SELECT ?s ?p WHERE { GRAPH <https://aigov.dev/graph/current> { ?s ?p "
						+ "<https://aigov.dev/id/dataset-version/d" + (i % datasetCount) + "-v0> } }");
		shapes.put("graphs referring to a dataset version", (i) -> "SELECT ?g ?s ?p WHERE { GRAPH ?g { ?s ?p "
				+ "<https://aigov.dev/id/dataset-version/d" + (i % datasetCount) + "-v0> } }");
		shapes.put("confidential datasets in any graph", (i) -> prefixes
				+ "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s aigov:sensitivity aigov:Confidential } }");
		shapes.put("licence expressions in any graph",
				(i) -> prefixes + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s aigov:licenseExpression ?l } }");
		int iterations = Math.max(5, this.iterations / 30);
		shapes.forEach((name, query) -> {
			int[] next = { 0 };
			double[] millis = measure(iterations,
					() -> sparql.query(query.apply(this.random.nextInt(1_000_000) + next[0]++), "application/json"));
			System.out.printf("  auditor SPARQL: %-38s p50 %8.2f ms  p95 %8.2f ms  (CPU p50 %.2f ms)%n", name,
					millis[0], millis[1], millis[3]);
		});
	}

	/**
	 * The quad indexes TDB2 recorded for the store (ADR 016), or its defaults where it
	 * recorded none.
	 */
	private static String quadIndexes(Path store) {
		Path config = store.resolve("tdb.cfg");
		try {
			if (!Files.exists(config)) {
				return "TDB2's six (no tdb.cfg)";
			}
			Matcher indexes = Pattern.compile("\"tdb\\.quad_indexes\"\\s*:\\s*\\[([^]]*)]")
				.matcher(Files.readString(config));
			return indexes.find() ? indexes.group(1).replaceAll("[\"\\s]", "") : "not recorded in " + config;
		}
		catch (java.io.IOException ex) {
			return "unreadable: " + ex.getMessage();
		}
	}

	/**
	 * CPU time of the threads that write half of the TDB2 indexes during an import (ADR
	 * 014); they start with the first large import, so all their time is import time.
	 */
	private static double indexWriterCpuSeconds() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long nanos = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().equals("tdb2-index-writer")) {
				nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return nanos / 1e9;
	}

	/**
	 * CPU time of the whole process: every thread of the import (the mapping runs on the
	 * common fork-join pool too), the garbage collector and the JIT compilers.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Time the garbage collectors spent collecting, pauses and concurrent work. */
	private static long collectionMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
			.sum();
	}

	private final StringBuilder pending = new StringBuilder();

	/** CPU time of the threads that call the import (this one, or the clients). */
	private final LongAdder clientCpuNanos = new LongAdder();

	/** Wall time of the imports, without generating their documents. */
	private long importNanos;

	/** CPU time of the whole process during the imports. */
	private long processCpuNanos;

	private void entity(long[] triples, String path, String body) {
		this.pending.append("<https://aigov.dev/id/").append(path).append("> ").append(body).append(" .\n");
		triples[0] += body.split(" ; ").length;
	}

	private void importAll(ResumeImporter importer, Actor actor, long[] triples, int count, IntConsumer generator) {
		importRange(importer, actor, 0, count, generator);
	}

	/**
	 * Imports the entities in documents of {@link #BATCH}, each one atomic import. With
	 * more than one importer, that many documents are in flight at once, as a client
	 * uploading several files would have them: one is parsed and checked while another is
	 * written. A range finishes before the next one starts, since it refers to them.
	 * <p>
	 * The range's documents are generated before its clock starts: the figures are those
	 * of the appliance importing, not of this generator, which a real client runs
	 * elsewhere (until ADR 015 it ran between the imports, on the importing thread).
	 */
	private void importRange(ResumeImporter importer, Actor actor, int from, int to, IntConsumer generator) {
		List<byte[]> documents = new ArrayList<>();
		for (int start = from; start < to; start += BATCH) {
			this.pending.setLength(0);
			this.pending.append(PREFIXES);
			for (int i = start; i < Math.min(to, start + BATCH); i++) {
				generator.accept(i);
			}
			documents.add(this.pending.toString().getBytes(StandardCharsets.UTF_8));
		}
		this.pending.setLength(0);
		long started = System.nanoTime();
		long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		long processCpu = processCpuNanos();
		try (ExecutorService clients = Executors.newFixedThreadPool(this.importers)) {
			List<Future<?>> inFlight = new ArrayList<>();
			for (byte[] document : documents) {
				if (this.importers == 1) {
					importer.importDocument(document, "turtle", actor);
				}
				else {
					inFlight.add(clients.submit(() -> {
						long clientCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
						importer.importDocument(document, "turtle", actor);
						this.clientCpuNanos
							.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - clientCpu);
					}));
				}
			}
			for (Future<?> document : inFlight) {
				document.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while importing", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("An import failed", ex.getCause());
		}
		long nanos = System.nanoTime() - started;
		this.importNanos += nanos;
		this.clientCpuNanos.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu);
		this.processCpuNanos += processCpuNanos() - processCpu;
		System.out.printf("  imported %,d entities in %.1f s%n", to - from, nanos / 1e9);
	}

	private static double[] measure(int iterations, Runnable query) {
		for (int i = 0; i < Math.min(50, iterations); i++) {
			query.run();
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[] millis = new double[iterations];
		double[] cpuMillis = new double[iterations];
		for (int i = 0; i < iterations; i++) {
			long cpu = threads.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			query.run();
			millis[i] = (System.nanoTime() - start) / 1e6;
			cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
		}
		Arrays.sort(millis);
		Arrays.sort(cpuMillis);
		// CPU time says what a read costs even when other processes stretch its wall
		// time.
		return new double[] { millis[iterations / 2], millis[(int) (iterations * 0.95)],
				millis[(int) (iterations * 0.99)], cpuMillis[iterations / 2] };
	}

	/**
	 * The figures.
	 *
	 * @param triplesImported entity triples in the imported documents
	 * @param quadsStored quads in the store (snapshots, current graph and revisions)
	 * @param importCpuSeconds CPU time the importing thread used
	 * @param indexWriterCpuSeconds CPU time the second index-writing thread used
	 * @param processCpuSeconds CPU time of the whole process during the import, garbage
	 * collection and JIT compilation included
	 */
	public record Report(int versions, int datasetVersions, long triplesImported, long quadsStored,
			double importSeconds, double triplesPerSecond, double importCpuSeconds, double indexWriterCpuSeconds,
			double processCpuSeconds, double[] impactMillis, double[] resumeMillis, double[] asOfMillis,
			long peakHeapBytes, long maxHeapBytes) {

		String render() {
			List<String> lines = new ArrayList<>();
			lines.add("Registry benchmark: " + this.versions + " model versions, " + this.datasetVersions
					+ " dataset versions");
			lines.add(String.format(
					"  imported %,d triples (%,d quads stored, %.2f per triple) in %.1f s: %,.0f triples/s",
					this.triplesImported, this.quadsStored, (double) this.quadsStored / this.triplesImported,
					this.importSeconds, this.triplesPerSecond));
			double cpu = this.importCpuSeconds + this.indexWriterCpuSeconds;
			lines.add(String.format(
					"  import used %.1f s of CPU (importing threads %.1f s, second index writer %.1f s): %,.0f triples per CPU second",
					cpu, this.importCpuSeconds, this.indexWriterCpuSeconds, this.triplesImported / cpu));
			lines.add(String.format(
					"  the process used %.1f s of CPU meanwhile (all threads, GC and JIT included): %,.0f triples per CPU second",
					this.processCpuSeconds, this.triplesImported / this.processCpuSeconds));
			lines.add(row("impact of one dataset version", this.impactMillis, 20));
			lines.add(row("full résumé read of one version", this.resumeMillis, 50));
			lines.add(row("'as of' résumé read", this.asOfMillis, 100));
			lines.add(String.format("  heap: peak %,d MiB of %,d MiB max (target <= 1024 MiB)",
					this.peakHeapBytes >> 20, this.maxHeapBytes >> 20));
			return String.join("\n", lines);
		}

		private static String row(String name, double[] millis, int target) {
			return String.format(
					"  %-34s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  (target p50 <= %d ms; CPU p50 %.2f ms)", name,
					millis[0], millis[1], millis[2], target, millis[3]);
		}

	}

}
