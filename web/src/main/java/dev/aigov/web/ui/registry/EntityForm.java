package dev.aigov.web.ui.registry;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.FieldSpec;
import dev.aigov.registry.FieldType;
import dev.aigov.registry.Kind;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeSchema;

import org.springframework.util.MultiValueMap;

/**
 * A registration form for one kind of résumé entity, built from the registry's schema
 * table, so the form, the API and the stored graph name and check the same fields. It
 * turns the submitted text into the values the registry expects and keeps what could not
 * be read as errors next to the fields; the registry's own validation does the rest.
 *
 * @param kind the kind registered
 * @param fields the form's fields, the id first
 * @param errors field name to message key or message, for the fields in error
 */
public record EntityForm(Kind kind, List<FormField> fields, Map<String, String> errors) {

	static EntityForm empty(Kind kind, Map<String, List<Option>> references) {
		return of(kind, Map.of(), references);
	}

	static EntityForm of(Kind kind, Map<String, List<String>> submitted, Map<String, List<Option>> references) {
		List<FormField> fields = new ArrayList<>();
		fields.add(new FormField("id", "ID", true, submitted.getOrDefault("id", List.of()), List.of()));
		for (FieldSpec spec : writable(kind)) {
			List<Option> options = switch (spec.type()) {
				case ENUM -> spec.values().keySet().stream().sorted().map((value) -> new Option(value, null)).toList();
				case REF, REFS -> references.getOrDefault(spec.target().segment(), List.of());
				default -> List.of();
			};
			fields.add(new FormField(spec.name(), spec.type().name(), spec.required(),
					submitted.getOrDefault(spec.name(), List.of()), options));
		}
		return new EntityForm(kind, fields, new LinkedHashMap<>());
	}

	/**
	 * A form holding an entity's current values, for recording its next revision. Values
	 * are written as a person would type them: lists joined, metrics one per line, times
	 * in the appliance's zone.
	 */
	static EntityForm of(ResumeEntity entity, Map<String, List<Option>> references, ZoneId zone) {
		Map<String, List<String>> current = new LinkedHashMap<>();
		current.put("id", List.of(entity.ref().id()));
		for (FieldSpec spec : writable(entity.ref().kind())) {
			Object value = entity.fields().get(spec.name());
			if (value == null) {
				continue;
			}
			current.put(spec.name(), switch (spec.type()) {
				case REFS -> ((List<?>) value).stream().map(String::valueOf).toList();
				case STRINGS -> List.of(String.join(", ", ((List<?>) value).stream().map(String::valueOf).toList()));
				case METRICS -> List.of(String.join("\n", ((List<?>) value).stream().map((metric) -> {
					Map<?, ?> fields = (Map<?, ?>) metric;
					return fields.get("name") + ", " + fields.get("value")
							+ ((fields.get("slice") != null) ? ", " + fields.get("slice") : "");
				}).toList()));
				case DATE_TIME ->
					List.of(LocalDateTime.ofInstant(java.time.Instant.parse(value.toString()), zone).toString());
				case DECIMAL ->
					List.of(((value instanceof BigDecimal decimal) ? decimal : new BigDecimal(value.toString()))
						.toPlainString());
				default -> List.of(String.valueOf(value));
			});
		}
		return of(entity.ref().kind(), current, references);
	}

	/** The fields that may be written through a form (not those the workflow manages). */
	static List<FieldSpec> writable(Kind kind) {
		return ResumeSchema.fields(kind)
			.values()
			.stream()
			.filter((spec) -> !ResumeSchema.MANAGED_FIELDS.contains(spec.name()))
			.toList();
	}

	static Map<String, List<String>> submitted(MultiValueMap<String, String> form) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		form.forEach((name, list) -> {
			if (!name.equals("_csrf")) {
				values.put(name, List.copyOf(list));
			}
		});
		return values;
	}

	/**
	 * The values for the registry, from what was submitted. Blank optional fields are
	 * left out; blank required fields and unreadable values become errors.
	 */
	Map<String, Object> values(ZoneId zone) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (FormField field : this.fields) {
			String text = field.value().strip();
			if (field.name().equals("id")) {
				if (text.isEmpty()) {
					this.errors.put("id", "form.required");
				}
				values.put("id", text);
				continue;
			}
			FieldType type = FieldType.valueOf(field.type());
			boolean blank = (type == FieldType.REFS) ? field.values().stream().allMatch(String::isBlank)
					: text.isEmpty();
			if (blank) {
				if (field.required()) {
					this.errors.put(field.name(), "form.required");
				}
				continue;
			}
			try {
				values.put(field.name(), convert(type, field, text, zone));
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				this.errors.put(field.name(), "form.invalid." + type.name());
			}
		}
		return values;
	}

	private static Object convert(FieldType type, FormField field, String text, ZoneId zone) {
		return switch (type) {
			case BOOLEAN -> switch (text) {
				case "true" -> Boolean.TRUE;
				case "false" -> Boolean.FALSE;
				default -> throw new IllegalArgumentException(text);
			};
			case DECIMAL -> new BigDecimal(text.replace(",", ""));
			case DATE_TIME -> LocalDateTime.parse(text).atZone(zone).toInstant().toString();
			case REFS -> field.values().stream().map(String::strip).filter((v) -> !v.isEmpty()).toList();
			case STRINGS ->
				Arrays.stream(text.split("[,，、\\n]")).map(String::strip).filter((v) -> !v.isEmpty()).toList();
			case METRICS -> metrics(text);
			default -> text;
		};
	}

	/** One metric per line: {@code name, value[, slice]}. */
	static List<Map<String, Object>> metrics(String text) {
		List<Map<String, Object>> metrics = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split(",", 3);
			if (parts.length < 2 || parts[0].isBlank()) {
				throw new IllegalArgumentException(line);
			}
			Map<String, Object> metric = new LinkedHashMap<>();
			metric.put("name", parts[0].strip());
			metric.put("value", new BigDecimal(parts[1].strip()));
			if (parts.length == 3 && !parts[2].isBlank()) {
				metric.put("slice", parts[2].strip());
			}
			metrics.add(metric);
		}
		return metrics;
	}

	/**
	 * Where an error the registry reports belongs: {@code metrics[0].value} to
	 * {@code metrics}.
	 */
	static String fieldOf(String reported) {
		if (reported == null) {
			return null;
		}
		int cut = reported.length();
		for (char separator : new char[] { '[', '.' }) {
			int at = reported.indexOf(separator);
			if (at > 0) {
				cut = Math.min(cut, at);
			}
		}
		return reported.substring(0, cut);
	}

	public String error(String field) {
		return this.errors.get(field);
	}

	public boolean hasErrors() {
		return !this.errors.isEmpty();
	}

	public Kind getKind() {
		return this.kind;
	}

	/**
	 * One input.
	 *
	 * @param name the field's JSON name
	 * @param type its {@link FieldType} name
	 * @param required whether it must be filled in
	 * @param values what was submitted (several for a multiple choice)
	 * @param options the choices for a selection
	 */
	public record FormField(String name, String type, boolean required, List<String> values, List<Option> options) {

		public String value() {
			return this.values.isEmpty() ? "" : this.values.get(0);
		}

		/** Rows shown by a multiple choice: its options, between 2 and 6. */
		public int listSize() {
			return Math.min(6, Math.max(2, this.options.size()));
		}

		public boolean selected(String option) {
			return this.values.contains(option);
		}

	}

	/**
	 * A choice in a selection.
	 *
	 * @param value the value submitted
	 * @param label what is shown, or {@code null} to show a translated value
	 */
	public record Option(String value, String label) {
	}

}
