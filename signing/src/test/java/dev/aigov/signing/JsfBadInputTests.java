package dev.aigov.signing;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input always ends in a verdict with its reason, never in an exception. */
class JsfBadInputTests {

	private static final JsfVerifier EMBEDDED = JsfVerifier.withEmbeddedKeys();

	private static final String ES256 = Fixtures.read(Fixtures.conformance("jsf", "p256#es256@jwk.json"));

	private static final String KID = Fixtures.read(Fixtures.conformance("jsf", "p256#es256@kid.json"));

	private static final String VALUE = "ybT1qz5zHNi4Ndc6y7Zhamuf51IqXkPkZwjH1XcC-KSuBiaQplTw6Jasf2MbCLg3CF7PAdnMO__WSLwvI5r2jA";

	@Test
	void invalidJson() {
		JsfVerification verification = EMBEDDED.verify(ES256.replace("\"name\": \"Joe\",", "\"name\": \"Joe\""));
		assertThat(verification.valid()).isFalse();
		assertThat(verification.signatures()).isEmpty();
		assertThat(verification.problem()).startsWith("invalid JSON at line 4");
		assertThat(EMBEDDED.verify(new byte[] { (byte) 0xFF }).problem()).contains("UTF-8");
		assertThat(EMBEDDED.verify("").problem()).contains("empty");
	}

	@Test
	void duplicateKeys() {
		JsfVerification verification = EMBEDDED
			.verify(ES256.replace("\"name\": \"Joe\",", "\"name\": \"Joe\", \"name\": \"Eve\","));
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problem()).contains("Duplicate").contains("name");
	}

	@Test
	void unknownAlgorithm() {
		SignatureVerdict verdict = single(EMBEDDED.verify(ES256.replace("\"ES256\"", "\"ES512\"")));
		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.algorithm()).isEqualTo("ES512");
		assertThat(verdict.reason()).contains("unsupported algorithm \"ES512\"");
	}

	@Test
	void algorithmThatDoesNotFitTheKey() {
		SignatureVerdict verdict = single(EMBEDDED.verify(ES256.replace("\"ES256\"", "\"ES384\"")));
		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.reason()).contains("ES384 needs an EC P-384 key, the key is EC P-256");
	}

	@Test
	void signatureOverOtherBytes() {
		SignatureVerdict verdict = single(EMBEDDED.verify(ES256.replace("\"Joe\"", "\"Eve\"")));
		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.reason()).contains("does not match the signed data");
		String otherValue = "Il-GTiAwCgAX3X9IC7AWfVzySWA18ZLGgHgj3KDfp0-1XsjkVDdypdIFjE9vWdieI6-pHabo6UzcYGubFSVS_w";
		assertThat(single(EMBEDDED.verify(ES256.replace(VALUE, otherValue))).reason())
			.contains("does not match the signed data");
	}

	@Test
	void truncatedValue() {
		SignatureVerdict verdict = single(EMBEDDED.verify(ES256.replace(VALUE, VALUE.substring(0, 80))));
		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.reason()).contains("has 60 bytes").contains("needs 64").contains("truncated");
		assertThat(single(EMBEDDED.verify(ES256.replace(VALUE, VALUE.substring(0, 85)))).reason())
			.contains("not base64url");
		// same bytes, but stray low bits in the last character: refused, not silently
		// accepted
		String strayBits = VALUE.substring(0, VALUE.length() - 1) + "B";
		assertThat(single(EMBEDDED.verify(ES256.replace(VALUE, strayBits))).reason())
			.contains("not canonical unpadded base64url");
	}

	@Test
	void malformedValue() {
		assertThat(single(EMBEDDED.verify(ES256.replace(VALUE, "not base64!"))).reason()).contains("not base64url");
		assertThat(single(EMBEDDED.verify(ES256.replace(VALUE, VALUE + "=="))).reason()).contains("base64url");
		assertThat(single(EMBEDDED.verify(ES256.replace("\"" + VALUE + "\"", "42"))).reason())
			.contains("no \"value\" string");
	}

	@Test
	void keyThatDoesNotMatchTheKeyId() {
		// the verifier knows example.com:p256 as a different key
		JsfSigner other = JsfRoundTripTests.signer(JsfAlgorithm.ES256);
		VerificationKeys wrong = VerificationKeys.of("example.com:p256",
				JsfRoundTripTests.keys(JsfAlgorithm.ES256).getPublic());
		SignatureVerdict verdict = single(JsfVerifier.withKeys(wrong).verify(KID));
		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.keyThumbprint()).isEqualTo(other.publicKeyThumbprint());
		assertThat(verdict.reason()).contains("does not match the signed data")
			.contains("registered for keyId \"example.com:p256\"");
		// an embedded key that differs from the registered one
		String embeddedAndKeyId = ES256.replace("\"algorithm\": \"ES256\",",
				"\"algorithm\": \"ES256\", \"keyId\": \"example.com:p256\",");
		SignatureVerdict mismatch = single(JsfVerifier.withKeys(wrong).verify(embeddedAndKeyId));
		assertThat(mismatch.valid()).isFalse();
		assertThat(mismatch.reason()).contains("embedded key does not match the key registered for keyId");
	}

	@Test
	void keyNotAmongTheVerificationKeys() {
		VerificationKeys others = VerificationKeys.of("mine", JsfRoundTripTests.keys(JsfAlgorithm.ES256).getPublic());
		SignatureVerdict verdict = single(JsfVerifier.withKeys(others).verify(ES256));
		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.reason()).contains("not among the verification keys").contains("itself is intact");
	}

	@Test
	void brokenSignatureStructures() {
		assertThat(reason("{\"a\":1,\"signature\":{\"signers\":[]}}")).contains("non-empty array");
		assertThat(reason("{\"a\":1,\"signature\":{\"chain\":[1]}}")).contains("signer objects only");
		assertThat(reason("{\"a\":1,\"signature\":{\"signers\":[{}],\"chain\":[{}]}}")).contains("both");
		assertThat(reason("{\"a\":1,\"signature\":{\"value\":\"AA\"}}")).contains("no \"algorithm\"");
		assertThat(reason("{\"a\":1,\"signature\":{\"algorithm\":\"ES256\",\"value\":\"AA\",\"x\":1}}"))
			.contains("unexpected property \"x\"");
		assertThat(reason("{\"a\":1,\"signature\":{\"algorithm\":\"ES256\",\"value\":\"AA\",\"excludes\":[]}}"))
			.contains("\"excludes\" must be a non-empty array");
		assertThat(reason("{\"a\":1,\"signature\":{\"algorithm\":\"ES256\",\"value\":\"AA\"}}"))
			.contains("names no keyId and embeds no publicKey");
		assertThat(reason(
				"{\"a\":1,\"signature\":{\"algorithm\":\"ES256\",\"value\":\"AA\",\"publicKey\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}}}"))
			.contains("\"publicKey\" is not usable");
		assertThat(reason(
				"{\"a\":1,\"signature\":{\"algorithm\":\"ES256\",\"value\":\"AA\",\"certificatePath\":[\"AAAA\"]}}"))
			.contains("certificatePath[0] is not usable");
		String zero = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
		assertThat(reason("{\"a\":1,\"signature\":{\"algorithm\":\"ES256\",\"value\":\"AA\",\"publicKey\":"
				+ "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + zero + "\",\"y\":\"" + zero + "\"}}}"))
			.contains("not a point on P-256");
		assertThat(reason(
				"{\"a\":1,\"signature\":{\"algorithm\":\"Ed25519\",\"value\":\"AA\",\"publicKey\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AA\",\"d\":\"AA\"}}}"))
			.contains("private key material");
	}

	@Test
	void theOnlyThingNotVerifiedIsExplainedToo() {
		JsfVerification verification = EMBEDDED.verify("{\"signature\":\"not an object\"}");
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problem()).contains("no JSF signature found");
	}

	@Test
	void jwksAndPemProblemsAreExplained() {
		assertThat(rejection(() -> VerificationKeys.fromJwks("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\"}]}")))
			.contains("key type \"oct\"");
		assertThat(rejection(() -> VerificationKeys.fromJwks("[]"))).contains("JSON object");
		assertThat(rejection(() -> VerificationKeys.fromPem("nothing"))).contains("no PEM");
		assertThat(rejection(() -> VerificationKeys
			.fromPem(Fixtures.read(Fixtures.conformance("jsf", "keys", "p256privatekey.pem")))))
			.contains("private key");
		assertThat(rejection(() -> VerificationKeys
			.fromJwks(Fixtures.read(Fixtures.conformance("jsf", "keys", "p256privatekey.jwk"))))).contains("private");
	}

	private static String rejection(Runnable action) {
		try {
			action.run();
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("not rejected");
	}

	private static String reason(String json) {
		return single(EMBEDDED.verify(json)).reason();
	}

	private static SignatureVerdict single(JsfVerification verification) {
		List<SignatureVerdict> verdicts = verification.signatures();
		assertThat(verdicts).as(String.valueOf(verification)).hasSize(1);
		assertThat(verification.valid()).isFalse();
		return verdicts.get(0);
	}

}
