package dev.aigov.policy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aigov.policy.BomEvidence;
import dev.aigov.policy.DataClass;
import dev.aigov.policy.Finding;
import dev.aigov.policy.PackKind;
import dev.aigov.policy.PackRejectedException;
import dev.aigov.policy.PolicyProperties;
import dev.aigov.policy.RuleDefinition;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.policy.RuntimeDecision;
import dev.aigov.policy.facts.Outcome;
import dev.aigov.policy.facts.Threshold;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeImporter;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles a pack and tests it before it may become active: the DRL must compile, every
 * rule must carry its severity, messages in both languages, remediation and references,
 * every threshold the manifest names must be configured, and every rule must have at
 * least one passing and one failing fixture that give the expected result. Anything else
 * rejects the pack with the reasons.
 */
final class PackCompiler {

	/** The date fixtures are evaluated on unless they say otherwise. */
	static final LocalDate FIXTURE_DAY = LocalDate.of(2026, 1, 1);

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

	private static final Pattern RULE_SOURCE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\".*?^end\\b");

	private static final Pattern FIXTURE = Pattern.compile("fixtures/([^/]+)/(pass|fail)-[^/]+\\.(ttl|properties)");

	/**
	 * Manifest keys naming a threshold the rules need, with the value fixtures assume.
	 */
	private static final String THRESHOLD = "threshold.";

	private static final List<String> METADATA = List.of("severity", "en", "zhTw", "fixEn", "fixZhTw", "refs");

	private final PolicyProperties properties;

	private final FactExtractor extractor;

	PackCompiler(PolicyProperties properties) {
		this.properties = properties;
		this.extractor = new FactExtractor(properties);
	}

	/** Compiles the pack and runs its fixtures; rejects it if either fails. */
	CompiledPack compile(PackSource source) {
		CompiledPack pack = compileUntested(source);
		int fixtures = test(pack, source);
		return new CompiledPack(pack.name(), pack.kind(), pack.version(), pack.description(), pack.origin(),
				pack.base(), pack.sessions(), pack.rules(), pack.fixtureThresholds(), fixtures);
	}

	/** Compiles the pack and checks its rules' metadata, without running fixtures. */
	CompiledPack compileUntested(PackSource source) {
		Properties manifest = source.manifest();
		String name = manifest.getProperty("name", "").strip();
		List<String> problems = new ArrayList<>();
		if (!NAME.matcher(name).matches()) {
			throw new PackRejectedException(name.isEmpty() ? "?" : name, List
				.of("pack.properties: 'name' must be lower-case letters, digits and '-', starting with a letter."));
		}
		PackKind kind;
		try {
			kind = PackKind.valueOf(manifest.getProperty("kind", "").strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new PackRejectedException(name, List.of("pack.properties: 'kind' must be governance or runtime."));
		}
		Map<String, Double> reference = new TreeMap<>();
		for (String key : manifest.stringPropertyNames()) {
			if (!key.startsWith(THRESHOLD)) {
				continue;
			}
			String threshold = key.substring(THRESHOLD.length());
			try {
				reference.put(threshold, Double.parseDouble(manifest.getProperty(key).strip()));
			}
			catch (NumberFormatException ex) {
				problems.add("pack.properties: " + key + " is not a number");
			}
			if (!this.properties.thresholds().containsKey(threshold)) {
				problems
					.add("threshold '" + threshold + "' is not configured (aigov.policy.thresholds." + threshold + ")");
			}
		}
		Map<String, String> drl = new TreeMap<>();
		source.files().forEach((path, content) -> {
			if (path.endsWith(".drl")) {
				drl.put(path, new String(content, StandardCharsets.UTF_8));
			}
		});
		if (drl.isEmpty()) {
			problems.add("the pack has no .drl file");
		}
		if (!problems.isEmpty()) {
			throw new PackRejectedException(name, problems);
		}
		KieBase base = build(name, drl);
		Map<String, RuleDefinition> rules = rules(name, base, drl);
		Finding.Text description = new Finding.Text(manifest.getProperty("description.en", name),
				manifest.getProperty("description.zhTw", manifest.getProperty("description.en", name)));
		return new CompiledPack(name, kind, source.version(), description, source.origin(), base,
				base.newKieSessionsPool(Runtime.getRuntime().availableProcessors()), rules,
				reference.entrySet().stream().map((e) -> new Threshold(e.getKey(), e.getValue())).toList(), 0);
	}

	private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][\\w.]*)\\s*;?");

	/**
	 * Compiles the pack's DRL once into a knowledge base. Each file is placed under the
	 * folder of the package it declares (Drools warns about every file whose folder and
	 * package differ), and compiler messages name the file as it is in the pack. Each
	 * pack gets its own release id, so packs compiled at the same time never meet in the
	 * Drools repository.
	 */
	private static KieBase build(String name, Map<String, String> drl) {
		KieServices services = KieServices.Factory.get();
		KieFileSystem files = services.newKieFileSystem();
		ReleaseId release = services.newReleaseId("dev.aigov.policy", "pack-" + UUID.randomUUID(), "1.0.0");
		files.generateAndWritePomXML(release);
		Map<String, String> inPack = new LinkedHashMap<>();
		int index = 0;
		for (Map.Entry<String, String> file : drl.entrySet()) {
			Matcher declared = PACKAGE.matcher(file.getValue());
			String folder = declared.find() ? declared.group(1).replace('.', '/') + "/" : "";
			String placed = folder + (index++) + "-" + file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
			inPack.put(placed, file.getKey());
			files.write("src/main/resources/" + placed, file.getValue());
		}
		try {
			KieBuilder builder = services.newKieBuilder(files).buildAll();
			List<String> errors = builder.getResults()
				.getMessages(Message.Level.ERROR)
				.stream()
				.map((message) -> inPack(inPack, message.getPath()) + ":" + message.getLine() + ": "
						+ message.getText().strip())
				.toList();
			if (!errors.isEmpty()) {
				throw new PackRejectedException(name, errors);
			}
			return services.newKieContainer(release).getKieBase();
		}
		catch (PackRejectedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new PackRejectedException(name, List.of("the rules do not compile: " + ex.getMessage()));
		}
		finally {
			services.getRepository().removeKieModule(release);
		}
	}

	private static String inPack(Map<String, String> inPack, String path) {
		if (path == null) {
			return "?";
		}
		String relative = path.startsWith("src/main/resources/") ? path.substring("src/main/resources/".length())
				: path;
		return inPack.getOrDefault(relative, path);
	}

	private static Map<String, RuleDefinition> rules(String name, KieBase base, Map<String, String> drl) {
		Map<String, String> sources = new LinkedHashMap<>();
		drl.values().forEach((text) -> {
			Matcher matcher = RULE_SOURCE.matcher(text);
			while (matcher.find()) {
				sources.put(matcher.group(1), matcher.group());
			}
		});
		List<String> problems = new ArrayList<>();
		Map<String, RuleDefinition> rules = new TreeMap<>();
		for (KiePackage kiePackage : base.getKiePackages()) {
			boolean hasRules = !kiePackage.getRules().isEmpty();
			if (hasRules && kiePackage.getGlobalVariables()
				.stream()
				.noneMatch((global) -> global.getName().equals(Evaluator.OUTCOME)
						&& global.getType().equals(Outcome.class.getName()))) {
				problems.add("package " + kiePackage.getName() + " does not declare 'global " + Outcome.class.getName()
						+ " " + Evaluator.OUTCOME + ";'");
			}
			for (Rule rule : kiePackage.getRules()) {
				Map<String, Object> meta = rule.getMetaData();
				List<String> missing = METADATA.stream()
					.filter((key) -> text(meta.get(key)).isBlank())
					.map((key) -> "@" + key)
					.toList();
				if (!missing.isEmpty()) {
					problems.add("rule '" + rule.getName() + "' lacks " + String.join(", ", missing));
					continue;
				}
				Finding.Severity severity;
				try {
					severity = Finding.Severity.valueOf(text(meta.get("severity")).toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					problems.add("rule '" + rule.getName() + "': @severity must be INFO, WARN or FAIL");
					continue;
				}
				if (rules.containsKey(rule.getName())) {
					problems.add("rule '" + rule.getName() + "' is defined twice");
				}
				rules.put(rule.getName(),
						new RuleDefinition(rule.getName(), severity,
								new Finding.Text(text(meta.get("en")), text(meta.get("zhTw"))),
								new Finding.Text(text(meta.get("fixEn")), text(meta.get("fixZhTw"))),
								list(text(meta.get("refs"))), sources.getOrDefault(rule.getName(), "")));
			}
		}
		if (rules.isEmpty() && problems.isEmpty()) {
			problems.add("the pack defines no rule");
		}
		if (!problems.isEmpty()) {
			throw new PackRejectedException(name, problems);
		}
		return rules;
	}

	/** Runs every fixture; returns how many passed, or rejects the pack. */
	private int test(CompiledPack pack, PackSource source) {
		List<String> problems = new ArrayList<>();
		Map<String, int[]> coverage = new TreeMap<>();
		pack.rules().keySet().forEach((rule) -> coverage.put(rule, new int[2]));
		int count = 0;
		for (Map.Entry<String, byte[]> file : source.files().entrySet()) {
			if (!file.getKey().startsWith("fixtures/")) {
				continue;
			}
			Matcher matcher = FIXTURE.matcher(file.getKey());
			if (!matcher.matches()) {
				problems.add(file.getKey() + ": fixtures are fixtures/<rule-id>/(pass|fail)-<name>.(ttl|properties)");
				continue;
			}
			String rule = matcher.group(1);
			boolean fail = matcher.group(2).equals("fail");
			if (!pack.rules().containsKey(rule)) {
				problems.add(file.getKey() + ": no rule '" + rule + "' in the pack");
				continue;
			}
			try {
				String problem = runFixture(pack, rule, fail, matcher.group(3), file.getValue());
				if (problem != null) {
					problems.add(file.getKey() + ": " + problem);
				}
				coverage.get(rule)[fail ? 1 : 0]++;
				count++;
			}
			catch (RuntimeException ex) {
				problems.add(file.getKey() + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
		}
		coverage.forEach((rule, counts) -> {
			if (counts[0] == 0 || counts[1] == 0) {
				problems.add("rule '" + rule + "' needs at least one pass- and one fail- fixture under fixtures/" + rule
						+ "/");
			}
		});
		if (!problems.isEmpty()) {
			throw new PackRejectedException(pack.name(), problems);
		}
		return count;
	}

	/**
	 * @return what is wrong with the result, or {@code null} when it is as expected
	 */
	String runFixture(CompiledPack pack, String rule, boolean fail, String type, byte[] content) {
		if (pack.kind() == PackKind.GOVERNANCE) {
			if (!type.equals("ttl")) {
				return "a governance fixture is a Turtle résumé (.ttl)";
			}
			Map<String, String> header = header(content);
			Resume resume = ResumeImporter.readDocument(content, "turtle");
			BomEvidence.Status bom = new BomEvidence.Status(
					BomEvidence.State.valueOf(header.getOrDefault("bom", "UNKNOWN").toUpperCase(Locale.ROOT)),
					"declared by the fixture");
			LocalDate today = header.containsKey("today") ? LocalDate.parse(header.get("today")) : FIXTURE_DAY;
			List<Finding> findings = Evaluator.findings(pack,
					Evaluator.run(pack, withThresholds(this.extractor.extract(resume, bom, today), pack)));
			boolean fired = findings.stream().anyMatch((finding) -> finding.ruleId().equals(rule));
			if (fired != fail) {
				return fail ? "expected rule '" + rule + "' to fire; it did not"
						: "expected rule '" + rule + "' not to fire; it did: "
								+ findings.stream()
									.filter((finding) -> finding.ruleId().equals(rule))
									.map((finding) -> finding.message().en())
									.toList();
			}
			return null;
		}
		if (!type.equals("properties")) {
			return "a runtime fixture is a call description (.properties)";
		}
		Properties call = new Properties();
		try {
			call.load(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return "not readable: " + ex.getMessage();
		}
		RuntimeDecision decision = Evaluator.decide(List.of(pack),
				List.of(Evaluator.run(pack, Evaluator.runtimeFacts(call(call), pack.fixtureThresholds()))));
		boolean fired = decision.findings().stream().anyMatch((finding) -> finding.ruleId().equals(rule));
		if (fired != fail) {
			return fail ? "expected rule '" + rule + "' to fire; it did not (decision " + decision.action() + ")"
					: "expected rule '" + rule + "' not to fire; it did";
		}
		String action = call.getProperty("expect.action");
		if (action != null && !decision.action().name().equals(action.strip())) {
			return "expected action " + action.strip() + ", got " + decision.action();
		}
		String reroute = call.getProperty("expect.rerouteTo");
		if (reroute != null && !reroute.strip().equals(decision.rerouteTo())) {
			return "expected reroute to " + reroute.strip() + ", got " + decision.rerouteTo();
		}
		String redact = call.getProperty("expect.redact");
		if (redact != null && !Set.copyOf(list(redact)).equals(decision.redactTypes())) {
			return "expected redaction of " + list(redact) + ", got " + decision.redactTypes();
		}
		return null;
	}

	/** The facts with the configured thresholds replaced by those the fixtures assume. */
	private static List<Object> withThresholds(List<Object> facts, CompiledPack pack) {
		List<Object> result = new ArrayList<>(facts.stream().filter((fact) -> !(fact instanceof Threshold)).toList());
		result.addAll(pack.fixtureThresholds());
		return result;
	}

	List<Threshold> thresholds() {
		return this.properties.thresholds()
			.entrySet()
			.stream()
			.map((e) -> new Threshold(e.getKey(), e.getValue()))
			.toList();
	}

	/**
	 * A call from a fixture: every key is optional, and the defaults describe a clean
	 * call that any sensible pack admits.
	 */
	static RuntimeCall call(Properties p) {
		List<RuntimeCall.Detection> detections = new ArrayList<>();
		for (String detection : list(p.getProperty("detections", ""))) {
			String[] parts = detection.split(":");
			detections.add(new RuntimeCall.Detection(parts[0], DataClass.parse(parts[1]),
					(parts.length > 2) ? Integer.parseInt(parts[2]) : 1));
		}
		String declared = p.getProperty("declaredDataClass", "").strip();
		String onPrem = p.getProperty("onPremRoute", "").strip();
		String version = p.getProperty("modelVersion", "support-bot-2").strip();
		String state = p.getProperty("versionState", "deployed").strip();
		return new RuntimeCall(p.getProperty("requestId", "fixture"),
				RuntimeCall.Direction.valueOf(p.getProperty("direction", "REQUEST").strip()),
				p.getProperty("applicationId", "helpdesk"), p.getProperty("keyId", "key-1"),
				Set.copyOf(list(p.getProperty("allowedModels", "support-bot"))),
				Set.copyOf(list(p.getProperty("allowedDataClasses", "PUBLIC,INTERNAL,CONFIDENTIAL")).stream()
					.map(DataClass::parse)
					.toList()),
				p.getProperty("requestedModel", "support-bot").strip(), version.isEmpty() ? null : version,
				state.isEmpty() ? null : state, Set.copyOf(list(p.getProperty("deployedRoutes", "support-chat"))),
				p.getProperty("route", "support-chat").strip(),
				new RuntimeCall.Upstream(p.getProperty("upstream", "local-vllm").strip(),
						RuntimeCall.Location.valueOf(p.getProperty("upstreamLocation", "ON_PREM").strip())),
				onPrem.isEmpty() ? null : onPrem, declared.isEmpty() ? null : DataClass.parse(declared), detections,
				Long.parseLong(p.getProperty("tokensRequested", "500").strip()),
				Long.parseLong(p.getProperty("tokensUsed", "0").strip()),
				Long.parseLong(p.getProperty("tokenBudget", "0").strip()),
				Integer.parseInt(p.getProperty("unscannedParts", "0").strip()));
	}

	/** {@code # key: value} lines at the top of a fixture. */
	private static Map<String, String> header(byte[] content) {
		Map<String, String> header = new LinkedHashMap<>();
		for (String line : new String(content, StandardCharsets.UTF_8).lines().toList()) {
			if (!line.startsWith("#")) {
				break;
			}
			int colon = line.indexOf(':');
			if (colon > 0) {
				header.put(line.substring(1, colon).strip().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).strip());
			}
		}
		return header;
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split(",")).map(String::strip).filter((item) -> !item.isEmpty()).toList();
	}

	private static String text(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString().strip();
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			text = text.substring(1, text.length() - 1);
		}
		return text;
	}

}
