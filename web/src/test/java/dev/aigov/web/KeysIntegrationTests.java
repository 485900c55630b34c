package dev.aigov.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.aigov.signing.JsfSignOptions;
import dev.aigov.signing.SigningKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public keys and the verification service, as an auditor uses them.
 */
class KeysIntegrationTests extends ApplianceIntegrationTest {

	@Autowired
	SigningKeys keys;

	@Test
	void anyoneReadsThePublicKeysAndNoPrivatePartIsInThem() {
		HttpResponse<String> response = http().get("/.well-known/jwks.json");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode key = TestHttp.json(response).path("keys").get(0);
		java.util.List<String> kids = new java.util.ArrayList<>();
		TestHttp.json(response).path("keys").forEach((k) -> kids.add(k.path("kid").asString()));
		assertThat(kids).contains(this.keys.activeKeyId());
		assertThat(key.path("kty").asString()).isEqualTo("OKP");
		assertThat(key.has("d")).as("private key material").isFalse();
	}

	@Test
	void aDocumentSignedByTheApplianceVerifiesByKeyIdAndATamperedOneDoesNot() {
		String signed = this.keys.activeSigner()
			.sign("{\"report\":\"operations\",\"calls\":1200}", JsfSignOptions.defaults().withoutPublicKey());
		JsonNode verdict = verify(signed);
		assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
		assertThat(verdict.path("signedByThisAppliance").asBoolean()).isTrue();
		assertThat(verdict.path("signatures").get(0).path("verdict").path("keyId").asString())
			.isEqualTo(this.keys.activeKeyId());

		JsonNode tampered = verify(signed.replace("1200", "1201"));
		assertThat(tampered.path("valid").asBoolean()).isFalse();
		assertThat(tampered.path("signatures").get(0).path("verdict").path("reason").asString()).isNotBlank();
	}

	@Test
	void afterRotationOldSignaturesStillVerifyAndTheJwksKeepsTheOldKey() {
		String before = this.keys.activeSigner().sign("{\"n\":1}", JsfSignOptions.defaults().withoutPublicKey());
		String oldKey = this.keys.activeKeyId();
		assertThat(http().post("/api/admin/keys/rotate", "", "nobody", "x").statusCode()).isEqualTo(401);
		HttpResponse<String> rotated = http().post("/api/admin/keys/rotate", "", ADMIN, ADMIN_PASSWORD);
		assertThat(rotated.statusCode()).isEqualTo(200);
		assertThat(TestHttp.json(rotated).path("previousKeyId").asString()).isEqualTo(oldKey);
		assertThat(this.keys.activeKeyId()).isNotEqualTo(oldKey);
		assertThat(verify(before).path("valid").asBoolean()).isTrue();
		assertThat(verify(before).path("signedByThisAppliance").asBoolean()).isTrue();
		assertThat(http().get("/.well-known/jwks.json").body()).contains(oldKey).contains(this.keys.activeKeyId());
	}

	@Test
	void theCycloneDxConformanceFixturesVerifyAsTheSpecificationSays() throws Exception {
		Path fixtures = Path.of(System.getProperty("aigov.shared.dir"), "conformance", "cyclonedx");
		JsonNode signed14 = verify(Files.readString(fixtures.resolve("valid-signatures-1.4.json")));
		assertThat(signed14.path("valid").asBoolean()).as(signed14.toString()).isTrue();
		JsonNode edited = verify(Files.readString(fixtures.resolve("valid-signatures-1.6.json")));
		assertThat(edited.path("valid").asBoolean()).as("the 1.6 file was edited after signing").isFalse();
		JsonNode notJson = verify("{\"a\":");
		assertThat(notJson.path("valid").asBoolean()).isFalse();
		assertThat(notJson.path("problem").asString()).isNotBlank();
	}

	private JsonNode verify(String document) {
		HttpResponse<String> response = http().send(http().request("/api/signatures/verify", ADMIN, ADMIN_PASSWORD)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(document)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestHttp.json(response);
	}

}
