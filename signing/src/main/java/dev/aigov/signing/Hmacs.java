package dev.aigov.signing;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keyed hashes for the appliance's symmetric keys ({@link SecretKeyFiles}). */
public final class Hmacs {

	private Hmacs() {
	}

	/**
	 * HMAC-SHA256 under one key, an instance per thread: a {@link Mac} is not
	 * thread-safe, and creating one costs more than using it.
	 * @param key the key's bytes
	 * @return the instances, each initialised with the key
	 */
	public static ThreadLocal<Mac> sha256(byte[] key) {
		SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
		return ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(spec);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is missing from this JDK", ex);
			}
		});
	}

}
