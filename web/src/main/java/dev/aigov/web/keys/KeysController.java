package dev.aigov.web.keys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.aigov.signing.JsfVerification;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.SignatureVerdict;
import dev.aigov.signing.SigningKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public keys for anyone who verifies what the appliance signs, and a verification
 * service for signed JSON (SBOMs, reports, checkpoints). Private keys never leave the
 * keystore.
 */
@RestController
@Tag(name = "Keys", description = "Public signing keys (JWKS) and JSF signature verification")
class KeysController {

	/** Verification input is bounded: a 10,000-component BOM is about 7 MB. */
	static final int MAX_DOCUMENT = 32 * 1024 * 1024;

	private final SigningKeys keys;

	private final ApplicationEventPublisher events;

	KeysController(SigningKeys keys, ApplicationEventPublisher events) {
		this.keys = keys;
		this.events = events;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = "application/jwk-set+json")
	@PreAuthorize("permitAll()")
	@Operation(summary = "The public keys that verify the appliance's signatures (current and retired)")
	ResponseEntity<String> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
			.contentType(MediaType.parseMediaType("application/jwk-set+json"))
			.body(this.keys.jwks());
	}

	@PostMapping("/api/admin/keys/rotate")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Rotate the signing key",
			description = "New signatures use a new key; earlier ones keep verifying, and the JWKS keeps the old public key.")
	RotatedKey rotate(Authentication authentication) {
		String previous = this.keys.activeKeyId();
		RotatedKey rotated = new RotatedKey(this.keys.rotate(), previous);
		this.events.publishEvent(new SigningKeyRotated(rotated.activeKeyId(), previous, authentication.getName(),
				java.time.Instant.now()));
		return rotated;
	}

	record RotatedKey(String activeKeyId, String previousKeyId) {
	}

	@PostMapping(path = "/api/signatures/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('COMPLIANCE_OFFICER','AUDITOR','MODEL_OWNER','ADMIN')")
	@Operation(summary = "Verify every JSF signature in a JSON document",
			description = "Keys come from the appliance's keystore (by keyId) and from the document itself "
					+ "(publicKey, certificatePath). A verdict per signature, never an error for a bad signature.")
	Verification verify(HttpServletRequest request) throws IOException {
		byte[] document = request.getInputStream().readNBytes(MAX_DOCUMENT + 1);
		if (document.length > MAX_DOCUMENT) {
			return new Verification(false, false, List.of(), "The document is larger than 32 MiB.");
		}
		JsfVerification ours = this.keys.verifier().verify(document);
		JsfVerification embedded = JsfVerifier.withEmbeddedKeys().verify(document);
		List<Signature> signatures = new ArrayList<>();
		for (int i = 0; i < ours.signatures().size(); i++) {
			SignatureVerdict byUs = ours.signatures().get(i);
			SignatureVerdict byItself = (i < embedded.signatures().size()) ? embedded.signatures().get(i) : null;
			SignatureVerdict shown = (!byUs.valid() && byItself != null && byItself.valid()) ? byItself : byUs;
			signatures.add(new Signature(shown, byUs.valid()));
		}
		boolean valid = !signatures.isEmpty() && signatures.stream().allMatch((s) -> s.verdict().valid());
		boolean ourKeys = !signatures.isEmpty() && signatures.stream().allMatch(Signature::signedByThisAppliance);
		return new Verification(valid, ourKeys, signatures, ours.problem());
	}

	/**
	 * @param valid every signature is intact (with the key it names or carries)
	 * @param signedByThisAppliance every signature was made with one of this appliance's
	 * keys
	 * @param signatures one verdict per signature
	 * @param problem why the document could not be checked at all, or {@code null}
	 */
	record Verification(boolean valid, boolean signedByThisAppliance, List<Signature> signatures, String problem) {
	}

	record Signature(SignatureVerdict verdict, boolean signedByThisAppliance) {
	}

}
