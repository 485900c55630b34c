package dev.aigov.bench.reports;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.Actor;
import dev.aigov.registry.CompletenessService;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeReader;
import dev.aigov.registry.Role;
import dev.aigov.reports.FindingsSource;
import dev.aigov.reports.OperationsSource;
import dev.aigov.reports.ReportService;
import dev.aigov.reports.ReportsProperties;
import dev.aigov.reports.StoredReport;
import dev.aigov.sbom.BomValidator;
import dev.aigov.sbom.MlBomGenerator;
import dev.aigov.sbom.MlBomService;
import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.SigningKeys;
import dev.aigov.signing.SigningProperties;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A model dossier for a model version trained on 100 dataset versions and evaluated 20
 * times (each with per-group fairness metrics for five groups): read the résumé, check
 * completeness, generate and sign the ML-BOM, assemble the content, render HTML and PDF
 * (embedded zh-TW font), write and sign the manifest. Target: at most 5 s.
 *
 * <pre>
 * mvn -B -Pjmh -pl bench -am -DskipTests verify -Djmh.args="DossierBenchmarks -f 1 -wi 2 -i 5"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class DossierBenchmarks {

	static final int DATASETS = 100;

	static final int EVALUATIONS = 20;

	private Path dir;

	private GraphStores stores;

	private ReportService reports;

	@Setup(Level.Trial)
	public void registry() throws Exception {
		this.dir = Files.createTempDirectory("aigov-bench-reports-");
		this.stores = new GraphStores(GraphStoreProperties.embedded(this.dir.resolve("tdb2")));
		RegistryService registry = new RegistryService(this.stores);
		Actor owner = new Actor("bench.owner", Set.of(Role.MODEL_OWNER));
		create(registry, owner, Kind.AI_SYSTEM, "bench-system", "name", "Benchmark system", "purpose",
				"Measure report generation.", "riskLevel", "high", "owner", owner.username());
		create(registry, owner, Kind.MODEL, "bench-model", "name", "Benchmark model", "system", "bench-system", "owner",
				owner.username());
		List<String> datasetVersions = new ArrayList<>();
		for (int i = 0; i < DATASETS; i++) {
			create(registry, owner, Kind.DATASET, "data-" + i, "name", "Dataset " + i + " 資料集");
			create(registry, owner, Kind.DATASET_VERSION, "data-" + i + "-v1", "dataset", "data-" + i, "version", "1",
					"source", "https://data.example.org/" + i, "licenseExpression", "CC-BY-4.0", "sensitivity",
					"internal", "containsPersonalData", i % 3 == 0, "legalBasis", "contract", "collection",
					"Collected from system " + i + ".", "cleaning", "Deduplicated.", "labelling", "Labelled by staff.");
			datasetVersions.add("data-" + i + "-v1");
		}
		create(registry, owner, Kind.TRAINING_RUN, "bench-run", "runKind", "training", "datasets", datasetVersions,
				"codeReference", "git@example.org:bench.git#1", "energyKwh", 1.5);
		create(registry, owner, Kind.MODEL_VERSION, "bench-1", "model", "bench-model", "version", "1.0.0",
				"intendedUse", "Benchmarks.", "limitations", "None known.", "explanationMethod", "SHAP",
				"licenseExpression", "Apache-2.0", "trainingRun", "bench-run", "energyPerInferenceWh", 0.01);
		List<String> groups = List.of("group-a", "group-b", "group-c", "group-d", "group-e");
		for (int e = 0; e < EVALUATIONS; e++) {
			List<Map<String, Object>> metrics = new ArrayList<>();
			for (String group : groups) {
				for (String metric : List.of("count", "selection_rate", "true_positive_rate", "false_positive_rate",
						"false_negative_rate", "precision")) {
					metrics.add(Map.of("name", metric, "value", BigDecimal.valueOf((e + group.hashCode() % 7) % 10, 1),
							"slice", group));
				}
				metrics.add(Map.of("name", "disparate_impact", "value", BigDecimal.valueOf(9, 1), "slice",
						group + " vs group-a"));
			}
			metrics.add(Map.of("name", "demographic_parity_difference", "value", BigDecimal.valueOf(12, 2)));
			create(registry, owner, Kind.EVALUATION, "bench-1-eval-" + e, "modelVersion", "bench-1", "dataset",
					datasetVersions.get(e), "evaluationKind", (e == 0) ? "accuracy" : "fairness", "protectedAttributes",
					List.of("group"), "metrics", metrics);
		}
		ResumeReader reader = new ResumeReader(registry, this.stores);
		SigningKeys keys = SigningKeys
			.open(new SigningProperties(this.dir.resolve("keys/signing.p12"), "bench-password", JsfAlgorithm.ED25519));
		MlBomService boms = new MlBomService(reader, keys, new MlBomGenerator(), new BomValidator());
		StaticListableBeanFactory none = new StaticListableBeanFactory();
		this.reports = new ReportService(reader, registry, new CompletenessService(reader), boms, keys,
				none.getBeanProvider(FindingsSource.class), none.getBeanProvider(OperationsSource.class), (event) -> {
				}, new ReportsProperties(this.dir.resolve("reports"), null));
	}

	@Benchmark
	public StoredReport dossierWith100DatasetsAnd20Evaluations() {
		return this.reports.generateDossier("bench-1", null, "bench.officer");
	}

	@TearDown(Level.Trial)
	public void close() throws Exception {
		this.stores.close();
		try (var files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	private static void create(RegistryService registry, Actor actor, Kind kind, String id, Object... fields) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("id", id);
		for (int i = 0; i < fields.length; i += 2) {
			values.put((String) fields[i], fields[i + 1]);
		}
		registry.create(kind, values, actor);
	}

}
