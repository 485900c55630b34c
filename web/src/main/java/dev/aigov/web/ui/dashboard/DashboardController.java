package dev.aigov.web.ui.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.aigov.audit.AuditPipeline;
import dev.aigov.audit.AuditSearch;
import dev.aigov.audit.AuditStatistics;
import dev.aigov.audit.AuditStatus;
import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.registry.ApprovalWorkflow;
import dev.aigov.registry.Role;
import dev.aigov.web.ui.ChartData;
import dev.aigov.web.ui.CurrentUser;
import dev.aigov.web.ui.registry.Inventory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after signing in. */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
class DashboardController {

	private final Inventory inventory;

	private final ApprovalWorkflow workflow;

	private final MessageSource messages;

	private final GovernancePolicy governance;

	private final AuditSearch audit;

	private final AuditPipeline pipeline;

	private final dev.aigov.web.ui.UiFormats formats;

	DashboardController(Inventory inventory, ApprovalWorkflow workflow, MessageSource messages,
			GovernancePolicy governance, AuditSearch audit, AuditPipeline pipeline,
			dev.aigov.web.ui.UiFormats formats) {
		this.inventory = inventory;
		this.workflow = workflow;
		this.messages = messages;
		this.governance = governance;
		this.audit = audit;
		this.pipeline = pipeline;
		this.formats = formats;
	}

	@GetMapping("/")
	String dashboard(Authentication authentication, Model model) {
		CurrentUser me = CurrentUser.of(authentication);
		Inventory.Snapshot snapshot = this.inventory.read();
		model.addAttribute("inventory", snapshot);
		model.addAttribute("states", Inventory.STATES);
		model.addAttribute("toDecide", toDecide(me, snapshot));
		model.addAttribute("toSubmit", toSubmit(me, snapshot));
		model.addAttribute("chart", chart(snapshot).toJson());
		model.addAttribute("findings", findings(snapshot));
		if (me.roles().contains(Role.AUDITOR) || me.roles().contains(Role.COMPLIANCE_OFFICER)
				|| me.roles().contains(Role.ADMIN)) {
			traffic(model);
		}
		if (me.roles().contains(Role.AUDITOR) || me.roles().contains(Role.ADMIN)) {
			try {
				model.addAttribute("auditStatus", this.pipeline.status());
			}
			catch (RuntimeException ex) {
				model.addAttribute("auditStatusUnavailable", true);
			}
		}
		return "dashboard";
	}

	/**
	 * Open findings of the latest evaluation of every version not retired, by severity
	 * and risk area (the rule id's first part); evaluations that failed are counted
	 * apart.
	 */
	private FindingCounts findings(Inventory.Snapshot snapshot) {
		Map<String, Map<Finding.Severity, Long>> byArea = new java.util.TreeMap<>();
		Map<Finding.Severity, Long> bySeverity = new java.util.EnumMap<>(Finding.Severity.class);
		int evaluated = 0;
		int failed = 0;
		for (Inventory.Row row : snapshot.rows()) {
			if (row.state().equals("retired")) {
				continue;
			}
			java.util.Optional<GovernanceEvaluation> latest = this.governance.latest(row.version().ref().id());
			if (latest.isEmpty()) {
				continue;
			}
			evaluated++;
			if (latest.get().status() == GovernanceEvaluation.Status.ERROR) {
				failed++;
			}
			for (Finding finding : latest.get().findings()) {
				String area = finding.ruleId().contains(".")
						? finding.ruleId().substring(0, finding.ruleId().indexOf('.')) : finding.ruleId();
				byArea.computeIfAbsent(area, (key) -> new java.util.EnumMap<>(Finding.Severity.class))
					.merge(finding.severity(), 1L, Long::sum);
				bySeverity.merge(finding.severity(), 1L, Long::sum);
			}
		}
		return new FindingCounts(evaluated, failed, bySeverity, byArea);
	}

	/**
	 * Proxy calls, blocks and redactions per day over the last week, when the audit index
	 * answers.
	 */
	private void traffic(Model model) {
		java.time.ZonedDateTime today = java.time.LocalDate.now(this.formats.zone()).atStartOfDay(this.formats.zone());
		java.time.Instant to = today.plusDays(1).toInstant();
		java.time.Instant from = today.minusDays(6).toInstant();
		try {
			AuditStatistics statistics = this.audit.statistics(from, to, java.time.Duration.ofDays(1));
			Locale locale = LocaleContextHolder.getLocale();
			List<String> labels = statistics.overTime()
				.stream()
				.map((bucket) -> this.formats.date(bucket.start().atZone(this.formats.zone()).toLocalDate()))
				.toList();
			List<ChartData.Series> series = List.of(
					new ChartData.Series(this.messages.getMessage("dashboard.calls", null, locale),
							statistics.overTime().stream().map((b) -> (double) b.calls()).toList(), "#2e6fba"),
					new ChartData.Series(this.messages.getMessage("dashboard.blocked", null, locale),
							statistics.overTime().stream().map((b) -> (double) b.blocked()).toList(), "#c0392b"),
					new ChartData.Series(this.messages.getMessage("dashboard.redacted", null, locale),
							statistics.overTime().stream().map((b) -> (double) b.redacted()).toList(), "#d68910"));
			model.addAttribute("traffic", statistics);
			model.addAttribute("trafficLabels", labels);
			model.addAttribute("trafficChart", new ChartData("line", labels, series, false, null).toJson());
		}
		catch (RuntimeException ex) {
			model.addAttribute("trafficUnavailable", true);
		}
	}

	/**
	 * The dashboard's findings tile.
	 *
	 * @param evaluated versions with an evaluation
	 * @param failed versions whose latest evaluation could not complete
	 * @param bySeverity findings by severity
	 * @param byArea findings by risk area, then severity
	 */
	public record FindingCounts(int evaluated, int failed, Map<Finding.Severity, Long> bySeverity,
			Map<String, Map<Finding.Severity, Long>> byArea) {

		/** Findings of a risk area with a severity, by the severity's name. */
		public long count(String area, String severity) {
			return this.byArea.getOrDefault(area, Map.of()).getOrDefault(Finding.Severity.valueOf(severity), 0L);
		}

		/** Findings with a severity, by the severity's name. */
		public long total(String severity) {
			return this.bySeverity.getOrDefault(Finding.Severity.valueOf(severity), 0L);
		}

	}

	/** Versions per lifecycle state, stacked by risk level. */
	private ChartData chart(Inventory.Snapshot snapshot) {
		Locale locale = LocaleContextHolder.getLocale();
		List<String> labels = Inventory.STATES.stream()
			.map((state) -> this.messages.getMessage("state." + state, null, locale))
			.toList();
		List<ChartData.Series> series = new ArrayList<>();
		snapshot.byRiskAndState()
			.forEach((risk, counts) -> series
				.add(new ChartData.Series(this.messages.getMessage("risk." + risk, null, risk, locale),
						Inventory.STATES.stream().map((state) -> (double) counts.getOrDefault(state, 0L)).toList(),
						RISK_COLOURS.getOrDefault(risk, "#8a8f98"))));
		return new ChartData("bar", labels, series, true, null);
	}

	private static final Map<String, String> RISK_COLOURS = Map.of("unacceptable", "#7a1020", "high", "#c0392b",
			"limited", "#d68910", "minimal", "#1e8449");

	/** Submitted versions this officer may decide on (not their own, not their model). */
	private List<Inventory.Row> toDecide(CurrentUser me, Inventory.Snapshot snapshot) {
		List<Inventory.Row> rows = new ArrayList<>();
		if (!me.roles().contains(Role.COMPLIANCE_OFFICER)) {
			return rows;
		}
		for (Inventory.Row row : snapshot.rows()) {
			if (row.state().equals("submitted") && this.workflow.options(row.version().ref().id(), me.actor())
				.get(ApprovalWorkflow.Transition.APPROVE) == null) {
				rows.add(row);
			}
		}
		return rows;
	}

	/** Drafts and rejected versions of the models this owner is accountable for. */
	private static List<Inventory.Row> toSubmit(CurrentUser me, Inventory.Snapshot snapshot) {
		if (!me.roles().contains(Role.MODEL_OWNER)) {
			return List.of();
		}
		return snapshot.rows()
			.stream()
			.filter((row) -> Set.of("draft", "rejected").contains(row.state()))
			.filter((row) -> me.username().equals(row.owner()))
			.toList();
	}

}
