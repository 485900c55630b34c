package dev.aigov.web.ui.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeEntity;

import org.springframework.stereotype.Component;

/**
 * The inventory as the pages show it: every model version with its model and AI system,
 * read in three listings. The registry lists at most 1,000 entities of a kind at once;
 * the inventory says when it shows only part.
 */
@Component
public class Inventory {

	static final int LIMIT = 1000;

	/** Lifecycle states in the order a version goes through them. */
	public static final List<String> STATES = List.of("draft", "submitted", "approved", "rejected", "deployed",
			"retired");

	/** Risk levels, highest first. */
	public static final List<String> RISKS = List.of("unacceptable", "high", "limited", "minimal");

	private final RegistryService registry;

	Inventory(RegistryService registry) {
		this.registry = registry;
	}

	public Snapshot read() {
		List<ResumeEntity> systems = this.registry.list(Kind.AI_SYSTEM, 0, LIMIT);
		List<ResumeEntity> models = this.registry.list(Kind.MODEL, 0, LIMIT);
		List<ResumeEntity> versions = this.registry.list(Kind.MODEL_VERSION, 0, LIMIT);
		Map<String, ResumeEntity> systemsById = byId(systems);
		Map<String, ResumeEntity> modelsById = byId(models);
		List<Row> rows = new ArrayList<>();
		for (ResumeEntity version : versions) {
			ResumeEntity model = modelsById.get(version.text("model"));
			ResumeEntity system = (model != null) ? systemsById.get(model.text("system")) : null;
			rows.add(new Row(version, model, system));
		}
		rows.sort(Comparator.comparing((Row row) -> row.systemName().toLowerCase(java.util.Locale.ROOT))
			.thenComparing(Row::modelName)
			.thenComparing((row) -> row.version().ref().id()));
		boolean partial = systems.size() >= LIMIT || models.size() >= LIMIT || versions.size() >= LIMIT;
		return new Snapshot(systems, rows, partial);
	}

	private static Map<String, ResumeEntity> byId(List<ResumeEntity> entities) {
		return entities.stream()
			.collect(Collectors.toMap((entity) -> entity.ref().id(), Function.identity(), (a, b) -> a,
					LinkedHashMap::new));
	}

	/**
	 * One model version with what it belongs to.
	 *
	 * @param version the model version
	 * @param model its model, or {@code null} if not readable
	 * @param system the model's AI system, or {@code null}
	 */
	public record Row(ResumeEntity version, ResumeEntity model, ResumeEntity system) {

		public String state() {
			return String.valueOf(this.version.fields().getOrDefault("lifecycleState", "draft"));
		}

		public String risk() {
			return (this.system != null) ? this.system.text("riskLevel") : null;
		}

		public String systemName() {
			return (this.system != null) ? String.valueOf(this.system.text("name")) : "";
		}

		public String modelName() {
			return (this.model != null) ? String.valueOf(this.model.text("name")) : "";
		}

		public String owner() {
			return (this.model != null) ? this.model.text("owner") : null;
		}

	}

	/**
	 * The inventory at one moment.
	 *
	 * @param systems every AI system
	 * @param rows every model version
	 * @param partial whether a listing hit the limit
	 */
	public record Snapshot(List<ResumeEntity> systems, List<Row> rows, boolean partial) {

		/** Number of versions per risk level (rows) and lifecycle state (columns). */
		public Map<String, Map<String, Long>> byRiskAndState() {
			Map<String, Map<String, Long>> table = new LinkedHashMap<>();
			for (String risk : RISKS) {
				Map<String, Long> row = new LinkedHashMap<>();
				STATES.forEach((state) -> row.put(state, 0L));
				table.put(risk, row);
			}
			for (Row row : this.rows) {
				String risk = (row.risk() != null && table.containsKey(row.risk())) ? row.risk() : "unclassified";
				table.computeIfAbsent(risk, (key) -> {
					Map<String, Long> empty = new LinkedHashMap<>();
					STATES.forEach((state) -> empty.put(state, 0L));
					return empty;
				}).merge(row.state(), 1L, Long::sum);
			}
			return table;
		}

		public long count(String state) {
			return this.rows.stream().filter((row) -> row.state().equals(state)).count();
		}

		public Map<String, Long> systemsByRisk() {
			Map<String, Long> counts = new LinkedHashMap<>();
			RISKS.forEach((risk) -> counts.put(risk, 0L));
			this.systems.forEach((system) -> counts.merge(String.valueOf(system.text("riskLevel")), 1L, Long::sum));
			return counts;
		}

	}

}
