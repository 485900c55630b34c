package dev.aigov.sbom;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.aigov.sbom.internal.BomJson;
import dev.aigov.sbom.internal.MlBomMapping;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.JsfVerification;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.SignatureVerdict;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Signs BOMs with JSF, as CycloneDX prescribes (one {@code signature} on the root object,
 * over the RFC 8785 canonical form of the parsed document), and judges signed BOMs: is
 * the signature there and valid, which key made it, which résumé revision does it cover,
 * and is that revision still current. Thread-safe.
 */
public final class SignedBoms {

	private final JsfVerifier verifier;

	/**
	 * @param verifier decides which keys are trusted: {@code SigningKeys.verifier()} for
	 * the appliance's own keys, {@link JsfVerifier#withEmbeddedKeys()} to check integrity
	 * only
	 */
	public SignedBoms(JsfVerifier verifier) {
		this.verifier = Objects.requireNonNull(verifier, "verifier");
	}

	/** Judges signatures by the keys embedded in them: integrity, not who signed. */
	public static SignedBoms withEmbeddedKeys() {
		return new SignedBoms(JsfVerifier.withEmbeddedKeys());
	}

	/**
	 * Signs a BOM as a whole; the text is kept and one {@code signature} member is added
	 * at the end of the root object.
	 * @param bomJson an unsigned BOM
	 * @param signer the key to sign with
	 * @return the signed BOM
	 * @throws IllegalArgumentException if the text is not strict JSON, its root is not an
	 * object or it is already signed
	 */
	public static String sign(String bomJson, JsfSigner signer) {
		return signer.sign(bomJson);
	}

	/**
	 * Judges a BOM's signature without judging freshness
	 * ({@link BomSignatureState.Freshness#NOT_JUDGED}).
	 * @param json the BOM
	 * @return the state; never throws for bad input
	 */
	public BomSignatureState verify(String json) {
		return verify(json, null);
	}

	/**
	 * Judges a BOM's signature and whether it still reflects the résumé.
	 * @param json the BOM
	 * @param current the current revision of the résumé of the BOM's model version, or
	 * {@code null} not to judge freshness
	 * @return the state; never throws for bad input
	 */
	public BomSignatureState verify(String json, ResumeRevision current) {
		JsfVerification verification = this.verifier.verify(json);
		List<SignatureVerdict> own = verification.signatures()
			.stream()
			.filter((verdict) -> verdict.path().equals("/signature") || verdict.path().startsWith("/signature/"))
			.toList();
		boolean present = !own.isEmpty();
		boolean valid = present && verification.valid();
		SignatureVerdict first = present ? own.get(0) : null;
		String verdict;
		if (!present) {
			verdict = (verification.problem() != null) ? "Not signed: " + verification.problem()
					: "Not signed as a whole: only nested objects carry signatures";
		}
		else if (valid) {
			verdict = "Signature valid: " + first.reason();
		}
		else {
			SignatureVerdict failed = verification.invalidSignatures().get(0);
			verdict = "Signature invalid at " + failed.path() + ": " + failed.reason();
		}
		boolean metadataSigned = present && own.stream().noneMatch((v) -> v.unsignedProperties().contains("metadata"));
		ResumeRevision signed = metadataSigned ? revisionOf(json).orElse(null) : null;
		BomSignatureState.Freshness freshness = BomSignatureState.Freshness.NOT_JUDGED;
		String judgement = "";
		if (current != null && signed != null) {
			if (!signed.version().equals(current.version())) {
				judgement = " The BOM describes " + signed.version() + ", not " + current.version() + ".";
			}
			else if (signed.sameAs(current)) {
				freshness = BomSignatureState.Freshness.CURRENT;
				judgement = " It reflects the current résumé revision (" + current.digest() + ").";
			}
			else {
				freshness = BomSignatureState.Freshness.STALE;
				judgement = " Stale: it reflects résumé revision " + signed.digest() + " of " + signed.revisedAt()
						+ "; the résumé is now at " + current.digest() + " of " + current.revisedAt() + ".";
			}
		}
		else if (current != null) {
			judgement = " Freshness not judged: the BOM records no résumé revision under its signature.";
		}
		return new BomSignatureState(present, valid, (first != null) ? first.algorithm() : null,
				(first != null) ? first.keyId() : null, (first != null) ? first.keyThumbprint() : null, signed,
				freshness, end(verdict) + judgement);
	}

	/**
	 * The résumé revision a BOM records in its {@code metadata.properties}, signed or
	 * not.
	 * @param json the BOM
	 * @return the revision, or empty when the BOM records none (or not readably)
	 */
	public static Optional<ResumeRevision> revisionOf(String json) {
		JsonNode properties;
		try {
			properties = BomJson.read(json).path("metadata").path("properties");
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
		String version = property(properties, MlBomMapping.RESUME);
		String digest = property(properties, MlBomMapping.RESUME_DIGEST);
		String revisedAt = property(properties, MlBomMapping.RESUME_REVISED_AT);
		String entities = property(properties, MlBomMapping.RESUME_ENTITIES);
		if (version == null || digest == null || revisedAt == null || entities == null) {
			return Optional.empty();
		}
		try {
			return Optional
				.of(new ResumeRevision(version, digest, Instant.parse(revisedAt), Integer.parseInt(entities)));
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private static String property(JsonNode properties, String name) {
		String found = null;
		for (JsonNode property : properties) {
			if (name.equals(property.path("name").asString(null))) {
				if (found != null) {
					return null; // ambiguous: recorded twice
				}
				found = property.path("value").asString(null);
			}
		}
		return found;
	}

	private static String end(String sentence) {
		return sentence.endsWith(".") ? sentence : sentence + ".";
	}

}
