package dev.aigov.proxy.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;

import dev.aigov.proxy.ProxyProperties;
import dev.aigov.proxy.ProxyProperties.EndUserIds;
import dev.aigov.signing.Hmacs;
import dev.aigov.signing.SecretKeyFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * What the upstream gets of the identifiers a caller gives it for its end users. Callers
 * put an e-mail address or a customer number there as often as an opaque id, and the
 * upstream keeps them with its abuse reports and stored calls, where the detectors never
 * looked. By default each becomes a keyed pseudonym: the same end user of the same
 * application always gets the same one, so the upstream's abuse monitoring and prompt
 * caching keep working, and nobody without the appliance's key can tell who it is or link
 * one application's end users to another's. The audit record keeps the end user and the
 * pseudonym side by side, so that an upstream's report about a pseudonym leads back to
 * the calls. Thread-safe.
 */
@Component
class EndUserPseudonyms {

	/** The request parameters that identify an end user (or a group of them). */
	static final List<String> FIELDS = List.of("user", "safety_identifier", "prompt_cache_key");

	static final String PREFIX = "aigov-";

	/** Bytes of the HMAC kept: 128 bits, 22 characters. */
	private static final int KEPT = 16;

	private final EndUserIds mode;

	/** Mac instances are not thread-safe; {@code null} unless pseudonyms are made. */
	private final ThreadLocal<Mac> macs;

	EndUserPseudonyms(ProxyProperties properties) {
		this.mode = properties.endUserIds();
		if (this.mode != EndUserIds.PSEUDONYMIZE) {
			this.macs = null;
			return;
		}
		this.macs = Hmacs.sha256(SecretKeyFiles.readOrCreate(properties.pseudonymKeyFile(), "proxy pseudonym key"));
	}

	/**
	 * Checks the end-user parameters of a request and rewrites them as configured.
	 * @param application the calling application, whose end users the ids name
	 * @param body the request, changed in place
	 * @return the pseudonyms the upstream now knows the end user by (of {@code user} and
	 * {@code safety_identifier}, once each), empty when there are none
	 * @throws OpenAiException (400) when one of them is not a string
	 */
	List<String> apply(String application, ObjectNode body) {
		List<String> endUser = new ArrayList<>(2);
		for (String field : FIELDS) {
			JsonNode value = body.get(field);
			if (value == null || value.isNull()) {
				continue;
			}
			if (!value.isString()) {
				throw OpenAiException.invalid(field, "'" + field + "' must be a string.");
			}
			switch (this.mode) {
				case PASS -> {
				}
				case REMOVE -> body.remove(field);
				case PSEUDONYMIZE -> {
					String pseudonym = pseudonym(application, value.stringValue());
					body.put(field, pseudonym);
					if (!field.equals("prompt_cache_key") && !endUser.contains(pseudonym)) {
						endUser.add(pseudonym);
					}
				}
			}
		}
		return endUser;
	}

	/**
	 * {@code aigov-} and the first 128 bits of HMAC-SHA256(key, application NUL value),
	 * base64url.
	 */
	String pseudonym(String application, String value) {
		byte[] prefix = application.getBytes(StandardCharsets.UTF_8);
		byte[] text = value.getBytes(StandardCharsets.UTF_8);
		// Once fed, nothing can fail before doFinal and leave the Mac half fed.
		Mac mac = this.macs.get();
		mac.update(prefix);
		mac.update((byte) 0);
		byte[] digest = mac.doFinal(text);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, KEPT));
	}

}
