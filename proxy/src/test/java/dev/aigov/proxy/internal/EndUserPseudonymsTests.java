package dev.aigov.proxy.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.aigov.proxy.ProxyProperties;
import dev.aigov.proxy.ProxyProperties.EndUserIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndUserPseudonymsTests {

	@TempDir
	Path directory;

	private EndUserPseudonyms pseudonyms(EndUserIds mode) {
		return new EndUserPseudonyms(new ProxyProperties(1 << 20, Duration.ofSeconds(30), 128, true, true,
				Duration.ofSeconds(30), Duration.ofSeconds(10), mode, this.directory.resolve("keys/pseudonym.key"),
				Map.of(), Map.of()));
	}

	private static ObjectNode body(String user, String safetyIdentifier, String cacheKey) {
		ObjectNode body = OpenAiProxy.JSON.createObjectNode().put("model", "m");
		body.put("user", user).put("safety_identifier", safetyIdentifier).put("prompt_cache_key", cacheKey);
		return body;
	}

	@Test
	void everyIdBecomesAPseudonymAndTheEndUsersAreReturnedOnceEach() {
		EndUserPseudonyms pseudonyms = pseudonyms(EndUserIds.PSEUDONYMIZE);
		ObjectNode body = body("crm-4711", "lin@example.org", "crm-4711");
		assertThat(pseudonyms.apply("crm", body)).containsExactly(pseudonyms.pseudonym("crm", "crm-4711"),
				pseudonyms.pseudonym("crm", "lin@example.org"));
		assertThat(body.path("user").asString()).isEqualTo(pseudonyms.pseudonym("crm", "crm-4711"));
		assertThat(body.path("prompt_cache_key").asString()).isEqualTo(body.path("user").asString());
		assertThat(body.toString()).doesNotContain("4711").doesNotContain("example");

		assertThat(pseudonyms.apply("crm", body("lin@example.org", "lin@example.org", null))).hasSize(1);
		assertThat(pseudonyms.apply("crm", OpenAiProxy.JSON.createObjectNode())).isEmpty();
	}

	@Test
	void aPseudonymDependsOnTheKeyAndTheApplication() {
		EndUserPseudonyms one = pseudonyms(EndUserIds.PSEUDONYMIZE);
		assertThat(one.pseudonym("crm", "lin")).matches("aigov-[A-Za-z0-9_-]{22}")
			.isEqualTo(pseudonyms(EndUserIds.PSEUDONYMIZE).pseudonym("crm", "lin"))
			.isNotEqualTo(one.pseudonym("hr", "lin"))
			.isNotEqualTo(one.pseudonym("crm", "lin "));
		// The separator keeps application and value apart: ("ab", "c") is not ("a",
		// "bc").
		assertThat(one.pseudonym("ab", "c")).isNotEqualTo(one.pseudonym("a", "bc"));
		this.directory.resolve("keys/pseudonym.key").toFile().delete();
		assertThat(pseudonyms(EndUserIds.PSEUDONYMIZE).pseudonym("crm", "lin")).as("a new key")
			.isNotEqualTo(one.pseudonym("crm", "lin"));
	}

	@Test
	void passSendsTheIdsAsGivenAndRemoveDropsThem() {
		ObjectNode passed = body("crm-4711", "lin@example.org", "tenant-1");
		assertThat(pseudonyms(EndUserIds.PASS).apply("crm", passed)).isEmpty();
		assertThat(passed).isEqualTo(body("crm-4711", "lin@example.org", "tenant-1"));
		assertThat(this.directory.resolve("keys")).as("no key without pseudonyms").doesNotExist();

		ObjectNode removed = body("crm-4711", "lin@example.org", "tenant-1");
		assertThat(pseudonyms(EndUserIds.REMOVE).apply("crm", removed)).isEmpty();
		assertThat(removed.propertyNames()).containsExactly("model");
	}

	@Test
	void anIdThatIsNotAStringIsRefused() {
		ObjectNode body = OpenAiProxy.JSON.createObjectNode();
		body.putObject("safety_identifier").put("email", "lin@example.org");
		assertThatThrownBy(() -> pseudonyms(EndUserIds.PSEUDONYMIZE).apply("crm", body))
			.isInstanceOfSatisfying(OpenAiException.class, (ex) -> assertThat(ex.status()).isEqualTo(400))
			.hasMessageNotContaining("example");
	}

}
