package dev.aigov.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.internal.Parallel;
import dev.aigov.registry.internal.RdfMapper;
import dev.aigov.registry.internal.RevisionStore;
import org.apache.jena.rdf.model.Model;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Records and reads the résumé. Every change is a new revision with author and time;
 * nothing is ever overwritten, and any entity can be read as it was at any instant.
 */
@Service
public class RegistryService {

	/**
	 * Kinds that only the approval workflow, or a service of their own (SBOM import,
	 * self-assessment checklist, policy engine), records.
	 */
	static final Set<Kind> WORKFLOW_KINDS = Set.of(Kind.APPROVAL, Kind.DEPLOYMENT, Kind.SBOM, Kind.SELF_ASSESSMENT,
			Kind.POLICY_EVALUATION);

	/** Kinds whose records never change once written. */
	static final Set<Kind> IMMUTABLE_KINDS = Set.of(Kind.APPROVAL, Kind.SBOM, Kind.POLICY_EVALUATION);

	/** Model version states in which its content may still change. */
	static final Set<String> EDITABLE_STATES = Set.of("draft", "rejected");

	private final RevisionStore revisions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	/** One writer at a time: revision numbers and times are read, then appended. */
	private final ReentrantLock writes = new ReentrantLock();

	@Autowired
	public RegistryService(GraphStores stores, ApplicationEventPublisher events) {
		this(new RevisionStore(stores.store(GraphStores.LINEAGE)), Clock.systemUTC(), events);
	}

	/** Without events, for tools and benchmarks. */
	public RegistryService(GraphStores stores) {
		this(new RevisionStore(stores.store(GraphStores.LINEAGE)), Clock.systemUTC(), (event) -> {
		});
	}

	RegistryService(RevisionStore revisions, Clock clock, ApplicationEventPublisher events) {
		this.revisions = revisions;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Registers a new entity.
	 * @param kind what it is
	 * @param fields its fields, including {@code id}
	 * @param actor who registers it
	 * @return the entity at its first revision
	 * @throws InvalidResumeException naming the field that is wrong
	 * @throws ResumeConflictException if the id is taken
	 */
	public ResumeEntity create(Kind kind, Map<String, ?> fields, Actor actor) {
		if (WORKFLOW_KINDS.contains(kind)) {
			throw new InvalidResumeException("kind",
					"A " + kind.segment() + " is recorded by " + recorder(kind) + ", not registered directly.");
		}
		Object id = fields.get("id");
		if (!(id instanceof String text)) {
			throw new InvalidResumeException("id", "'id' is required and must be a string.");
		}
		EntityRef ref = new EntityRef(kind, text);
		for (String managed : ResumeSchema.MANAGED_FIELDS) {
			if (fields.containsKey(managed)) {
				throw new InvalidResumeException(managed,
						"'" + managed + "' is set by the approval workflow, not directly (use submit, approve, ...).");
			}
		}
		Map<String, Object> state = new LinkedHashMap<>(fields);
		if (kind == Kind.MODEL_VERSION) {
			state.put("lifecycleState", "draft");
		}
		return changed(List.of(write(ref, state, actor, null, true)), actor).get(0);
	}

	/** Who records a kind of {@link #WORKFLOW_KINDS}, for error messages. */
	static String recorder(Kind kind) {
		return switch (kind) {
			case SBOM -> "the SBOM import";
			case SELF_ASSESSMENT -> "the self-assessment checklist (PUT /api/registry/ai-systems/{id}/self-assessment)";
			case POLICY_EVALUATION -> "the policy engine";
			default -> "the approval workflow";
		};
	}

	/**
	 * Records an external SBOM of a model version, once the SBOM module has validated the
	 * document and stored it by its hash. Such a record can never change.
	 * @param id the record's id
	 * @param fields its fields ({@code modelVersion}, {@code specVersion},
	 * {@code contentSha256}, ...)
	 * @param actor who imported it
	 * @return the record
	 * @throws ResumeConflictException if a record with this id exists
	 * @throws InvalidResumeException if a field is wrong or the model version is unknown
	 */
	public ResumeEntity recordSbom(String id, Map<String, ?> fields, Actor actor) {
		EntityRef ref = new EntityRef(Kind.SBOM, id);
		return write(ref, new LinkedHashMap<>(fields), actor, null, false);
	}

	/**
	 * Records a governance evaluation made by the policy engine. Such a record can never
	 * change. No {@link ResumeEvents.ResumeChanged} is published: an evaluation is about
	 * the résumé, not a change to it, and must not trigger another evaluation.
	 * @param id the record's id
	 * @param fields its fields ({@code modelVersion}, {@code facts}, {@code findings},
	 * ...)
	 * @param actor who or what triggered the evaluation
	 * @return the record
	 * @throws ResumeConflictException if a record with this id exists
	 * @throws InvalidResumeException if a field is wrong or the model version is unknown
	 */
	public ResumeEntity recordPolicyEvaluation(String id, Map<String, ?> fields, Actor actor) {
		return write(new EntityRef(Kind.POLICY_EVALUATION, id), new LinkedHashMap<>(fields), actor, null, false);
	}

	/**
	 * The entities of a kind whose reference field points at the target now, in no
	 * particular order.
	 * @param kind the kind of the entities
	 * @param field a {@link FieldType#REF} field of that kind
	 * @param target the entity referred to
	 */
	public List<ResumeEntity> referring(Kind kind, String field, EntityRef target) {
		FieldSpec spec = ResumeSchema.fields(kind).get(field);
		if (spec == null || spec.type() != FieldType.REF || spec.target() != target.kind()) {
			throw new IllegalArgumentException(
					kind.segment() + "." + field + " is not a reference to a " + target.kind().segment());
		}
		Set<EntityRef> refs = new LinkedHashSet<>();
		this.revisions.read((reads) -> {
			reads.connection()
				.querySelect("SELECT ?e WHERE { GRAPH <" + RevisionStore.CURRENT + "> { ?e <" + spec.predicate() + "> <"
						+ target.iri() + "> } }", (row) -> {
							EntityRef ref = EntityRef.fromIri(row.getResource("e").getURI());
							if (ref.kind() == kind) {
								refs.add(ref);
							}
						});
			return null;
		});
		return List.copyOf(getExisting(refs).values());
	}

	/**
	 * Records a new revision with the given fields, which replace the previous ones.
	 * @param expectedRevision the revision the caller read, or {@code null} to skip the
	 * check
	 * @throws ResumeConflictException if the entity changed since, is immutable, or is a
	 * model version no longer in draft
	 */
	public ResumeEntity update(EntityRef ref, Map<String, ?> fields, Actor actor, Integer expectedRevision) {
		if (IMMUTABLE_KINDS.contains(ref.kind()) || WORKFLOW_KINDS.contains(ref.kind())) {
			throw new ResumeConflictException("A recorded " + ref.kind().segment() + " can never be changed.");
		}
		ResumeEntity written;
		this.writes.lock();
		try {
			RevisionStore.Snapshot latest = this.revisions.latest(ref).orElseThrow(() -> notFound(ref));
			if (expectedRevision != null && expectedRevision != latest.info().number()) {
				throw new ResumeConflictException(ref + " is at revision " + latest.info().number() + ", not "
						+ expectedRevision + "; read it again and reapply your change.");
			}
			Map<String, Object> previous = RdfMapper.fromModel(ref, latest.state());
			Map<String, Object> state = new LinkedHashMap<>(fields);
			if (ref.kind() == Kind.MODEL_VERSION) {
				Object lifecycle = previous.get("lifecycleState");
				if (!EDITABLE_STATES.contains(lifecycle)) {
					throw new ResumeConflictException(ref + " is " + lifecycle
							+ "; its content is frozen. Register a new model version instead.");
				}
				for (String managed : ResumeSchema.MANAGED_FIELDS) {
					if (previous.containsKey(managed)) {
						state.put(managed, previous.get(managed));
					}
				}
			}
			written = write(ref, state, actor, latest.info(), true);
		}
		finally {
			this.writes.unlock();
		}
		return changed(List.of(written), actor).get(0);
	}

	/** Tells the rest of the application (e.g. the policy engine) what was recorded. */
	private List<ResumeEntity> changed(List<ResumeEntity> entities, Actor actor) {
		Set<EntityRef> versions = new LinkedHashSet<>();
		for (ResumeEntity entity : entities) {
			if (entity.ref().kind() == Kind.MODEL_VERSION) {
				versions.add(entity.ref());
			}
			else if (entity.fields().get("modelVersion") instanceof String version) {
				versions.add(new EntityRef(Kind.MODEL_VERSION, version));
			}
		}
		this.events.publishEvent(new ResumeEvents.ResumeChanged(entities.stream().map(ResumeEntity::ref).toList(),
				List.copyOf(versions), actor.username(), this.clock.instant()));
		return entities;
	}

	/**
	 * Appends revisions to several entities at once, atomically. For the approval
	 * workflow and the imports. Managed fields are accepted.
	 * <p>
	 * Only what depends on the store's state runs under the write lock (ADR 015): that no
	 * entity changed since its caller read it, that referenced entities exist, that
	 * "derived from" stays acyclic, and the write itself. Mapping the fields to triples,
	 * and the entities returned back to fields, runs before and after it, so that while
	 * one import writes, another can be checked.
	 */
	List<ResumeEntity> record(List<PendingChange> changes, Actor actor) {
		Prepared prepared = prepare(changes);
		List<RevisionInfo> recorded = recordLocked(prepared, actor);
		List<ResumeEntity> result = new ArrayList<>(recorded.size());
		List<Map<String, Object>> fields = Parallel.map(prepared.changes(),
				(change) -> RdfMapper.fromModel(change.ref(), change.state()));
		for (int i = 0; i < recorded.size(); i++) {
			result.add(new ResumeEntity(recorded.get(i).ref(), recorded.get(i), fields.get(i)));
		}
		return changed(result, actor);
	}

	/**
	 * Maps every change to its triples without the write lock. A reference to an entity
	 * that the store holds now is settled here: entities are never deleted, so it still
	 * exists when the write happens. A reference to one that the store lacks now is
	 * accepted for the moment and checked again under the lock, since another write may
	 * record it meanwhile.
	 */
	private Prepared prepare(List<PendingChange> changes) {
		Map<EntityRef, Map<String, Object>> pending = new LinkedHashMap<>();
		changes.forEach((change) -> pending.put(change.ref(), change.fields()));
		Set<EntityRef> referenced = new LinkedHashSet<>();
		changes.forEach((change) -> referenced.addAll(RdfMapper.references(change.ref(), change.fields())));
		referenced.removeAll(pending.keySet());
		Set<EntityRef> existing = this.revisions.read((reads) -> reads.existing(referenced));
		Set<EntityRef> unsettled = new LinkedHashSet<>(referenced);
		unsettled.removeAll(existing);
		List<RevisionStore.Change> mapped = Parallel
			.map(changes,
					(change) -> new RevisionStore.Change(change.ref(),
							RdfMapper.toModel(change.ref(), change.fields(),
									(ref) -> pending.containsKey(ref) || existing.contains(ref)
											|| unsettled.contains(ref) || this.revisions.exists(ref),
									true),
							change.expectedPrevious()));
		return new Prepared(changes, mapped, pending, unsettled);
	}

	/**
	 * The checks that depend on the store's state, and the write, under the write lock.
	 * @return the revision recorded for each change, in order
	 */
	private List<RevisionInfo> recordLocked(Prepared prepared, Actor actor) {
		this.writes.lock();
		try {
			// One read for the whole batch: the latest revision of every entity written,
			// and which of the references unsettled before exist now.
			Lookup lookup = this.revisions.read((reads) -> new Lookup(reads.latestInfo(prepared.pending().keySet()),
					prepared.unsettled(), reads.existing(prepared.unsettled())));
			Instant at = this.clock.instant();
			for (RevisionStore.Change change : prepared.changes()) {
				RevisionInfo latest = lookup.latest().get(change.ref());
				int previous = (latest != null) ? latest.number() : 0;
				if (previous != change.previous()) {
					throw new ResumeConflictException(change.ref() + " changed meanwhile; try again.");
				}
				at = later(at, latest);
			}
			if (!lookup.existing().containsAll(prepared.unsettled())) {
				// Mapping again with the store's answer names the field, as it would
				// have.
				for (PendingChange change : prepared.requested()) {
					RdfMapper.toModel(change.ref(), change.fields(),
							(ref) -> prepared.pending().containsKey(ref) || lookup.exists(ref, this.revisions), true);
				}
			}
			checkNoDerivationCycle(prepared.pending());
			this.revisions.append(prepared.changes(), actor.username(), at);
			// The entities as recorded are the states just written, at the revision and
			// time just appended: reading them back would only repeat the write (for a
			// bulk import, a quarter of its time).
			List<RevisionInfo> recorded = new ArrayList<>(prepared.changes().size());
			for (RevisionStore.Change change : prepared.changes()) {
				recorded.add(new RevisionInfo(change.ref(), change.previous() + 1, at, actor.username()));
			}
			return recorded;
		}
		finally {
			this.writes.unlock();
		}
	}

	private ResumeEntity write(EntityRef ref, Map<String, Object> fields, Actor actor, RevisionInfo previous,
			boolean allowManaged) {
		this.writes.lock();
		try {
			Set<EntityRef> referenced = RdfMapper.references(ref, fields);
			Lookup lookup = this.revisions
				.read((reads) -> new Lookup((previous != null) ? Map.of(ref, previous) : reads.latestInfo(List.of(ref)),
						referenced, reads.existing(referenced)));
			RevisionInfo latest = lookup.latest().get(ref);
			if (previous == null && latest != null) {
				throw new ResumeConflictException(
						"A " + ref.kind().segment() + " with id '" + ref.id() + "' already exists.");
			}
			Model model = RdfMapper.toModel(ref, fields, (other) -> lookup.exists(other, this.revisions), allowManaged);
			checkNoDerivationCycle(Map.of(ref, fields));
			Instant at = later(this.clock.instant(), latest);
			this.revisions.append(
					List.of(new RevisionStore.Change(ref, model, (previous != null) ? previous.number() : 0)),
					actor.username(), at);
			return get(ref);
		}
		finally {
			this.writes.unlock();
		}
	}

	/**
	 * Revision times of one entity strictly increase, even within one clock tick.
	 * @param latest the entity's latest revision, {@code null} for a new entity
	 */
	private static Instant later(Instant candidate, RevisionInfo latest) {
		return java.util.Optional.ofNullable(latest)
			.map(RevisionInfo::at)
			.filter((previous) -> !candidate.isAfter(previous))
			.map((previous) -> previous.plus(1, ChronoUnit.MICROS))
			.orElse(candidate.truncatedTo(ChronoUnit.MICROS));
	}

	/**
	 * "Derived from" must stay acyclic: nothing may derive, even indirectly, from itself.
	 * Pending states (not yet recorded) take precedence over stored ones.
	 */
	private void checkNoDerivationCycle(Map<EntityRef, Map<String, Object>> pending) {
		Map<EntityRef, Object> stored = storedDerivations(pending);
		for (Map.Entry<EntityRef, Map<String, Object>> entry : pending.entrySet()) {
			EntityRef self = entry.getKey();
			if (ResumeSchema.fields(self.kind()).get("derivedFrom") == null) {
				continue;
			}
			java.util.Deque<EntityRef> todo = new java.util.ArrayDeque<>(derivedFrom(self, pending, stored));
			Set<EntityRef> seen = new java.util.HashSet<>();
			while (!todo.isEmpty()) {
				EntityRef next = todo.pop();
				if (next.equals(self)) {
					throw new InvalidResumeException("derivedFrom",
							"'derivedFrom' would make a cycle: " + self + " would derive from itself.");
				}
				if (seen.add(next)) {
					todo.addAll(derivedFrom(next, pending, stored));
				}
			}
		}
	}

	/**
	 * The recorded "derived from" values of every stored entity the pending states reach,
	 * read in one read of the store, one lookup per step of derivation rather than one
	 * per entity. Ids that are not valid are skipped here; the check itself reports them.
	 */
	private Map<EntityRef, Object> storedDerivations(Map<EntityRef, Map<String, Object>> pending) {
		Set<EntityRef> frontier = new LinkedHashSet<>();
		pending.keySet()
			.stream()
			.filter((ref) -> ResumeSchema.fields(ref.kind()).get("derivedFrom") != null)
			.forEach(frontier::add);
		if (frontier.isEmpty()) {
			return Map.of();
		}
		return this.revisions.read((reads) -> {
			Map<EntityRef, Object> stored = new java.util.HashMap<>();
			Set<EntityRef> seen = new java.util.HashSet<>(frontier);
			Set<EntityRef> next = frontier;
			while (!next.isEmpty()) {
				List<EntityRef> unread = next.stream()
					.filter((ref) -> !pending.containsKey(ref) && !stored.containsKey(ref))
					.filter((ref) -> ResumeSchema.fields(ref.kind()).get("derivedFrom") != null)
					.toList();
				Map<EntityRef, RevisionStore.Snapshot> snapshots = unread.isEmpty() ? Map.of() : reads.latest(unread);
				for (EntityRef ref : unread) {
					RevisionStore.Snapshot snapshot = snapshots.get(ref);
					stored.put(ref,
							(snapshot != null) ? RdfMapper.fromModel(ref, snapshot.state()).get("derivedFrom") : null);
				}
				Set<EntityRef> following = new LinkedHashSet<>();
				for (EntityRef ref : next) {
					FieldSpec spec = ResumeSchema.fields(ref.kind()).get("derivedFrom");
					Object value = pending.containsKey(ref) ? pending.get(ref).get("derivedFrom") : stored.get(ref);
					if (spec == null || !(value instanceof List<?> ids)) {
						continue;
					}
					for (Object id : ids) {
						try {
							EntityRef target = new EntityRef(spec.target(), String.valueOf(id));
							if (seen.add(target)) {
								following.add(target);
							}
						}
						catch (InvalidResumeException ex) {
							// reported by the check, in its order
						}
					}
				}
				next = following;
			}
			return stored;
		});
	}

	private List<EntityRef> derivedFrom(EntityRef ref, Map<EntityRef, Map<String, Object>> pending,
			Map<EntityRef, Object> stored) {
		FieldSpec spec = ResumeSchema.fields(ref.kind()).get("derivedFrom");
		if (spec == null) {
			return List.of();
		}
		Object value = pending.containsKey(ref) ? pending.get(ref).get("derivedFrom")
				: stored.containsKey(ref) ? stored.get(ref)
						: this.revisions.latest(ref)
							.map((s) -> RdfMapper.fromModel(ref, s.state()).get("derivedFrom"))
							.orElse(null);
		if (!(value instanceof List<?> ids)) {
			return List.of();
		}
		return ids.stream().map((id) -> new EntityRef(spec.target(), String.valueOf(id))).toList();
	}

	/** The entity now. */
	public ResumeEntity get(EntityRef ref) {
		return toEntity(ref, this.revisions.latest(ref).orElseThrow(() -> notFound(ref)));
	}

	/** The entity as recorded at an instant; not found if it did not exist yet. */
	public ResumeEntity get(EntityRef ref, Instant asOf) {
		if (asOf == null) {
			return get(ref);
		}
		return toEntity(ref, this.revisions.asOf(ref, asOf)
			.orElseThrow(() -> new ResumeNotFoundException(ref, ref + " did not exist at " + asOf + ".")));
	}

	/** One revision of the entity. */
	public ResumeEntity revision(EntityRef ref, int number) {
		return toEntity(ref, this.revisions.revision(ref, number)
			.orElseThrow(() -> new ResumeNotFoundException(ref, ref + " has no revision " + number + ".")));
	}

	public boolean exists(EntityRef ref) {
		return this.revisions.exists(ref);
	}

	/** All revisions of the entity, oldest first. */
	public List<RevisionInfo> revisions(EntityRef ref) {
		List<RevisionInfo> all = this.revisions.revisions(ref);
		if (all.isEmpty()) {
			throw notFound(ref);
		}
		return all;
	}

	/** Every entity of a kind that exists now, read a page of 1,000 at a time. */
	public List<ResumeEntity> listAll(Kind kind) {
		List<ResumeEntity> all = new ArrayList<>();
		for (int offset = 0;; offset += 1000) {
			List<ResumeEntity> page = list(kind, offset, 1000);
			all.addAll(page);
			if (page.size() < 1000) {
				return all;
			}
		}
	}

	/** The entities of a kind that exist now. */
	public List<ResumeEntity> list(Kind kind, int offset, int limit) {
		return this.revisions.read((reads) -> {
			List<EntityRef> refs = reads.list(kind, Math.max(0, offset), Math.min(Math.max(1, limit), 1000));
			Map<EntityRef, RevisionStore.Snapshot> snapshots = reads.latest(refs);
			List<ResumeEntity> entities = new ArrayList<>();
			for (EntityRef ref : refs) {
				RevisionStore.Snapshot snapshot = snapshots.get(ref);
				if (snapshot == null) {
					throw notFound(ref);
				}
				entities.add(toEntity(ref, snapshot));
			}
			return entities;
		});
	}

	/**
	 * The entities that exist now, as {@link #get(EntityRef)} returns them, read together
	 * in one read of the store. Those that do not exist are left out.
	 */
	Map<EntityRef, ResumeEntity> getExisting(java.util.Collection<EntityRef> refs) {
		return this.revisions.read((reads) -> {
			Set<EntityRef> existing = reads.existing(refs);
			Map<EntityRef, RevisionStore.Snapshot> snapshots = reads.latest(existing);
			Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>();
			for (EntityRef ref : existing) {
				RevisionStore.Snapshot snapshot = snapshots.get(ref);
				if (snapshot == null) {
					throw notFound(ref);
				}
				entities.put(ref, toEntity(ref, snapshot));
			}
			return entities;
		});
	}

	/**
	 * Compares two revisions field by field.
	 * @param from the older revision number
	 * @param to the newer one; the revision before it when {@code from} is omitted
	 */
	public RevisionDiff diff(EntityRef ref, int from, int to) {
		ResumeEntity before = revision(ref, from);
		ResumeEntity after = revision(ref, to);
		Map<String, RevisionDiff.Change> changes = new LinkedHashMap<>();
		Set<String> names = new LinkedHashSet<>(ResumeSchema.fields(ref.kind()).keySet());
		for (String name : names) {
			Object old = before.fields().get(name);
			Object now = after.fields().get(name);
			if (!Objects.equals(old, now)) {
				changes.put(name, new RevisionDiff.Change(old, now));
			}
		}
		return new RevisionDiff(ref, before.revision(), after.revision(), changes);
	}

	static ResumeEntity toEntity(EntityRef ref, RevisionStore.Snapshot snapshot) {
		return new ResumeEntity(ref, snapshot.info(), RdfMapper.fromModel(ref, snapshot.state()));
	}

	static ResumeNotFoundException notFound(EntityRef ref) {
		return new ResumeNotFoundException(ref, "No " + ref.kind().segment() + " with id '" + ref.id() + "'.");
	}

	/**
	 * What a write looked up before validating: the latest revision of each entity
	 * written, and which of the entities they refer to exist.
	 *
	 * @param latest latest revision by entity, for those that exist
	 * @param checked the referenced entities looked up
	 * @param existing those of them that exist
	 */
	private record Lookup(Map<EntityRef, RevisionInfo> latest, Set<EntityRef> checked, Set<EntityRef> existing) {

		/** Whether a referenced entity exists; asks the store about one not looked up. */
		boolean exists(EntityRef ref, RevisionStore revisions) {
			return this.checked.contains(ref) ? this.existing.contains(ref) : revisions.exists(ref);
		}

	}

	/**
	 * Changes mapped to triples before the write lock is taken.
	 *
	 * @param requested the changes as asked for
	 * @param changes their states, in the same order
	 * @param pending the requested fields by entity
	 * @param unsettled referenced entities the store lacked when they were mapped
	 */
	private record Prepared(List<PendingChange> requested, List<RevisionStore.Change> changes,
			Map<EntityRef, Map<String, Object>> pending, Set<EntityRef> unsettled) {
	}

	/**
	 * A change the workflow records together with others.
	 *
	 * @param ref the entity
	 * @param fields its complete new fields
	 * @param expectedPrevious the revision it replaces, 0 for a new entity
	 */
	record PendingChange(EntityRef ref, Map<String, Object> fields, int expectedPrevious) {
	}

}
