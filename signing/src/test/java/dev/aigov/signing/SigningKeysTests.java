package dev.aigov.signing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeysTests {

	private static final String DOCUMENT = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}";

	@TempDir
	Path directory;

	private Path keystore() {
		return this.directory.resolve("data").resolve("keys").resolve("signing.p12");
	}

	private SigningKeys open(SigningProperties properties) {
		return SigningKeys.open(properties, (name) -> null);
	}

	@Test
	void createsAnEd25519KeyInAPrivateKeystoreOnFirstUse() throws Exception {
		SigningKeys keys = open(SigningProperties.of(keystore()));
		assertThat(keystore()).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore()))).isEqualTo("rw-------");
		Path passwordFile = keystore().resolveSibling("signing.p12.password");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore().getParent())))
			.isEqualTo("rwx------");
		// the shared parent (the data directory) is not made private
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.directory.resolve("data"))))
			.isNotEqualTo("rwx------");
		JsfSigner signer = keys.activeSigner();
		assertThat(signer.algorithm()).isEqualTo(JsfAlgorithm.ED25519);
		assertThat(signer.keyId()).contains(keys.activeKeyId());
		assertThat(keys.activeKeyId()).isEqualTo(signer.publicKeyThumbprint()).hasSize(43);
		assertThat(privateKeyEntries(Files.readString(passwordFile).strip())).hasSize(1);
	}

	@Test
	void reopensTheSameKeys() {
		SigningKeys first = open(SigningProperties.of(keystore()));
		String signed = first.activeSigner().sign(DOCUMENT);
		SigningKeys second = open(SigningProperties.of(keystore()));
		assertThat(second.activeKeyId()).isEqualTo(first.activeKeyId());
		assertThat(second.verifier().verify(signed).valid()).isTrue();
	}

	@Test
	void rotationKeepsOldPublicKeysForVerificationButNeverSignsWithThem() throws Exception {
		SigningKeys keys = open(SigningProperties.of(keystore()));
		String oldKeyId = keys.activeKeyId();
		String signedBefore = keys.activeSigner().sign(DOCUMENT);
		String newKeyId = keys.rotate();
		assertThat(newKeyId).isNotEqualTo(oldKeyId).isEqualTo(keys.activeKeyId());
		String signedAfter = keys.activeSigner().sign(DOCUMENT);
		assertThat(signedAfter).contains(newKeyId).doesNotContain(oldKeyId);
		assertThat(keys.verifier().verify(signedBefore).valid()).isTrue();
		assertThat(keys.verifier().verify(signedAfter).valid()).isTrue();
		assertThat(keys.publicKey(oldKeyId)).isPresent();
		assertThat(keys.publicKey(newKeyId)).isPresent();
		assertThat(keys.publicKey("unknown")).isEmpty();
		// the retired private key is gone from the keystore
		String password = Files.readString(keystore().resolveSibling("signing.p12.password")).strip();
		assertThat(privateKeyEntries(password)).hasSize(1);
		SigningKeys reopened = open(SigningProperties.of(keystore()));
		assertThat(reopened.activeKeyId()).isEqualTo(newKeyId);
		assertThat(reopened.verifier().verify(signedBefore).valid()).isTrue();
		assertThat(kids(reopened.jwks())).containsExactly(newKeyId, oldKeyId);
	}

	@Test
	void publishesOnlyPublicKeysAsJwks() {
		SigningKeys keys = open(SigningProperties.of(keystore()));
		keys.rotate();
		String jwks = keys.jwks();
		List<?> entries = (List<?>) ((Map<?, ?>) JsonCanonicalizer.parse(jwks)).get("keys");
		assertThat(entries).hasSize(2).allSatisfy((entry) -> {
			Map<?, ?> jwk = (Map<?, ?>) entry;
			assertThat(jwk.get("kty")).isEqualTo("OKP");
			assertThat(jwk.get("alg")).isEqualTo("Ed25519");
			assertThat(jwk.get("use")).isEqualTo("sig");
			assertThat(jwk.containsKey("kid")).isTrue();
			assertThat(jwk.containsKey("d")).isFalse();
		});
		// the JWKS is what auditors verify with
		String signed = keys.activeSigner().sign(DOCUMENT, JsfSignOptions.defaults().withoutPublicKey());
		assertThat(JsfVerifier.withKeys(VerificationKeys.fromJwks(jwks)).verify(signed).valid()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(JsfAlgorithm.class)
	void createsKeysOfTheConfiguredAlgorithm(JsfAlgorithm algorithm) {
		SigningKeys keys = open(new SigningProperties(keystore(), "configured", algorithm));
		assertThat(keys.activeSigner().algorithm()).isEqualTo(algorithm);
		assertThat(keys.jwks()).contains("\"alg\": \"" + algorithm.jsfName() + "\"");
		assertThat(keys.verifier().verify(keys.activeSigner().sign(DOCUMENT)).valid()).isTrue();
	}

	@Test
	void aConfiguredPasswordIsUsedAndNoPasswordFileWritten() {
		open(new SigningProperties(keystore(), "s3cret-from-config", null));
		assertThat(keystore().resolveSibling("signing.p12.password")).doesNotExist();
		assertThat(open(new SigningProperties(keystore(), "s3cret-from-config", null))).isNotNull();
		assertThatIllegalStateException()
			.isThrownBy(() -> open(new SigningProperties(keystore(), "wrong-password", null)))
			.withMessageContaining("wrong password")
			.withMessageNotContaining("wrong-password")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void thePasswordMayComeFromTheEnvironment() {
		SigningKeys keys = SigningKeys.open(SigningProperties.of(keystore()),
				(name) -> name.equals(SigningKeys.PASSWORD_ENVIRONMENT_VARIABLE) ? "from-env" : null);
		assertThat(keystore().resolveSibling("signing.p12.password")).doesNotExist();
		assertThat(open(new SigningProperties(keystore(), "from-env", null)).activeKeyId())
			.isEqualTo(keys.activeKeyId());
	}

	@Test
	void anExistingKeystoreWithoutAnyPasswordIsAClearError() {
		open(new SigningProperties(keystore(), "configured", null));
		assertThatIllegalStateException().isThrownBy(() -> open(SigningProperties.of(keystore())))
			.withMessageContaining("aigov.signing.keystore-password")
			.withMessageContaining(SigningKeys.PASSWORD_ENVIRONMENT_VARIABLE);
	}

	@Test
	void restrictsAKeystoreOthersCanRead() throws Exception {
		open(SigningProperties.of(keystore()));
		Files.setPosixFilePermissions(keystore(), PosixFilePermissions.fromString("rw-r--r--"));
		open(SigningProperties.of(keystore()));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore()))).isEqualTo("rw-------");
	}

	@Test
	void neverPrintsThePassword() {
		SigningProperties properties = new SigningProperties(keystore(), "do-not-print", JsfAlgorithm.ES256);
		assertThat(properties.toString()).doesNotContain("do-not-print").contains("******");
		assertThat(open(properties).toString()).doesNotContain("do-not-print");
		assertThat(SigningProperties.of(keystore()).algorithm()).isEqualTo(JsfAlgorithm.ED25519);
		assertThat(new SigningProperties(null, " ", null).keystore()).isEqualTo(SigningProperties.DEFAULT_KEYSTORE);
	}

	private List<String> privateKeyEntries(String password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore())) {
			store.load(in, password.toCharArray());
		}
		return Collections.list(store.aliases()).stream().filter((alias) -> {
			try {
				return store.isKeyEntry(alias);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static List<Object> kids(String jwks) {
		List<?> keys = (List<?>) ((Map<?, ?>) JsonCanonicalizer.parse(jwks.getBytes(StandardCharsets.UTF_8)))
			.get("keys");
		return keys.stream().map((key) -> (Object) ((Map<?, ?>) key).get("kid")).toList();
	}

}
