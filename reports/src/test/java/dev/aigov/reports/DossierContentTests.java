package dev.aigov.reports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.policy.Finding;
import dev.aigov.registry.CompletenessReport;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.reports.internal.DossierAssembler;
import dev.aigov.reports.internal.DossierHtml;
import dev.aigov.reports.internal.DossierInputs;
import dev.aigov.reports.internal.Tree;
import dev.aigov.sbom.BomSignatureState;
import dev.aigov.sbom.ResumeRevision;
import dev.aigov.sbom.SignedBom;
import dev.aigov.signing.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dossier's content from a résumé built by hand: determinism, escaping, absent
 * sources.
 */
class DossierContentTests {

	private static final Instant T = Instant.parse("2026-11-01T08:00:00Z");

	@Test
	void theSameResumeGivesTheSameBytesWhateverTheOrderItWasReadIn() {
		List<ResumeEntity> entities = entities();
		byte[] first = json(inputs(entities, null));
		List<ResumeEntity> reversed = new ArrayList<>(entities);
		Collections.reverse(reversed);
		assertThat(json(inputs(reversed, null))).isEqualTo(first);
	}

	@Test
	void withoutAFindingsSourceTheDossierSaysSoAndNeverClaimsThereAreNone() {
		Map<String, Object> content = DossierAssembler.assemble(inputs(entities(), null));
		Map<String, Object> findings = Tree.map(content, "findings");
		assertThat(findings.get("available")).isEqualTo(false);
		assertThat(findings).doesNotContainKey("items");
		assertThat(Tree.list(content, "annexIV").get(4).get("missing").toString()).contains("policy-evaluation");
		String html = DossierHtml.render(content, "r1");
		assertThat(html).contains("Data source not available").contains("資料來源無法取得");
	}

	@Test
	void findingsAreShownWithTheirFrameworksAndMarkTheItemsAtRisk() {
		Finding finding = new Finding("privacy.legal-basis", "governance", "sha256:ab", Finding.Severity.FAIL,
				new Finding.Text("No legal basis.", "缺少法律依據。"), Map.of("dataset", "d1"),
				new Finding.Text("Record one.", "請記錄。"), List.of("EU-AI-ACT:Art.10"));
		Map<String, Object> content = DossierAssembler.assemble(inputs(entities(), List.of(finding)));
		assertThat(Tree.list(content, "coverage")).filteredOn((item) -> item.get("id").equals("EU-AI-ACT:Art.10"))
			.singleElement()
			.satisfies((item) -> assertThat(item.get("status")).isEqualTo("at-risk"));
		assertThat(DossierHtml.render(content, "r1")).contains("缺少法律依據。", "privacy.legal-basis");
	}

	@Test
	void markupInTheResumeIsShownAsText() {
		String html = DossierHtml.render(DossierAssembler.assemble(inputs(entities(), List.of())), "r1");
		assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(html).contains("African-American", "0.42");
	}

	private static byte[] json(DossierInputs inputs) {
		return JsonCanonicalizer.canonicalizeTree(DossierAssembler.assemble(inputs));
	}

	private static List<ResumeEntity> entities() {
		List<ResumeEntity> entities = new ArrayList<>();
		entities.add(entity(Kind.MODEL_VERSION, "v1", "model", "m1", "version", "1.0.0", "description",
				"<script>alert(1)</script>", "intendedUse", "Review.", "limitations", "One county."));
		entities.add(entity(Kind.MODEL, "m1", "name", "Risk model", "system", "s1", "owner", "o"));
		entities.add(entity(Kind.AI_SYSTEM, "s1", "name", "System", "purpose", "Decide.", "riskLevel", "high"));
		entities.add(entity(Kind.DATASET_VERSION, "d1", "dataset", "d", "version", "1", "source", "https://x",
				"licenseExpression", "CC-BY-4.0", "containsPersonalData", true));
		entities.add(entity(Kind.EVALUATION, "e1", "modelVersion", "v1", "evaluationKind", "fairness", "metrics",
				List.of(metric("false_positive_rate", "0.42", "African-American"),
						metric("false_positive_rate", "0.22", "Caucasian"),
						metric("disparate_impact", "0.55", "African-American vs Caucasian"),
						metric("demographic_parity_difference", "0.2", null))));
		return entities;
	}

	private static Map<String, Object> metric(String name, String value, String slice) {
		Map<String, Object> metric = new LinkedHashMap<>();
		metric.put("name", name);
		metric.put("value", new BigDecimal(value));
		if (slice != null) {
			metric.put("slice", slice);
		}
		return metric;
	}

	private static DossierInputs inputs(List<ResumeEntity> entities, List<Finding> findings) {
		Map<EntityRef, ResumeEntity> map = new LinkedHashMap<>();
		entities.forEach((entity) -> map.put(entity.ref(), entity));
		EntityRef version = new EntityRef(Kind.MODEL_VERSION, "v1");
		Resume resume = new Resume(version, null, map);
		ResumeRevision revision = ResumeRevision.of(resume);
		BomSignatureState state = new BomSignatureState(true, true, "Ed25519", "k", "t", revision,
				BomSignatureState.Freshness.CURRENT, "Signature valid.");
		SignedBom bom = new SignedBom("v1", "{\"bomFormat\":\"CycloneDX\"}", "urn:uuid:1", revision, state);
		CompletenessReport completeness = new CompletenessReport(false,
				List.of(new CompletenessReport.Step(1, "problem definition", "問題定義", false,
						List.of(new CompletenessReport.Finding("violation", "model-version/v1", null, "Add a purpose.",
								"請填寫目的。")))));
		return new DossierInputs(resume, T, List.of(new RevisionInfo(version, 1, T, "o")), completeness, bom, findings);
	}

	private static ResumeEntity entity(Kind kind, String id, Object... fields) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			values.put((String) fields[i], fields[i + 1]);
		}
		EntityRef ref = new EntityRef(kind, id);
		return new ResumeEntity(ref, new RevisionInfo(ref, 1, T, "o"), values);
	}

	@SuppressWarnings("unused")
	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
