package dev.aigov.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aigov.registry.SelfAssessment.Change;
import dev.aigov.registry.SelfAssessment.Entry;
import dev.aigov.registry.SelfAssessmentChecklist.Cell;

import org.springframework.stereotype.Service;

/**
 * The self-assessment checklist of each AI system, kept in the résumé as an entity of
 * kind {@code self-assessment} whose id is the system's. Every save is a new revision
 * with author and time, so the checklist can be read as of any instant and compared
 * between revisions like any other entity.
 */
@Service
public class SelfAssessments {

	private final RegistryService registry;

	public SelfAssessments(RegistryService registry) {
		this.registry = registry;
	}

	/**
	 * The system's checklist now; every cell not assessed when it was never saved.
	 * @throws ResumeNotFoundException if there is no such AI system
	 */
	public SelfAssessment current(String system) {
		EntityRef ref = ref(requireSystem(system));
		return this.registry.exists(ref) ? SelfAssessment.of(this.registry.get(ref))
				: SelfAssessment.unassessed(system);
	}

	/**
	 * The checklist as it was recorded at an instant.
	 * @throws ResumeNotFoundException if there is no such system, or no checklist was
	 * saved by then
	 */
	public SelfAssessment asOf(String system, Instant at) {
		return SelfAssessment.of(this.registry.get(ref(requireSystem(system)), at));
	}

	/** One saved revision of the checklist. */
	public SelfAssessment revision(String system, int number) {
		return SelfAssessment.of(this.registry.revision(ref(requireSystem(system)), number));
	}

	/**
	 * Every saved revision, oldest first, each with what it changed; empty when the
	 * checklist was never saved.
	 */
	public List<Revision> history(String system) {
		EntityRef ref = ref(requireSystem(system));
		if (!this.registry.exists(ref)) {
			return List.of();
		}
		List<Revision> history = new ArrayList<>();
		SelfAssessment before = SelfAssessment.unassessed(system);
		for (RevisionInfo info : this.registry.revisions(ref)) {
			SelfAssessment state = SelfAssessment.of(this.registry.revision(ref, info.number()));
			history.add(new Revision(info, state, state.changesSince(before)));
			before = state;
		}
		return history;
	}

	/** The cells that differ between two saved revisions. */
	public List<Change> diff(String system, int from, int to) {
		return revision(system, to).changesSince(revision(system, from));
	}

	/**
	 * Saves a new revision of the checklist. Cells left out are recorded as not assessed.
	 * @param expectedRevision the revision the caller read, 0 when it read an unsaved
	 * checklist
	 * @throws ResumeConflictException if the checklist changed since it was read
	 * @throws SelfAssessmentRefusedException if the actor may not edit this system's
	 * checklist
	 * @throws ResumeNotFoundException if there is no such AI system
	 */
	public SelfAssessment save(String system, Map<Cell, Entry> entries, Actor actor, int expectedRevision) {
		EntityRef ref = ref(requireSystem(system));
		if (!mayEdit(actor, system)) {
			throw new SelfAssessmentRefusedException(actor.username() + " may not edit the self-assessment of " + system
					+ ": only compliance officers and the system's model owners may.");
		}
		SelfAssessment state = new SelfAssessment(system, null, entries);
		List<ResumeEntity> recorded = this.registry
			.record(List.of(new RegistryService.PendingChange(ref, state.toFields(), expectedRevision)), actor);
		return SelfAssessment.of(recorded.get(0));
	}

	/**
	 * Whether the actor may edit the system's checklist: compliance officers, the
	 * system's owner and the owners of its models may.
	 */
	public boolean mayEdit(Actor actor, String system) {
		if (actor.has(Role.COMPLIANCE_OFFICER)) {
			return true;
		}
		if (!actor.has(Role.MODEL_OWNER)) {
			return false;
		}
		ResumeEntity entity = this.registry.get(requireSystem(system));
		if (actor.username().equals(entity.text("owner"))) {
			return true;
		}
		return this.registry.list(Kind.MODEL, 0, 1000)
			.stream()
			.anyMatch((model) -> system.equals(model.text("system")) && actor.username().equals(model.text("owner")));
	}

	/** The systems whose checklist was saved at least once, with their current state. */
	public List<SelfAssessment> all() {
		return this.registry.list(Kind.SELF_ASSESSMENT, 0, 1000).stream().map(SelfAssessment::of).toList();
	}

	private EntityRef requireSystem(String system) {
		EntityRef ref = new EntityRef(Kind.AI_SYSTEM, system);
		if (!this.registry.exists(ref)) {
			throw RegistryService.notFound(ref);
		}
		return ref;
	}

	private static EntityRef ref(EntityRef system) {
		return new EntityRef(Kind.SELF_ASSESSMENT, system.id());
	}

	/**
	 * One saved revision and what it changed from the one before (from an unassessed
	 * checklist for the first).
	 *
	 * @param info number, time and author
	 * @param state the checklist as saved
	 * @param changes the cells it changed
	 */
	public record Revision(RevisionInfo info, SelfAssessment state, List<Change> changes) {
	}

}
