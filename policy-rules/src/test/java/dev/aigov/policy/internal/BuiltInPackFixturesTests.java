package dev.aigov.policy.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.aigov.policy.PolicyProperties;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fixture of the built-in packs, one dynamic test each: a {@code fail-} fixture
 * must make its rule fire (with the expected action for runtime rules), a {@code pass-}
 * fixture must not.
 */
class BuiltInPackFixturesTests {

	private static final Pattern FIXTURE = Pattern.compile("fixtures/([^/]+)/(pass|fail)-[^/]+\\.(ttl|properties)");

	private final PackCompiler compiler = new PackCompiler(PolicyProperties.defaults());

	@TestFactory
	Stream<DynamicTest> governanceFixtures() {
		return fixtures("dev/aigov/policy/packs/governance");
	}

	@TestFactory
	Stream<DynamicTest> runtimeFixtures() {
		return fixtures("dev/aigov/policy/packs/runtime");
	}

	@Test
	void everyRuleHasAPassingAndAFailingFixture() {
		for (String location : PolicyEngine.BUILT_IN) {
			PackSource source = PackSource.fromClasspath(location);
			CompiledPack pack = this.compiler.compileUntested(source);
			for (String rule : pack.rules().keySet()) {
				assertThat(source.files().keySet()).as(rule)
					.anyMatch((path) -> path.startsWith("fixtures/" + rule + "/pass-"))
					.anyMatch((path) -> path.startsWith("fixtures/" + rule + "/fail-"));
			}
		}
	}

	private Stream<DynamicTest> fixtures(String location) {
		PackSource source = PackSource.fromClasspath(location);
		CompiledPack pack = this.compiler.compileUntested(source);
		assertThat(pack.rules()).isNotEmpty();
		return source.files()
			.entrySet()
			.stream()
			.filter((file) -> file.getKey().startsWith("fixtures/"))
			.map((file) -> {
				Matcher matcher = FIXTURE.matcher(file.getKey());
				return DynamicTest.dynamicTest(file.getKey(), () -> {
					assertThat(matcher.matches()).as("fixture name").isTrue();
					String problem = this.compiler.runFixture(pack, matcher.group(1), matcher.group(2).equals("fail"),
							matcher.group(3), file.getValue());
					assertThat(problem).isNull();
				});
			});
	}

	static Map<String, byte[]> files(String location) {
		return PackSource.fromClasspath(location).files();
	}

}
