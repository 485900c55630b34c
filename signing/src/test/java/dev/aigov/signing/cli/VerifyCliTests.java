package dev.aigov.signing.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCliTests {

	private static final Path SHARED = Path.of(System.getProperty("aigov.shared.dir", "../../shared"))
		.resolve("conformance");

	private static final String BOM_14 = SHARED.resolve("cyclonedx/valid-signatures-1.4.json").toString();

	private static final String KID_VECTOR = SHARED.resolve("jsf/p256#es256@kid.json").toString();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path directory;

	private int run(String... args) {
		return VerifyCli.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void exitsZeroWhenEverySignatureIsValid() {
		assertThat(run(BOM_14)).isZero();
		assertThat(out()).contains("VALID    /components/0/signature  ES256")
			.contains("VERIFIED: 4 of 4 signature(s) valid")
			.contains("key thumbprint (RFC 7638)")
			.contains("integrity only");
	}

	@Test
	void exitsOneWhenASignatureIsInvalid() {
		assertThat(run(SHARED.resolve("cyclonedx/valid-signatures-1.6.json").toString())).isOne();
		assertThat(out()).contains("INVALID  /signature  ES256")
			.contains("does not match the signed data")
			.contains("NOT VERIFIED: 3 of 4 signature(s) valid");
	}

	@Test
	void exitsOneForInvalidJsonWithTheReason() throws IOException {
		Path broken = Files.writeString(this.directory.resolve("broken.json"), "{\"a\": 1,}");
		assertThat(run(broken.toString())).isOne();
		assertThat(out()).contains("INVALID  invalid JSON at line 1");
		assertThat(err()).isEmpty();
	}

	@Test
	void checksKeyIdSignaturesAgainstPemKeys() {
		assertThat(run(KID_VECTOR)).isOne();
		assertThat(out()).contains("no key for keyId \"example.com:p256\"");
		this.out.reset();
		assertThat(run("--pem", SHARED.resolve("jsf/keys/p256publickey.pem").toString(), KID_VECTOR)).isZero();
		assertThat(out()).contains("VALID    /signature  ES256  keyId example.com:p256");
	}

	@Test
	void checksSignaturesAgainstAJwks() throws IOException {
		Path jwks = Files.writeString(this.directory.resolve("jwks.json"), """
				{"keys": [{"kid": "example.com:p256", "kty": "EC", "crv": "P-256",
				  "x": "6BKxpty8cI-exDzCkh-goU6dXq3MbcY0cd1LaAxiNrU",
				  "y": "mCbcvUzm44j3Lt2b5BPyQloQ91tf2D2V-gzeUxWaUdg"}]}
				""");
		assertThat(run("--jwks=" + jwks, KID_VECTOR)).isZero();
		this.out.reset();
		// the CycloneDX fixture's key is not in that JWKS
		assertThat(run("--jwks", jwks.toString(), BOM_14)).isOne();
		assertThat(out()).contains("not among the verification keys");
	}

	@Test
	void exitsTwoForUsageAndFileErrors() throws IOException {
		assertThat(run()).isEqualTo(2);
		assertThat(err()).contains("no JSON file given");
		assertThat(run("--bogus", BOM_14)).isEqualTo(2);
		assertThat(run(BOM_14, BOM_14)).isEqualTo(2);
		assertThat(run("--jwks")).isEqualTo(2);
		assertThat(run(this.directory.resolve("missing.json").toString())).isEqualTo(2);
		assertThat(err()).contains("no such file");
		Path notJwks = Files.writeString(this.directory.resolve("keys.json"), "[]");
		assertThat(run("--jwks", notJwks.toString(), BOM_14)).isEqualTo(2);
		assertThat(run("--pem", SHARED.resolve("jsf/keys/p256privatekey.pem").toString(), BOM_14)).isEqualTo(2);
		assertThat(err()).contains("private key");
		assertThat(run("--help")).isEqualTo(2);
		assertThat(out()).contains("Usage: java -jar aigov-verify.jar");
	}

}
