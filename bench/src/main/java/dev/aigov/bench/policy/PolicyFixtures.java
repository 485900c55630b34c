package dev.aigov.bench.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.aigov.policy.DataClass;
import dev.aigov.policy.RuntimeCall;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeImporter;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Inputs of the policy benchmarks, built from the built-in packs' own fixtures. */
final class PolicyFixtures {

	static final String PACKS = "dev/aigov/policy/packs/";

	private PolicyFixtures() {
	}

	/**
	 * A full model version: the governance pack's clean fixture (system, model, training
	 * data, base model, accuracy, fairness and robustness evaluations) plus a fairness
	 * evaluation with per-group metrics for ten groups, as an uploaded prediction file
	 * gives.
	 */
	static Resume fullResume() {
		Resume base = ResumeImporter.readDocument(fullResumeTurtle(), "turtle");
		Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>(base.entities());
		ResumeEntity groups = groupsEvaluation(base.version().id());
		entities.put(groups.ref(), groups);
		return new Resume(base.version(), null, entities);
	}

	/**
	 * Records the same full model version in a registry, as the appliance holds it.
	 * @return the model version's id
	 */
	static String storeFullResume(dev.aigov.registry.RegistryService registry) {
		dev.aigov.registry.Actor actor = new dev.aigov.registry.Actor("bench", Set.of());
		Resume base = ResumeImporter.readDocument(fullResumeTurtle(), "turtle");
		// The fixture is a résumé as read, without the dataset its version belongs to.
		registry.create(Kind.DATASET, Map.of("id", "applications", "name", "Loan applications"), actor);
		new ResumeImporter(registry).importDocument(fullResumeTurtle(), "turtle", actor);
		ResumeEntity groups = groupsEvaluation(base.version().id());
		Map<String, Object> fields = new LinkedHashMap<>(groups.fields());
		fields.put("id", groups.ref().id());
		registry.create(Kind.EVALUATION, fields, actor);
		return base.version().id();
	}

	private static byte[] fullResumeTurtle() {
		return read(PACKS + "governance/fixtures/esg.energy-unrecorded/pass-energy-unrecorded.ttl");
	}

	private static ResumeEntity groupsEvaluation(String versionId) {
		List<Map<String, Object>> metrics = new ArrayList<>();
		String[] names = { "selection_rate", "true_positive_rate", "false_positive_rate", "false_negative_rate",
				"precision" };
		for (int group = 0; group < 10; group++) {
			for (String name : names) {
				metrics.add(metric(name, 0.3 + group * 0.01, "group-" + group));
			}
			if (group > 0) {
				metrics.add(metric("disparate_impact", 0.85 + group * 0.01, "group-" + group + " vs group-0"));
			}
		}
		metrics.add(metric("equalized_odds_difference", 0.08, null));
		metrics.add(metric("demographic_parity_difference", 0.05, null));
		EntityRef groups = new EntityRef(Kind.EVALUATION, "scorer-1-fairness-groups");
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("modelVersion", versionId);
		fields.put("evaluationKind", "fairness");
		fields.put("protectedAttributes", List.of("group"));
		fields.put("metrics", metrics);
		return new ResumeEntity(groups, null, fields);
	}

	private static Map<String, Object> metric(String name, double value, String slice) {
		Map<String, Object> metric = new LinkedHashMap<>();
		metric.put("name", name);
		metric.put("value", BigDecimal.valueOf(value));
		if (slice != null) {
			metric.put("slice", slice);
		}
		return metric;
	}

	/** A clean call to an on-premises upstream. */
	static RuntimeCall cleanCall() {
		return call(new RuntimeCall.Upstream("local-vllm", RuntimeCall.Location.ON_PREM), null, List.of());
	}

	/** A call to an external upstream with a national id and an e-mail address in it. */
	static RuntimeCall confidentialCall() {
		return call(new RuntimeCall.Upstream("openai", RuntimeCall.Location.EXTERNAL), "support-chat-onprem",
				List.of(new RuntimeCall.Detection("TW_NATIONAL_ID", DataClass.CONFIDENTIAL, 1),
						new RuntimeCall.Detection("EMAIL", DataClass.CONFIDENTIAL, 2),
						new RuntimeCall.Detection("PHONE_TW", DataClass.INTERNAL, 1)));
	}

	private static RuntimeCall call(RuntimeCall.Upstream upstream, String onPrem,
			List<RuntimeCall.Detection> detections) {
		return new RuntimeCall("bench", RuntimeCall.Direction.REQUEST, "helpdesk", "key-1",
				Set.of("support-bot", "clause-finder"),
				Set.of(DataClass.PUBLIC, DataClass.INTERNAL, DataClass.CONFIDENTIAL), "support-bot", "support-bot-2",
				"deployed", Set.of("support-chat", "support-chat-onprem"), "support-chat", upstream, onPrem, null,
				detections, 800, 12_000, 1_000_000, 0);
	}

	/**
	 * The built-in runtime pack as an upload, with a marker so each copy has a new
	 * version.
	 */
	static byte[] runtimePackZip(int revision) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			String base = "classpath:" + PACKS + "runtime/";
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
			String root = resolver.getResource(base).getURL().toString();
			for (Resource resource : resolver.getResources(base + "**/*")) {
				if (!resource.isReadable()) {
					continue;
				}
				String name = resource.getURL().toString().substring(root.length());
				zip.putNextEntry(new ZipEntry(name));
				try (InputStream in = resource.getInputStream()) {
					in.transferTo(zip);
				}
				if (name.equals("pack.properties")) {
					zip.write(("\n# revision " + revision + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
				}
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static byte[] read(String path) {
		try (InputStream in = PolicyFixtures.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Not on the classpath: " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
