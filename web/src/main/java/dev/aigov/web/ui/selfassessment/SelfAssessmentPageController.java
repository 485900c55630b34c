package dev.aigov.web.ui.selfassessment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeConflictException;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.SelfAssessment;
import dev.aigov.registry.SelfAssessmentChecklist;
import dev.aigov.registry.SelfAssessmentChecklist.Cell;
import dev.aigov.registry.SelfAssessments;
import dev.aigov.web.ui.CurrentUser;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The guide's self-assessment checklist (table 1) per AI system: both matrices as radio
 * groups with notes, saved as a new résumé revision guarded by the revision the form was
 * read at, the history with who and when, any revision read-only, and the cells two
 * revisions differ in.
 */
@Controller
class SelfAssessmentPageController {

	private final SelfAssessments assessments;

	private final RegistryService registry;

	private final MessageSource messages;

	SelfAssessmentPageController(SelfAssessments assessments, RegistryService registry, MessageSource messages) {
		this.assessments = assessments;
		this.registry = registry;
		this.messages = messages;
	}

	@GetMapping("/self-assessments")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	String list(Model model) {
		Map<String, SelfAssessment> saved = new LinkedHashMap<>();
		this.assessments.all().forEach((checklist) -> saved.put(checklist.system(), checklist));
		List<Row> rows = this.registry.list(Kind.AI_SYSTEM, 0, 1000)
			.stream()
			.map((system) -> new Row(system,
					saved.getOrDefault(system.ref().id(), SelfAssessment.unassessed(system.ref().id()))))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("statuses", SelfAssessmentChecklist.Status.values());
		return "selfassessment/list";
	}

	@GetMapping("/self-assessments/{system}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	String page(@PathVariable String system, @RequestParam(required = false) Integer revision,
			@RequestParam(required = false) Integer diff, Authentication authentication, Model model) {
		ResumeEntity entity = this.registry.get(new dev.aigov.registry.EntityRef(Kind.AI_SYSTEM, system));
		SelfAssessment current = this.assessments.current(system);
		SelfAssessment shown = (revision != null) ? this.assessments.revision(system, revision) : current;
		List<SelfAssessments.Revision> history = this.assessments.history(system);
		boolean mayEdit = this.assessments.mayEdit(CurrentUser.of(authentication).actor(), system);
		model.addAttribute("system", entity);
		model.addAttribute("checklist", shown);
		model.addAttribute("current", current);
		model.addAttribute("pastRevision", revision != null);
		model.addAttribute("editable", mayEdit && revision == null);
		model.addAttribute("mayEdit", mayEdit);
		model.addAttribute("history", history.reversed());
		model.addAttribute("strategy",
				shown.entries()
					.entrySet()
					.stream()
					.filter((e) -> e.getKey().strategy())
					.map((e) -> new CellRow(e.getKey().dimension().key(), "sa.dim." + e.getKey().dimension().key(),
							e.getKey(), e.getValue()))
					.toList());
		model.addAttribute("readiness",
				java.util.Arrays.stream(SelfAssessmentChecklist.AdoptionMode.values())
					.map((mode) -> new ModeTable(mode.key(),
							shown.entries()
								.entrySet()
								.stream()
								.filter((e) -> mode.equals(e.getKey().mode()))
								.map((e) -> new CellRow(e.getKey().area().key(), "sa.area." + e.getKey().area().key(),
										e.getKey(), e.getValue()))
								.toList()))
					.toList());
		model.addAttribute("statuses", SelfAssessmentChecklist.Status.values());
		if (diff != null && diff > 1) {
			model.addAttribute("diffTo", diff);
			model.addAttribute("diffChanges", this.assessments.diff(system, diff - 1, diff));
		}
		return "selfassessment/checklist";
	}

	@PostMapping("/self-assessments/{system}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER')")
	String save(@PathVariable String system, @RequestParam MultiValueMap<String, String> form,
			Authentication authentication, RedirectAttributes redirect) {
		var actor = CurrentUser.of(authentication).actor();
		if (!this.assessments.mayEdit(actor, system)) {
			throw new AccessDeniedException("Only compliance officers and the system's model owners may edit.");
		}
		String redirectTo = "redirect:/self-assessments/" + system;
		try {
			int expected = Integer.parseInt(String.valueOf(form.getFirst("revision")));
			SelfAssessment saved = this.assessments.save(system, SelfAssessment.parse(nested(form)), actor, expected);
			redirect.addFlashAttribute("flash", message("sa.saved", saved.revision().number()));
		}
		catch (ResumeConflictException ex) {
			redirect.addFlashAttribute("flashError", message("sa.conflict"));
		}
		catch (InvalidResumeException | NumberFormatException ex) {
			redirect.addFlashAttribute("flashError", message("sa.invalid", ex.getMessage()));
		}
		return redirectTo;
	}

	/**
	 * The form's fields ({@code strategy.data}, {@code strategy.data.note}, ...) as JSON.
	 */
	private static Map<String, Object> nested(MultiValueMap<String, String> form) {
		Map<String, Object> strategy = new LinkedHashMap<>();
		Map<String, Map<String, Object>> readiness = new LinkedHashMap<>();
		for (Cell cell : SelfAssessmentChecklist.CELLS) {
			String status = form.getFirst(cell.id());
			if (status == null) {
				continue;
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("status", status);
			entry.put("note", form.getFirst(cell.id() + ".note"));
			if (cell.strategy()) {
				strategy.put(cell.dimension().key(), entry);
			}
			else {
				readiness.computeIfAbsent(cell.mode().key(), (key) -> new LinkedHashMap<>())
					.put(cell.area().key(), entry);
			}
		}
		return Map.of("strategy", strategy, "readiness", readiness);
	}

	private String message(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

	/**
	 * One row of a matrix.
	 *
	 * @param key the dimension's or area's key
	 * @param labelKey the message key of its label
	 * @param cell the cell
	 * @param entry its status and note as shown
	 */
	record CellRow(String key, String labelKey, Cell cell, SelfAssessment.Entry entry) {

		/** A DOM id for the row's inputs. */
		public String domId() {
			return this.cell.id().replace('.', '-');
		}

	}

	/**
	 * The readiness of one adoption mode, one row per area.
	 *
	 * @param mode the adoption mode's key
	 * @param rows its areas
	 */
	record ModeTable(String mode, List<CellRow> rows) {
	}

	/**
	 * An AI system and its checklist.
	 *
	 * @param system the AI system
	 * @param checklist its checklist now, without revision when never saved
	 */
	record Row(ResumeEntity system, SelfAssessment checklist) {
	}

}
