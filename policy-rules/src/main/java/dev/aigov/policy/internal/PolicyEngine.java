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
import dev.aigov.registry.Resume;
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

	private final PolicyProperties properties;

	private final PackCompiler compiler;

	private final FactExtractor extractor;

	private final List<Threshold> thresholds;

	private final ResumeReader reader;

	private final ObjectProvider<BomEvidence> bomEvidence;

	private final Clock clock;

	private final AtomicReference<Map<String, ActivePack>> active = new AtomicReference<>(Map.of());

	private final List<PackActivation> activations = new CopyOnWriteArrayList<>();

	private volatile ApplicationEventPublisher publisher;

	private final Map<String, GovernanceEvaluation> latest = new ConcurrentHashMap<>();

	@Autowired
	public PolicyEngine(PolicyProperties properties, ResumeReader reader, ObjectProvider<BomEvidence> bomEvidence) {
		this(properties, reader, bomEvidence, Clock.systemUTC());
	}

	PolicyEngine(PolicyProperties properties, ResumeReader reader, ObjectProvider<BomEvidence> bomEvidence,
			Clock clock) {
		this.properties = properties;
		this.compiler = new PackCompiler(properties);
		this.extractor = new FactExtractor(properties);
		this.thresholds = this.compiler.thresholds();
		this.reader = reader;
		this.bomEvidence = bomEvidence;
		this.clock = clock;
		for (String location : BUILT_IN) {
			// A built-in pack that fails its own fixtures is a defect: refuse to start.
			activate(PackSource.fromClasspath(location), SYSTEM);
		}
		if (properties.packsDir() != null && Files.isDirectory(properties.packsDir())) {
			reload(SYSTEM);
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
			source = PackSource.fromZip(zip, "upload by " + actor);
		}
		catch (PackRejectedException ex) {
			recordActivation(new PackActivation("?", null, "upload by " + actor, actor, this.clock.instant(), false,
					String.join("; ", ex.problems()), null));
			throw ex;
		}
		return activate(source, actor);
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
		String name = "?";
		String version = source.version();
		try {
			name = source.manifest().getProperty("name", "?").strip();
			CompiledPack pack = this.compiler.compile(source);
			ActivePack activated = new ActivePack(pack, actor, this.clock.instant());
			// Swap, never mutate: evaluations in flight keep the map they read.
			Map<String, ActivePack> previous = this.active.getAndUpdate((current) -> {
				Map<String, ActivePack> next = new TreeMap<>(current);
				next.put(pack.name(), activated);
				return java.util.Collections.unmodifiableMap(next);
			});
			ActivePack replaced = previous.get(pack.name());
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
	public GovernanceEvaluation evaluate(String versionId) {
		Resume resume = this.reader.read(versionId, null);
		GovernanceEvaluation evaluation = evaluate(resume);
		this.latest.put(versionId, evaluation);
		return evaluation;
	}

	/** Drops every kept evaluation; each is made again when next read. */
	void forgetAll() {
		this.latest.clear();
	}

	@Override
	public Optional<GovernanceEvaluation> latest(String versionId) {
		return Optional.ofNullable(this.latest.get(versionId));
	}

	@Override
	public GovernanceEvaluation evaluate(Resume resume) {
		String id = UUID.randomUUID().toString();
		List<ActivePack> packs = packs(PackKind.GOVERNANCE);
		List<String> versions = packs.stream().map((pack) -> pack.pack().name() + "@" + pack.pack().version()).toList();
		List<String> facts = List.of();
		try {
			if (packs.isEmpty()) {
				throw new IllegalStateException("no governance pack is active");
			}
			List<Object> extracted = this.extractor.extract(resume, bom(resume),
					LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC));
			facts = extracted.stream().map(Object::toString).toList();
			List<Finding> findings = new ArrayList<>();
			for (ActivePack pack : packs) {
				findings.addAll(Evaluator.findings(pack.pack(), Evaluator.run(pack.pack(), extracted)));
			}
			findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::ruleId));
			return new GovernanceEvaluation(id, resume.version().id(), resume.asOf(), this.clock.instant(),
					GovernanceEvaluation.Status.COMPLETED, null, versions, facts, findings);
		}
		catch (RuntimeException ex) {
			logger.warn("Governance evaluation of {} failed: {}", resume.version(), ex.toString());
			return new GovernanceEvaluation(id, resume.version().id(), resume.asOf(), this.clock.instant(),
					GovernanceEvaluation.Status.ERROR, describe(ex), versions, facts, List.of());
		}
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
