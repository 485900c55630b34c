package dev.aigov.web.ui.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.FieldSpec;
import dev.aigov.registry.FieldType;
import dev.aigov.registry.InvalidResumeException;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeConflictException;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.web.ui.CurrentUser;
import dev.aigov.web.ui.UiFormats;

import org.springframework.http.HttpStatus;
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
import org.springframework.web.util.UriUtils;

/**
 * Registration forms for every kind of résumé entity, the inventory, and each entity's
 * page with its revisions. Records go through {@link RegistryService}, exactly as the
 * API's do; a refused form is shown again with the message next to the field.
 */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
class RegistrationController {

	/** The kinds offered for registration, in the order a résumé is usually built. */
	static final List<Kind> REGISTRABLE = List.of(Kind.AI_SYSTEM, Kind.MODEL, Kind.DATASET, Kind.DATASET_VERSION,
			Kind.BASE_MODEL, Kind.TRAINING_RUN, Kind.MODEL_VERSION, Kind.EVALUATION, Kind.INCIDENT);

	private final RegistryService registry;

	private final Inventory inventory;

	private final UiFormats formats;

	RegistrationController(RegistryService registry, Inventory inventory, UiFormats formats) {
		this.registry = registry;
		this.inventory = inventory;
		this.formats = formats;
	}

	@GetMapping("/inventory")
	String inventory(Model model) {
		model.addAttribute("inventory", this.inventory.read());
		return "registry/inventory";
	}

	@GetMapping("/registry/new")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	String chooseKind(Authentication authentication, Model model) {
		CurrentUser me = CurrentUser.of(authentication);
		model.addAttribute("kinds", REGISTRABLE.stream().filter((kind) -> mayRegister(me, kind)).toList());
		return "registry/choose";
	}

	@GetMapping("/registry/new/{kind}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	String form(@PathVariable String kind, @RequestParam MultiValueMap<String, String> prefill,
			Authentication authentication, Model model) {
		Kind parsed = registrable(kind, CurrentUser.of(authentication));
		model.addAttribute("form", EntityForm.of(parsed, EntityForm.submitted(prefill), references(parsed)));
		return "registry/form";
	}

	@PostMapping("/registry/new/{kind}")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	String register(@PathVariable String kind, @RequestParam MultiValueMap<String, String> submitted,
			Authentication authentication, Model model, RedirectAttributes redirect) {
		CurrentUser me = CurrentUser.of(authentication);
		Kind parsed = registrable(kind, me);
		EntityForm form = EntityForm.of(parsed, EntityForm.submitted(submitted), references(parsed));
		Map<String, Object> values = form.values(this.formats.zone());
		if (!form.hasErrors()) {
			try {
				ResumeEntity created = this.registry.create(parsed, values, me.actor());
				redirect.addFlashAttribute("flash", created.ref().toString());
				redirect.addFlashAttribute("created", true);
				return "redirect:" + encode(EntityPages.href(parsed.segment(), created.ref().id()));
			}
			catch (InvalidResumeException ex) {
				String field = EntityForm.fieldOf(ex.field());
				form.errors().put((field != null && isField(parsed, field)) ? field : "_form", ex.getMessage());
			}
			catch (ResumeConflictException ex) {
				form.errors().put("id", ex.getMessage());
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("status", HttpStatus.BAD_REQUEST.value());
		return "registry/form";
	}

	@GetMapping("/registry/{kind}/{id}/edit")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	String editForm(@PathVariable String kind, @PathVariable String id, Authentication authentication, Model model) {
		Kind parsed = registrable(kind, CurrentUser.of(authentication));
		ResumeEntity entity = this.registry.get(new EntityRef(parsed, id));
		model.addAttribute("form", EntityForm.of(entity, references(parsed), this.formats.zone()));
		model.addAttribute("editing", entity);
		model.addAttribute("formRevision", entity.revision().number());
		return "registry/form";
	}

	/**
	 * Records the next revision. The revision the form was read at travels with it, so a
	 * change made meanwhile by someone else is refused rather than overwritten.
	 */
	@PostMapping("/registry/{kind}/{id}/edit")
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','MODEL_OWNER','ADMIN')")
	String edit(@PathVariable String kind, @PathVariable String id, @RequestParam int revision,
			@RequestParam MultiValueMap<String, String> submitted, Authentication authentication, Model model,
			RedirectAttributes redirect) {
		CurrentUser me = CurrentUser.of(authentication);
		Kind parsed = registrable(kind, me);
		EntityRef ref = new EntityRef(parsed, id);
		Map<String, List<String>> values = EntityForm.submitted(submitted);
		values.remove("revision");
		values.put("id", List.of(id));
		EntityForm form = EntityForm.of(parsed, values, references(parsed));
		Map<String, Object> fields = form.values(this.formats.zone());
		if (!form.hasErrors()) {
			try {
				ResumeEntity updated = this.registry.update(ref, fields, me.actor(), revision);
				redirect.addFlashAttribute("flash", updated.ref() + " · " + updated.revision().number());
				return "redirect:" + encode(EntityPages.href(parsed.segment(), id));
			}
			catch (InvalidResumeException ex) {
				String field = EntityForm.fieldOf(ex.field());
				form.errors().put((field != null && isField(parsed, field)) ? field : "_form", ex.getMessage());
			}
			catch (ResumeConflictException ex) {
				form.errors().put("_form", ex.getMessage());
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("editing", this.registry.get(ref));
		model.addAttribute("formRevision", revision);
		return "registry/form";
	}

	@GetMapping("/registry/{kind}/{id}")
	String entity(@PathVariable String kind, @PathVariable String id, Model model) {
		EntityRef ref = new EntityRef(Kind.fromSegment(kind), id);
		ResumeEntity entity = this.registry.get(ref);
		model.addAttribute("entity", entity);
		model.addAttribute("specs", List.copyOf(dev.aigov.registry.ResumeSchema.fields(ref.kind()).values()));
		model.addAttribute("revisions", this.registry.revisions(ref).reversed());
		model.addAttribute("editable", REGISTRABLE.contains(ref.kind()));
		return "registry/entity";
	}

	private static boolean isField(Kind kind, String field) {
		return field.equals("id") || dev.aigov.registry.ResumeSchema.fields(kind).containsKey(field);
	}

	/** Existing entities to choose from, for each kind a reference can point at. */
	private Map<String, List<EntityForm.Option>> references(Kind kind) {
		Map<String, List<EntityForm.Option>> options = new LinkedHashMap<>();
		for (FieldSpec spec : EntityForm.writable(kind)) {
			if ((spec.type() == FieldType.REF || spec.type() == FieldType.REFS)
					&& !options.containsKey(spec.target().segment())) {
				List<EntityForm.Option> choices = new ArrayList<>();
				for (ResumeEntity entity : this.registry.list(spec.target(), 0, Inventory.LIMIT)) {
					choices.add(new EntityForm.Option(entity.ref().id(), label(entity)));
				}
				options.put(spec.target().segment(), choices);
			}
		}
		return options;
	}

	static String label(ResumeEntity entity) {
		for (String field : List.of("name", "title")) {
			if (entity.text(field) != null) {
				return entity.text(field) + " (" + entity.ref().id() + ")";
			}
		}
		if (entity.text("version") != null) {
			return entity.ref().id() + " v" + entity.text("version");
		}
		return entity.ref().id();
	}

	private static Kind registrable(String segment, CurrentUser me) {
		Kind kind = Kind.fromSegment(segment);
		if (!REGISTRABLE.contains(kind)) {
			throw new IllegalArgumentException("A " + kind.segment() + " is recorded by the approval workflow.");
		}
		if (!mayRegister(me, kind)) {
			throw new AccessDeniedException("Your role may not register a " + kind.segment() + ".");
		}
		return kind;
	}

	static boolean mayRegister(CurrentUser me, Kind kind) {
		return me.actor().mayRegister(kind);
	}

	private static String encode(String path) {
		return UriUtils.encodePath(path, StandardCharsets.UTF_8);
	}

}
