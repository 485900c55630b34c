package dev.aigov;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries, as a test. Each Maven module owns one package under
 * {@code dev.aigov}; Maven already forbids undeclared dependencies, and these rules add
 * what Maven cannot see: no cycles between modules, nothing reaches into another module's
 * {@code internal} package, and each library's types stay inside the module that owns
 * them.
 */
class ModularityTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.aigov");

	@Test
	void modulesAreFreeOfCycles() {
		SlicesRuleDefinition.slices().matching("dev.aigov.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void internalPackagesArePrivateToTheirModule() {
		for (String module : new String[] { "eslauncher", "lineage", "registry", "policy", "detect", "sbom", "audit",
				"proxy", "reports", "web" }) {
			ArchRule rule = noClasses().that()
				.resideOutsideOfPackage("dev.aigov." + module + "..")
				.should()
				.dependOnClassesThat()
				.resideInAPackage("dev.aigov." + module + "..internal..")
				.allowEmptyShould(true)
				.because("'internal' is the private part of module " + module);
			rule.check(classes);
		}
	}

	@Test
	void lowerModulesDoNotDependOnTheWebLayer() {
		noClasses().that()
			.resideOutsideOfPackages("dev.aigov.web..", "dev.aigov")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.aigov.web..")
			.check(classes);
	}

	@Test
	void jenaStaysInTheGraphModules() {
		noClasses().that()
			.resideOutsideOfPackages("dev.aigov.lineage..", "dev.aigov.registry..", "dev.aigov.web.account..",
					"dev.aigov.web.proxy..", "dev.aigov.web.policy..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.apache.jena..")
			.because("Jena types are the résumé's storage model, not the domain model")
			.check(classes);
	}

	@Test
	void elasticsearchClientStaysInTheAuditModule() {
		noClasses().that()
			.resideOutsideOfPackages("dev.aigov.audit..", "dev.aigov.eslauncher..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("co.elastic..", "org.elasticsearch..")
			.check(classes);
	}

	@Test
	void droolsStaysInThePolicyModule() {
		noClasses().that()
			.resideOutsideOfPackage("dev.aigov.policy..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.kie..", "org.drools..")
			.check(classes);
	}

	@Test
	void bouncyCastleStaysInTheSigningModule() {
		noClasses().that()
			.resideOutsideOfPackage("dev.aigov.signing..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.bouncycastle..")
			.because("keys and signatures have one implementation, in the signing module")
			.check(classes);
	}

	@Test
	void cycloneDxStaysInTheSbomModule() {
		noClasses().that()
			.resideOutsideOfPackage("dev.aigov.sbom..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.cyclonedx..")
			.check(classes);
	}

}
