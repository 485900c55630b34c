package dev.aigov.web.ui.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aigov.audit.AuditPage;
import dev.aigov.audit.AuditQuery;
import dev.aigov.audit.AuditSearch;
import dev.aigov.audit.AuditVerification;
import dev.aigov.audit.AuditVerifier;
import dev.aigov.web.ui.UiFormats;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit explorer over {@link AuditSearch} and {@link AuditVerifier}, as the API: a
 * filter form, pages of records newest first (paged on with the search's
 * {@code search_after} token), each record's detail (redacted content, rules fired,
 * detector hits, a link to its model version), verification of the filtered time range
 * with the offending record ids, and an export of the current result as CSV or JSON of at
 * most {@value #EXPORT_LIMIT} records.
 */
@Controller
@PreAuthorize("hasAnyRole('AUDITOR','COMPLIANCE_OFFICER','ADMIN')")
class AuditPageController {

	/** The most records an export holds; a larger result is cut there and says so. */
	static final int EXPORT_LIMIT = 5000;

	private static final int PAGE = 50;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final AuditSearch search;

	private final AuditVerifier verifier;

	private final UiFormats formats;

	AuditPageController(AuditSearch search, AuditVerifier verifier, UiFormats formats) {
		this.search = search;
		this.verifier = verifier;
		this.formats = formats;
	}

	@GetMapping("/audit")
	String explore(@ModelAttribute("filter") Filter filter, @RequestParam(required = false) String after,
			@RequestParam(required = false) String verify, Model model) {
		model.addAttribute("filterQuery", filter.queryString());
		AuditQuery query;
		try {
			query = filter.query(PAGE, after, this.formats);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("filterError", ex.getMessage());
			return "audit/explorer";
		}
		try {
			AuditPage page = this.search.search(query);
			model.addAttribute("page", page);
			model.addAttribute("records", page.records().stream().map(AuditRecordView::of).toList());
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("filterError", ex.getMessage());
		}
		catch (IllegalStateException ex) {
			model.addAttribute("unavailable", true);
		}
		if (verify != null) {
			Instant to = (query.to() != null) ? query.to() : Instant.now().plusSeconds(1);
			Instant from = (query.from() != null) ? query.from() : to.minus(1, ChronoUnit.DAYS);
			try {
				AuditVerification verification = this.verifier.verify(from, to);
				model.addAttribute("verification", verification);
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("filterError", ex.getMessage());
			}
			catch (IllegalStateException ex) {
				model.addAttribute("verificationUnavailable", true);
			}
		}
		return "audit/explorer";
	}

	/** The current result, up to {@value #EXPORT_LIMIT} records, as CSV or JSON. */
	@GetMapping("/audit/export")
	ResponseEntity<byte[]> export(@ModelAttribute("filter") Filter filter,
			@RequestParam(defaultValue = "csv") String format) {
		boolean csv = !"json".equals(format);
		List<Map<String, Object>> records = new ArrayList<>();
		String after = null;
		boolean truncated = false;
		do {
			AuditPage page = this.search.search(filter.query(500, after, this.formats));
			for (Map<String, Object> record : page.records()) {
				if (records.size() == EXPORT_LIMIT) {
					truncated = true;
					break;
				}
				records.add(record);
			}
			after = (page.records().isEmpty()) ? null : page.next();
		}
		while (after != null && !truncated);
		byte[] body = csv ? csv(records) : json.writeValueAsBytes(records);
		String name = "audit-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-')
				+ (csv ? ".csv" : ".json");
		return ResponseEntity.ok()
			.contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
			.header("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("X-Aigov-Export-Truncated", Boolean.toString(truncated))
			.body(body);
	}

	private static final List<String> CSV_COLUMNS = List.of("id", "time", "category", "action", "outcome",
			"http_status", "error_code", "user", "end_user_pseudonyms", "application", "model", "model_version",
			"decision", "rules", "detector_types", "declared_data_class", "unscanned_parts", "prompt_redacted",
			"response_redacted");

	private static byte[] csv(List<Map<String, Object>> records) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StringBuilder line = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
		out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
		for (Map<String, Object> doc : records) {
			AuditRecordView r = AuditRecordView.of(doc);
			List<String> values = List.of(nz(r.id()), nz(r.time()), nz(r.category()), nz(r.action()), nz(r.outcome()),
					(r.httpStatus() != null) ? r.httpStatus().toString() : "", nz(r.errorCode()), nz(r.user()),
					String.join(" ", r.endUserPseudonyms()), nz(r.application()), nz(r.model()), nz(r.modelVersion()),
					nz(r.decision()), String.join(" ", r.rules()),
					String.join(" ", r.detections().stream().map((h) -> String.valueOf(h.get("type"))).toList()),
					nz(r.declaredDataClass()), Integer.toString(r.unscannedParts()), nz(r.prompt()), nz(r.response()));
			line.setLength(0);
			for (int i = 0; i < values.size(); i++) {
				line.append((i > 0) ? "," : "").append(csvField(values.get(i)));
			}
			out.writeBytes(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	/**
	 * A CSV field (RFC 4180), with a leading formula character neutralised so that a
	 * spreadsheet shows audited text rather than running it.
	 */
	static String csvField(String value) {
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

	private static String nz(String value) {
		return (value != null) ? value : "";
	}

	/**
	 * The explorer's filter form; every field is optional. Times are the appliance's
	 * local time ({@code datetime-local}).
	 */
	public static class Filter {

		private String from;

		private String to;

		private String category;

		private String application;

		private String user;

		private String model;

		private String decision;

		private String rule;

		private String detector;

		private String q;

		AuditQuery query(int size, String after, UiFormats formats) {
			return new AuditQuery(instant("from", this.from, formats), instant("to", this.to, formats),
					blank(this.category), blank(this.application), blank(this.user), blank(this.model),
					blank(this.decision), blank(this.rule), blank(this.detector), blank(this.q), size, blank(after));
		}

		/** The filter as query parameters, for the next page and the export links. */
		String queryString() {
			StringBuilder query = new StringBuilder();
			append(query, "from", this.from);
			append(query, "to", this.to);
			append(query, "category", this.category);
			append(query, "application", this.application);
			append(query, "user", this.user);
			append(query, "model", this.model);
			append(query, "decision", this.decision);
			append(query, "rule", this.rule);
			append(query, "detector", this.detector);
			append(query, "q", this.q);
			return query.toString();
		}

		private static void append(StringBuilder query, String name, String value) {
			if (value != null && !value.isBlank()) {
				query.append((query.length() > 0) ? "&" : "")
					.append(name)
					.append('=')
					.append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}

		private static Instant instant(String name, String value, UiFormats formats) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				return LocalDateTime.parse(value).atZone(formats.zone()).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("'" + name + "' is not a date and time: " + value);
			}
		}

		private static String blank(String value) {
			return (value == null || value.isBlank()) ? null : value.trim();
		}

		public String getFrom() {
			return this.from;
		}

		public void setFrom(String from) {
			this.from = from;
		}

		public String getTo() {
			return this.to;
		}

		public void setTo(String to) {
			this.to = to;
		}

		public String getCategory() {
			return this.category;
		}

		public void setCategory(String category) {
			this.category = category;
		}

		public String getApplication() {
			return this.application;
		}

		public void setApplication(String application) {
			this.application = application;
		}

		public String getUser() {
			return this.user;
		}

		public void setUser(String user) {
			this.user = user;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public String getDecision() {
			return this.decision;
		}

		public void setDecision(String decision) {
			this.decision = decision;
		}

		public String getRule() {
			return this.rule;
		}

		public void setRule(String rule) {
			this.rule = rule;
		}

		public String getDetector() {
			return this.detector;
		}

		public void setDetector(String detector) {
			this.detector = detector;
		}

		public String getQ() {
			return this.q;
		}

		public void setQ(String q) {
			this.q = q;
		}

	}

}
