package dev.aigov.policy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.aigov.policy.BomEvidence;
import dev.aigov.policy.PackActivationStore;
import dev.aigov.policy.Finding;
import dev.aigov.policy.GovernanceEvaluation;
import dev.aigov.policy.GovernancePolicy;
import dev.aigov.policy.PackActivation;
import dev.aigov.policy.PackKind;
import dev.aigov.policy.PackRejectedException;
import dev.aigov.policy.PolicyPack;
import dev.aigov.policy.PolicyPacks;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.policy.RuntimePolicy;
import dev.aigov.policy.facts.Outcome;
import dev.aigov.policy.facts.Threshold;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.registry.ResumeReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The policy engine: holds the active packs behind one atomic reference and evaluates
 * résumés and calls with them. Loading a pack never blocks an evaluation; an evaluation
 * reads the reference once and finishes on the packs it read.
 */
@Component
public class PolicyEngine implements PolicyPacks, GovernancePolicy, RuntimePolicy {

	private static final Logger logger = LoggerFactory.getLogger(PolicyEngine.class);

	/** The packs that ship with the appliance, on the classpath. */
	static final List<String> BUILT_IN = List.of("dev/aigov/policy/packs/governance", "dev/aigov/policy/packs/runtime");

	static final String SYSTEM = "system";

	/** How the origin of an uploaded pack begins; the uploader's name follows. */
	private static final String UPLOAD = "upload by ";

	private final PolicyProperties properties;

	private final PackCompiler compiler;

	private final FactExtractor extractor;

	private final List<Threshold> thresholds;

	private final ResumeReader reader;

	private final ObjectProvider<BomEvidence> bomEvidence;

	private final Clock clock;

	private final AtomicReference<Map<String, ActivePack>> active = new AtomicReference<>(Map.of());

	private final List<PackActivation> activations = new CopyOnWriteArrayList<>();

	private final PackActivationStore activationStore;

	private final EvaluationStore evaluations;

	/**
	 * Every pack version compiled since start, for replays against a recorded version.
	 */
	private final Map<String, CompiledPack> known = new ConcurrentHashMap<>();

	private volatile ApplicationEventPublisher publisher;

	/** The current evaluation per version, until a change makes it out of date. */
	private final Map<String, GovernanceEvaluation> latest = new ConcurrentHashMap<>();

	/**
	 * Counts changes that make kept evaluations out of date, so none is kept too late.
	 */
	private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * Uploaded packs that could not be activated again after a restart, by name, with
	 * why: while any is here every evaluation fails closed.
	 */
	private final Map<String, String> unrestored = new ConcurrentHashMap<>();

	/** The last recorded evaluation per version, for the "same result" rule. */
	private final Map<String, GovernanceEvaluation> lastRecorded = new ConcurrentHashMap<>();

	@Autowired
	PolicyEngine(PolicyProperties properties, ResumeReader reader, RegistryService registry,
			ObjectProvider<BomEvidence> bomEvidence, ObjectProvider<PackActivationStore> activationStore) {
		this(properties, reader, bomEvidence, new ResumeEvaluationStore(registry), activationStore.getIfAvailable(),
				Clock.systemUTC());
	}

	/**
	 * An engine outside Spring (tools, benchmarks, tests).
	 * @param registry where evaluations are recorded, and {@code reader} reads résumés
	 * from; {@code null} for neither (evaluations kept in memory, none by version id)
	 * @param activationStore where activations are kept, {@code null} for memory
	 */
	public static PolicyEngine outsideSpring(PolicyProperties properties, RegistryService registry, ResumeReader reader,
			ObjectProvider<BomEvidence> bomEvidence, PackActivationStore activationStore) {
		return new PolicyEngine(properties, reader, bomEvidence,
				(registry != null) ? new ResumeEvaluationStore(registry) : new EvaluationStore.InMemory(),
				activationStore, Clock.systemUTC());
	}

	PolicyEngine(PolicyProperties properties, ResumeReader reader, ObjectProvider<BomEvidence> bomEvidence,
			EvaluationStore evaluations, PackActivationStore activationStore, Clock clock) {
		this.properties = properties;
		this.compiler = new PackCompiler(properties);
		this.extractor = new FactExtractor(properties);
		this.thresholds = this.compiler.thresholds();
		this.reader = reader;
		this.bomEvidence = bomEvidence;
		this.evaluations = evaluations;
		this.activationStore = activationStore;
		this.clock = clock;
		List<PackActivation> history = (activationStore != null) ? activationStore.history() : List.of();
		this.activations.addAll(history);
		for (String location : BUILT_IN) {
			// A built-in pack that fails its own fixtures is a defect: refuse to start.
			activate(PackSource.fromClasspath(location), SYSTEM);
		}
		if (properties.packsDir() != null && Files.isDirectory(properties.packsDir())) {
			reload(SYSTEM);
		}
		restoreUploads(history);
	}

	/**
	 * Activates again, from their kept zip files, the packs whose last accepted
	 * activation before this start was an upload, so that a restart never silently puts a
	 * built-in or directory pack back in place of the organisation's own. A pack that
	 * cannot be restored makes every evaluation fail closed until it is uploaded again.
	 */
	private void restoreUploads(List<PackActivation> history) {
		Map<String, PackActivation> lastAccepted = new TreeMap<>();
		history.stream()
			.filter(PackActivation::accepted)
			.forEach((activation) -> lastAccepted.put(activation.name(), activation));
		for (PackActivation last : lastAccepted.values()) {
			ActivePack current = this.active.get().get(last.name());
			if (!last.origin().startsWith(UPLOAD)
					|| (current != null && current.pack().version().equals(last.version()))) {
				continue;
			}
			try {
				byte[] zip = this.activationStore.archived(last.version())
					.orElseThrow(() -> new PackRejectedException(last.name(),
							List.of("its zip file is not kept in the store")));
				activate(PackSource.fromZip(zip, last.origin()), SYSTEM, null);
			}
			catch (RuntimeException ex) {
				String why = "Policy pack " + last.name() + " " + last.version() + " (" + last.origin() + " at "
						+ last.at() + ") could not be activated again after the restart: "
						+ ((ex instanceof PackRejectedException rejected) ? String.join("; ", rejected.problems())
								: ex.toString())
						+ ". Every evaluation fails closed until the pack is uploaded again.";
				logger.error(why);
				this.unrestored.put(last.name(), why);
			}
		}
	}

	/**
	 * Publishes every activation attempt after start (accepted or rejected) as an
	 * application event, so that the audit log records it.
	 */
	@Autowired(required = false)
	void setEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	private void recordActivation(PackActivation activation) {
		if (this.activationStore != null) {
			try {
				this.activationStore.append(activation);
			}
			catch (RuntimeException ex) {
				// The swap has happened (or been refused); the audit event still records
				// it.
				logger.error("Could not store the activation of policy pack {} {}: {}", activation.name(),
						activation.version(), ex.toString());
			}
		}
		this.activations.add(activation);
		ApplicationEventPublisher events = this.publisher;
		if (events != null) {
			events.publishEvent(activation);
		}
	}

	// Pack management

	@Override
	public List<PolicyPack> active() {
		return this.active.get().values().stream().map(ActivePack::describe).toList();
	}

	@Override
	public List<PackActivation> activations() {
		return List.copyOf(this.activations);
	}

	@Override
	public PolicyPack activate(byte[] zip, String actor) {
		PackSource source;
		try {
			source = PackSource.fromZip(zip, UPLOAD + actor);
		}
		catch (PackRejectedException ex) {
			recordActivation(new PackActivation("?", null, UPLOAD + actor, actor, this.clock.instant(), false,
					String.join("; ", ex.problems()), null));
			throw ex;
		}
		return activate(source, actor, zip);
	}

	@Override
	public List<PackActivation> reload(String actor) {
		Path dir = this.properties.packsDir();
		if (dir == null || !Files.isDirectory(dir)) {
			throw new IllegalStateException(
					"No packs directory is configured (aigov.policy.packs-dir) or it does " + "not exist: " + dir);
		}
		List<Path> packs;
		try (Stream<Path> children = Files.list(dir)) {
			packs = children.filter((child) -> Files.isRegularFile(child.resolve("pack.properties"))).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + dir, ex);
		}
		List<PackActivation> results = new ArrayList<>();
		for (Path pack : packs) {
			int before = this.activations.size();
			try {
				activate(PackSource.fromDirectory(pack), actor);
			}
			catch (PackRejectedException | UncheckedIOException ex) {
				logger.warn("Policy pack in {} rejected: {}", pack, ex.getMessage());
			}
			if (this.activations.size() > before) {
				results.add(this.activations.get(this.activations.size() - 1));
			}
		}
		return results;
	}

	PolicyPack activate(PackSource source, String actor) {
		return activate(source, actor, null);
	}

	/**
	 * Compiles a pack, runs its fixtures and makes it active.
	 * @param archive the uploaded zip file to keep for restarts, {@code null} if the
	 * source outlives the engine (classpath, packs directory) or is being restored
	 */
	private PolicyPack activate(PackSource source, String actor, byte[] archive) {
		String name = "?";
		String version = source.version();
		try {
			name = source.manifest().getProperty("name", "?").strip();
			CompiledPack pack = this.compiler.compile(source);
			if (archive != null && this.activationStore != null) {
				// Kept before the swap: an upload that could not be kept is not active.
				this.activationStore.archive(pack.version(), archive);
			}
			ActivePack activated = new ActivePack(pack, actor, this.clock.instant());
			// Swap, never mutate: evaluations in flight keep the map they read.
			Map<String, ActivePack> previous = this.active.getAndUpdate((current) -> {
				Map<String, ActivePack> next = new TreeMap<>(current);
				next.put(pack.name(), activated);
				return java.util.Collections.unmodifiableMap(next);
			});
			ActivePack replaced = previous.get(pack.name());
			this.unrestored.remove(pack.name());
			this.known.put(pack.version(), pack);
			if (pack.kind() == PackKind.GOVERNANCE) {
				// Kept evaluations ran on the pack replaced: evaluate again when next
				// read.
				forgetAll();
			}
			recordActivation(new PackActivation(pack.name(), pack.version(), source.origin(), actor, activated.at(),
					true, null, (replaced != null) ? replaced.pack().version() : null));
			logger.info("Policy pack {} {} activated by {} ({} rules, {} fixtures passed)", pack.name(), pack.version(),
					actor, pack.rules().size(), pack.fixtures());
			return activated.describe();
		}
		catch (PackRejectedException ex) {
			recordActivation(new PackActivation(name, version, source.origin(), actor, this.clock.instant(), false,
					String.join("; ", ex.problems()), null));
			throw ex;
		}
	}

	// Governance

	@Override
	public GovernanceEvaluation evaluate(String versionId, GovernanceEvaluation.Trigger trigger, String actor) {
		if (trigger != GovernanceEvaluation.Trigger.ON_DEMAND && trigger != GovernanceEvaluation.Trigger.AUTOMATIC) {
			throw new IllegalArgumentException("Only on-demand and automatic evaluations are recorded: " + trigger);
		}
		long changesBefore = this.changes.get();
		Resume resume = resumes().read(versionId, null);
		Evaluated evaluated = evaluate(resume, trigger, actor);
		GovernanceEvaluation evaluation = evaluated.evaluation();
		GovernanceEvaluation previous = lastRecorded(versionId);
		if (trigger == GovernanceEvaluation.Trigger.AUTOMATIC && evaluation.sameResultAs(previous)) {
			// Same packs, same facts, same outcome: the earlier record already holds it.
			evaluation = evaluation.recordedAs(previous.recordedAs());
		}
		else {
			evaluation = this.evaluations.record(evaluation, evaluated.factsJson());
			this.lastRecorded.put(versionId, evaluation);
		}
		keep(versionId, evaluation, changesBefore);
		return evaluation;
	}

	/**
	 * Keeps the evaluation as the version's latest unless the résumé may have changed
	 * since it was read (a later evaluation is then on its way, or the next read makes
	 * one).
	 */
	private void keep(String versionId, GovernanceEvaluation evaluation, long changesBefore) {
		this.latest.put(versionId, evaluation);
		if (this.changes.get() != changesBefore) {
			this.latest.remove(versionId, evaluation);
		}
	}

	@Override
	public GovernanceEvaluation evaluate(Resume resume) {
		return evaluate(resume, GovernanceEvaluation.Trigger.DIRECT, SYSTEM).evaluation();
	}

	@Override
	public GovernanceEvaluation evaluateForApproval(Resume resume, String actor) {
		Evaluated evaluated = evaluate(resume, GovernanceEvaluation.Trigger.APPROVAL, actor);
		GovernanceEvaluation recorded = this.evaluations.record(evaluated.evaluation(), evaluated.factsJson());
		this.lastRecorded.put(resume.version().id(), recorded);
		return recorded;
	}

	/** Forgets the kept evaluation of one version; the next read checks the record. */
	void forget(String versionId) {
		this.changes.incrementAndGet();
		this.latest.remove(versionId);
	}

	/** Drops every kept evaluation; each is checked against the résumé when next read. */
	void forgetAll() {
		this.changes.incrementAndGet();
		this.latest.clear();
	}

	@Override
	public Optional<GovernanceEvaluation> latest(String versionId) {
		GovernanceEvaluation kept = this.latest.get(versionId);
		if (kept != null || this.reader == null) {
			return Optional.ofNullable(kept);
		}
		// Not kept (a restart, a change to shared entities, a new pack): the last record
		// is
		// current only if it was made over this very résumé with the packs active now.
		long changesBefore = this.changes.get();
		GovernanceEvaluation recorded = lastRecorded(versionId);
		if (recorded == null || !recorded.packs().equals(packVersions(packs(PackKind.GOVERNANCE)))
				|| !recorded.resumeSha256().equals(resumeSha256(this.reader.read(versionId, null)))) {
			return Optional.empty();
		}
		if (this.latest.putIfAbsent(versionId, recorded) == null && this.changes.get() != changesBefore) {
			this.latest.remove(versionId, recorded);
		}
		return Optional.of(recorded);
	}

	@Override
	public List<GovernanceEvaluation> recorded(String versionId) {
		checkVersion(versionId);
		return this.evaluations.list(versionId).stream().map(EvaluationStore.Recorded::evaluation).toList();
	}

	@Override
	public GovernanceEvaluation recorded(String versionId, String evaluationId) {
		return find(versionId, evaluationId).evaluation();
	}

	@Override
	public GovernanceEvaluation replay(String versionId, String evaluationId, boolean recordedPacks) {
		EvaluationStore.Recorded recorded = find(versionId, evaluationId);
		GovernanceEvaluation original = recorded.evaluation();
		List<CompiledPack> packs;
		if (recordedPacks) {
			packs = new ArrayList<>();
			for (String pack : original.packs()) {
				CompiledPack known = this.known.get(pack.substring(pack.indexOf('@') + 1));
				if (known == null) {
					throw new IllegalStateException("Pack " + pack + " of evaluation " + evaluationId
							+ " is no longer known to this appliance (packs are known from their activation since "
							+ "start); replay it against the active packs instead.");
				}
				packs.add(known);
			}
		}
		else {
			packs = packs(PackKind.GOVERNANCE).stream().map(ActivePack::pack).toList();
		}
		if (original.status() == GovernanceEvaluation.Status.ERROR && original.facts().isEmpty()) {
			throw new IllegalStateException(
					"Evaluation " + evaluationId + " ended in an error before its facts were extracted ("
							+ original.error() + "); there is nothing to replay. Evaluate the version again instead.");
		}
		List<Object> facts = RecordCodec.facts(recorded.factsJson());
		return run(UUID.randomUUID().toString(), versionId, null, packs, facts, recorded.factsJson(),
				GovernanceEvaluation.Trigger.REPLAY, SYSTEM, original.resumeSha256());
	}

	private EvaluationStore.Recorded find(String versionId, String evaluationId) {
		checkVersion(versionId);
		return this.evaluations.get(versionId, evaluationId)
			.orElseThrow(() -> new ResumeNotFoundException(new EntityRef(Kind.POLICY_EVALUATION, evaluationId),
					"Model version " + versionId + " has no recorded evaluation with id '" + evaluationId + "'."));
	}

	private void checkVersion(String versionId) {
		if (this.reader != null) {
			// Throws the registry's own "not found" for an unknown version.
			this.reader.read(versionId, null);
		}
	}

	private GovernanceEvaluation lastRecorded(String versionId) {
		return this.lastRecorded.computeIfAbsent(versionId,
				(version) -> this.evaluations.list(version)
					.stream()
					.findFirst()
					.map(EvaluationStore.Recorded::evaluation)
					.orElse(null));
	}

	private ResumeReader resumes() {
		if (this.reader == null) {
			throw new IllegalStateException("This engine has no registry to read résumés from");
		}
		return this.reader;
	}

	private Evaluated evaluate(Resume resume, GovernanceEvaluation.Trigger trigger, String actor) {
		String id = UUID.randomUUID().toString();
		List<CompiledPack> packs = packs(PackKind.GOVERNANCE).stream().map(ActivePack::pack).toList();
		String resumeSha256 = resumeSha256(resume);
		List<Object> extracted;
		String factsJson;
		try {
			extracted = this.extractor.extract(resume, bom(resume),
					LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC));
			factsJson = RecordCodec.facts(extracted);
		}
		catch (RuntimeException ex) {
			logger.warn("Governance evaluation of {} failed: {}", resume.version(), ex.toString());
			return new Evaluated(new GovernanceEvaluation(id, resume.version().id(), resume.asOf(),
					this.clock.instant(), GovernanceEvaluation.Status.ERROR, describe(ex), versions(packs), List.of(),
					List.of(), trigger, actor, RecordCodec.sha256(NO_FACTS), resumeSha256, null), NO_FACTS);
		}
		return new Evaluated(run(id, resume.version().id(), resume.asOf(), packs, extracted, factsJson, trigger, actor,
				resumeSha256), factsJson);
	}

	private static final String NO_FACTS = "[]";

	/** Runs the packs over facts; any exception gives an evaluation in error. */
	private GovernanceEvaluation run(String id, String versionId, java.time.Instant asOf, List<CompiledPack> packs,
			List<Object> facts, String factsJson, GovernanceEvaluation.Trigger trigger, String actor,
			String resumeSha256) {
		List<String> lines = facts.stream().map(Object::toString).toList();
		String factsSha256 = RecordCodec.sha256(factsJson);
		try {
			if (packs.isEmpty()) {
				throw new IllegalStateException("no governance pack is active");
			}
			failIfUnrestored();
			List<Finding> findings = new ArrayList<>();
			for (CompiledPack pack : packs) {
				findings.addAll(Evaluator.findings(pack, Evaluator.run(pack, facts)));
			}
			findings.sort(Comparator.comparing(Finding::severity)
				.reversed()
				.thenComparing(Finding::ruleId)
				.thenComparing((finding) -> new TreeMap<>(finding.facts()).toString()));
			return new GovernanceEvaluation(id, versionId, asOf, this.clock.instant(),
					GovernanceEvaluation.Status.COMPLETED, null, versions(packs), lines, findings, trigger, actor,
					factsSha256, resumeSha256, null);
		}
		catch (RuntimeException ex) {
			logger.warn("Governance evaluation of {} failed: {}", versionId, ex.toString());
			return new GovernanceEvaluation(id, versionId, asOf, this.clock.instant(),
					GovernanceEvaluation.Status.ERROR, describe(ex), versions(packs), lines, List.of(), trigger, actor,
					factsSha256, resumeSha256, null);
		}
	}

	private static List<String> versions(List<CompiledPack> packs) {
		return packs.stream().map((pack) -> pack.name() + "@" + pack.version()).sorted().toList();
	}

	private static List<String> packVersions(List<ActivePack> packs) {
		return versions(packs.stream().map(ActivePack::pack).toList());
	}

	/**
	 * A digest of the résumé as read: every entity with its revision number. Equal
	 * digests mean the same résumé, so a recorded evaluation over it is still current.
	 * {@code null} for a résumé that was not read from the store (fixtures, tools).
	 */
	static String resumeSha256(Resume resume) {
		List<String> lines = new ArrayList<>();
		for (ResumeEntity entity : resume.all()) {
			if (entity.revision() == null) {
				return null;
			}
			lines.add(entity.ref().iri() + "#" + entity.revision().number());
		}
		lines.sort(null);
		return RecordCodec.sha256(String.join("\n", lines));
	}

	/**
	 * An evaluation and its facts' canonical JSON.
	 */
	private record Evaluated(GovernanceEvaluation evaluation, String factsJson) {
	}

	private BomEvidence.Status bom(Resume resume) {
		BomEvidence evidence = this.bomEvidence.getIfAvailable();
		if (evidence == null) {
			return new BomEvidence.Status(BomEvidence.State.UNKNOWN,
					"no ML-BOM verifier is installed in this appliance");
		}
		try {
			BomEvidence.Status status = evidence.check(resume);
			return (status != null) ? status
					: new BomEvidence.Status(BomEvidence.State.UNKNOWN, "the ML-BOM check gave no answer");
		}
		catch (RuntimeException ex) {
			return new BomEvidence.Status(BomEvidence.State.UNKNOWN, "the ML-BOM check failed: " + ex.getMessage());
		}
	}

	// Runtime

	@Override
	public RuntimeDecision evaluate(RuntimeCall call) {
		List<ActivePack> active = packs(PackKind.RUNTIME);
		try {
			if (active.isEmpty()) {
				return error("no runtime pack is active", "");
			}
			failIfUnrestored();
			List<Object> facts = Evaluator.runtimeFacts(call, this.thresholds);
			List<CompiledPack> packs = new ArrayList<>(active.size());
			List<List<Outcome.Fired>> reports = new ArrayList<>(active.size());
			for (ActivePack pack : active) {
				packs.add(pack.pack());
				reports.add(Evaluator.run(pack.pack(), facts));
			}
			return Evaluator.decide(packs, reports);
		}
		catch (RuntimeException | Error ex) {
			if (ex instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
				throw fatal;
			}
			return error(describe(ex), active.stream().map((pack) -> pack.pack().version()).toList().toString());
		}
	}

	private void failIfUnrestored() {
		if (!this.unrestored.isEmpty()) {
			throw new IllegalStateException(String.join(" ", new TreeMap<>(this.unrestored).values()));
		}
	}

	private static RuntimeDecision error(String why, String versions) {
		return new RuntimeDecision(RuntimeDecision.Action.ERROR, null, java.util.Set.of(), List.of(), versions, why);
	}

	private List<ActivePack> packs(PackKind kind) {
		return this.active.get().values().stream().filter((pack) -> pack.pack().kind() == kind).toList();
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private record ActivePack(CompiledPack pack, String by, java.time.Instant at) {

		PolicyPack describe() {
			return new PolicyPack(this.pack.name(), this.pack.kind(), this.pack.version(), this.pack.description(),
					this.pack.origin(), this.by, this.at, this.pack.fixtures(), this.pack.ruleList());
		}

	}

}
