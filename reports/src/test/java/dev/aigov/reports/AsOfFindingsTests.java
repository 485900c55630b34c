package dev.aigov.reports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.lineage.GraphStoreProperties;
import dev.aigov.lineage.GraphStores;
import dev.aigov.policy.Finding;
import dev.aigov.registry.Actor;
import dev.aigov.registry.CompletenessService;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeReader;
import dev.aigov.registry.Role;
import dev.aigov.sbom.BomValidator;
import dev.aigov.sbom.MlBomGenerator;
import dev.aigov.sbom.MlBomService;
import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.SigningKeys;
import dev.aigov.signing.SigningProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dossier "as of" an earlier instant shows the findings of the résumé as it was then,
 * not of today's, and says what the findings were evaluated over.
 */
class AsOfFindingsTests {

	@TempDir
	Path dir;

	@Test
	void findingsAreEvaluatedOverTheResumeTheDossierDocuments() throws Exception {
		try (GraphStores stores = new GraphStores(GraphStoreProperties.embedded(this.dir.resolve("tdb2")))) {
			RegistryService registry = new RegistryService(stores);
			Actor owner = new Actor("owner", Set.of(Role.MODEL_OWNER));
			registry.create(Kind.AI_SYSTEM, fields("id", "s", "name", "System", "purpose", "Tests.", "riskLevel",
					"minimal", "owner", owner.username()), owner);
			registry.create(Kind.MODEL, fields("id", "m", "name", "Model", "system", "s", "owner", owner.username()),
					owner);
			registry.create(Kind.MODEL_VERSION,
					fields("id", "m-1", "model", "m", "version", "1.0.0", "intendedUse", "Before the change."), owner);
			Thread.sleep(5);
			Instant before = Instant.now();
			Thread.sleep(5);
			registry.update(new EntityRef(Kind.MODEL_VERSION, "m-1"),
					fields("model", "m", "version", "1.0.0", "intendedUse", "After the change."), owner, null);

			List<Resume> evaluated = new ArrayList<>();
			FindingsSource source = (resume) -> {
				evaluated.add(resume);
				return List.of(new Finding("test.intended-use", "test", "1", Finding.Severity.WARN,
						new Finding.Text("Intended use: " + resume.versionEntity().text("intendedUse"), "預期用途"),
						Map.of(), new Finding.Text("Fix it.", "請修正。"), List.of()));
			};
			ReportService reports = service(stores, registry, source);

			String then = new String(reports.dossierJson("m-1", before), StandardCharsets.UTF_8);
			String now = new String(reports.dossierJson("m-1", null), StandardCharsets.UTF_8);

			assertThat(evaluated).extracting((r) -> r.versionEntity().text("intendedUse"))
				.containsExactly("Before the change.", "After the change.");
			assertThat(then).contains("Intended use: Before the change.").doesNotContain("After the change.");
			assertThat(now).contains("Intended use: After the change.");
			assertThat(then).contains("evaluated over the résumé as of this dossier's instant");
		}
	}

	private ReportService service(GraphStores stores, RegistryService registry, FindingsSource findings) {
		ResumeReader reader = new ResumeReader(registry, stores);
		SigningKeys keys = SigningKeys
			.open(new SigningProperties(this.dir.resolve("keys/signing.p12"), "test-password", JsfAlgorithm.ED25519));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("findings", findings);
		return new ReportService(reader, registry, new CompletenessService(reader),
				new MlBomService(reader, keys, new MlBomGenerator(), new BomValidator()), keys,
				beans.getBeanProvider(FindingsSource.class), beans.getBeanProvider(OperationsSource.class), (event) -> {
				}, new ReportsProperties(this.dir.resolve("reports"), null));
	}

	private static Map<String, Object> fields(Object... pairs) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put((String) pairs[i], pairs[i + 1]);
		}
		return fields;
	}

}
