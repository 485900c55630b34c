package dev.aigov.registry;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.registry.SelfAssessmentChecklist.Cell;
import dev.aigov.registry.SelfAssessmentChecklist.Status;

/**
 * One AI system's self-assessment checklist (the guide's table 1) as recorded at one
 * revision: a status and an optional note for every cell.
 *
 * @param system the AI system's id
 * @param revision the revision shown, or {@code null} when nothing was saved yet
 * @param entries every cell of {@link SelfAssessmentChecklist#CELLS}, in its order
 */
public record SelfAssessment(String system, RevisionInfo revision, Map<Cell, Entry> entries) {

	/** The longest note a cell takes. */
	public static final int MAX_NOTE = 2_000;

	public SelfAssessment {
		Map<Cell, Entry> complete = new LinkedHashMap<>();
		for (Cell cell : SelfAssessmentChecklist.CELLS) {
			complete.put(cell, entries.getOrDefault(cell, Entry.NOT_ASSESSED));
		}
		entries = java.util.Collections.unmodifiableMap(complete);
	}

	/** A checklist no one has filled in: every cell not assessed. */
	public static SelfAssessment unassessed(String system) {
		return new SelfAssessment(system, null, Map.of());
	}

	public Entry entry(Cell cell) {
		return this.entries.get(cell);
	}

	/** How many cells hold each status, every status listed. */
	public Map<Status, Integer> counts() {
		return counts(this.entries.keySet());
	}

	/** How many strategy ({@code true}) or readiness cells hold each status. */
	public Map<Status, Integer> counts(boolean strategy) {
		return counts(this.entries.keySet().stream().filter((cell) -> cell.strategy() == strategy).toList());
	}

	private Map<Status, Integer> counts(Collection<Cell> cells) {
		Map<Status, Integer> counts = new EnumMap<>(Status.class);
		for (Status status : Status.values()) {
			counts.put(status, 0);
		}
		cells.forEach((cell) -> counts.merge(this.entries.get(cell).status(), 1, Integer::sum));
		return counts;
	}

	/** The cells that differ from an earlier state, in the checklist's order. */
	public List<Change> changesSince(SelfAssessment before) {
		return SelfAssessmentChecklist.CELLS.stream()
			.filter((cell) -> !before.entry(cell).equals(entry(cell)))
			.map((cell) -> new Change(cell, before.entry(cell), entry(cell)))
			.toList();
	}

	/** The résumé fields this state is stored as. */
	Map<String, Object> toFields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("system", this.system);
		this.entries.forEach((cell, entry) -> {
			fields.put(cell.statusField(), entry.status().key());
			if (entry.note() != null) {
				fields.put(cell.noteField(), entry.note());
			}
		});
		return fields;
	}

	static SelfAssessment of(ResumeEntity entity) {
		Map<Cell, Entry> entries = new LinkedHashMap<>();
		for (Cell cell : SelfAssessmentChecklist.CELLS) {
			Status status = Status.of(entity.text(cell.statusField()));
			entries.put(cell,
					new Entry((status != null) ? status : Status.NOT_ASSESSED, entity.text(cell.noteField())));
		}
		return new SelfAssessment(entity.text("system"), entity.revision(), entries);
	}

	/**
	 * Reads cells from their JSON form: {@code {"strategy": {"data": {"status":
	 * "assessing", "note": "..."}}, "readiness": {"external-api": {"budget": {"status":
	 * "plan-in-place"}}}}}. Cells left out are not assessed.
	 * @throws InvalidResumeException naming the first unknown dimension, mode, area or
	 * status, or the note that is too long
	 */
	public static Map<Cell, Entry> parse(Map<String, ?> json) {
		Map<Cell, Entry> entries = new LinkedHashMap<>();
		for (Map.Entry<String, ?> group : json.entrySet()) {
			switch (group.getKey()) {
				case "strategy" -> object("strategy", group.getValue()).forEach((dimension, value) -> {
					Cell cell = known("strategy.", dimension, SelfAssessmentChecklist.Dimension.values());
					entries.put(cell, entry(cell.id(), value));
				});
				case "readiness" -> object("readiness", group.getValue()).forEach((mode, areas) -> {
					known("readiness.", mode, SelfAssessmentChecklist.AdoptionMode.values());
					object("readiness." + mode, areas).forEach((area, value) -> {
						Cell cell = known("readiness." + mode + ".", area,
								SelfAssessmentChecklist.ReadinessArea.values());
						entries.put(cell, entry(cell.id(), value));
					});
				});
				case "system", "revision", "counts" -> {
					// echoed back from a read; the URL and If-Match decide, counts follow
				}
				default -> throw new InvalidResumeException(group.getKey(), "Unknown part '" + group.getKey()
						+ "' of a self-assessment; expected 'strategy' and 'readiness'.");
			}
		}
		return entries;
	}

	/**
	 * The cell {@code prefix + key}, or {@code null} for a mode alone; fails naming the
	 * whole id when the key is not one of those expected.
	 */
	private static Cell known(String prefix, String key, SelfAssessmentChecklist.Labelled[] expected) {
		String id = prefix + key;
		List<String> keys = java.util.Arrays.stream(expected).map(SelfAssessmentChecklist.Labelled::key).toList();
		if (!keys.contains(key)) {
			throw new InvalidResumeException(id,
					"Unknown '" + key + "' in '" + id + "'; expected one of " + keys + ".");
		}
		return Cell.of(id);
	}

	private static Entry entry(String id, Object value) {
		Map<String, ?> cell = object(id, value);
		for (String key : cell.keySet()) {
			if (!Set.of("status", "note").contains(key)) {
				throw new InvalidResumeException(id + "." + key,
						"'" + id + "." + key + "' is not part of a cell; a cell has 'status' and 'note'.");
			}
		}
		Object status = cell.get("status");
		Status parsed = (status instanceof String text) ? Status.of(text.strip()) : null;
		if (parsed == null) {
			throw new InvalidResumeException(id + ".status",
					"'" + id + ".status' must be one of " + Status.keys() + ", not " + quoted(status) + ".");
		}
		Object note = cell.get("note");
		if (note != null && !(note instanceof String)) {
			throw new InvalidResumeException(id + ".note", "'" + id + ".note' must be text.");
		}
		String text = (note != null) ? ((String) note).strip() : "";
		if (text.length() > MAX_NOTE) {
			throw new InvalidResumeException(id + ".note",
					"'" + id + ".note' is longer than " + MAX_NOTE + " characters.");
		}
		return new Entry(parsed, text.isEmpty() ? null : text);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> object(String name, Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new InvalidResumeException(name, "'" + name + "' must be an object.");
		}
		return (Map<String, ?>) map;
	}

	private static String quoted(Object value) {
		return (value == null) ? "nothing" : "'" + value + "'";
	}

	/**
	 * One cell's assessment.
	 *
	 * @param status where the organisation stands
	 * @param note why, or what is planned; {@code null} when none
	 */
	public record Entry(Status status, String note) {

		static final Entry NOT_ASSESSED = new Entry(Status.NOT_ASSESSED, null);

		public Entry {
			java.util.Objects.requireNonNull(status, "status");
		}

	}

	/**
	 * How one cell changed between two revisions.
	 *
	 * @param cell the cell
	 * @param before its earlier entry
	 * @param after its later entry
	 */
	public record Change(Cell cell, Entry before, Entry after) {
	}

}
