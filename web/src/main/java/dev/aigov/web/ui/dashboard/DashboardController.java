package dev.aigov.web.ui.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

	DashboardController(Inventory inventory, ApprovalWorkflow workflow, MessageSource messages) {
		this.inventory = inventory;
		this.workflow = workflow;
		this.messages = messages;
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
		return "dashboard";
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
