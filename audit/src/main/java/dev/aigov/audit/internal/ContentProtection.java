package dev.aigov.audit.internal;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.aigov.audit.AuditProperties.ContentMode;
import dev.aigov.audit.AuditRecord.Content;
import dev.aigov.signing.Hmacs;
import dev.aigov.signing.SecretKeyFiles;

/**
 * Keeps prompt and response texts as the content mode says, never in the clear: an
 * HMAC-SHA256 always (keyed, so short texts cannot be found by guessing), the redacted
 * text unless the mode is {@code hash}, and in {@code encrypted} mode the raw text under
 * AES-256-GCM with a random 96-bit nonce. The key is 32 random bytes in a file of mode
 * 0600, created on first use; its id is the start of its SHA-256. Thread-safe.
 */
public final class ContentProtection {

	private static final int NONCE = 12;

	private static final int TAG_BITS = 128;

	private final ContentMode mode;

	private final SecretKeySpec key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	/** Mac instances are not thread-safe, and creating one costs more than using it. */
	private final ThreadLocal<Mac> macs;

	private ContentProtection(ContentMode mode, byte[] key) {
		this.mode = mode;
		this.key = new SecretKeySpec(key, "AES");
		this.keyId = HexFormat.of().formatHex(sha256(key), 0, 8);
		this.macs = Hmacs.sha256(key);
	}

	/**
	 * Reads the key file, creating it (mode 0600) when it does not exist.
	 * @throws UncheckedIOException when the file cannot be read or created
	 * @throws IllegalStateException when the file does not hold 32 bytes
	 */
	public static ContentProtection open(ContentMode mode, Path keyFile) {
		return new ContentProtection(mode, SecretKeyFiles.readOrCreate(keyFile, "audit content key"));
	}

	/** The content mode. */
	public ContentMode mode() {
		return this.mode;
	}

	/**
	 * What the audit document keeps of a text: {@code hmac_sha256}, and depending on the
	 * mode {@code redacted}, {@code length}, {@code encrypted} (base64 nonce +
	 * ciphertext) and {@code key_id}. Empty when there is no text.
	 * @param keepText {@code false} to keep only the hash and length where the mode would
	 * keep the text too, marked {@code text_omitted}
	 */
	Map<String, Object> protect(Content content, boolean keepText) {
		Map<String, Object> kept = new LinkedHashMap<>();
		if (content == null || (content.raw() == null && content.redacted() == null)) {
			return kept;
		}
		String raw = content.raw();
		if (raw != null) {
			kept.put("hmac_sha256", hmac(raw));
			kept.put("length", raw.length());
		}
		if (this.mode == ContentMode.HASH) {
			return kept;
		}
		if (!keepText) {
			kept.put("text_omitted", true);
			return kept;
		}
		if (content.redacted() != null) {
			kept.put("redacted", content.redacted());
		}
		if (this.mode == ContentMode.ENCRYPTED && raw != null) {
			kept.put("encrypted", encrypt(raw));
			kept.put("key_id", this.keyId);
		}
		return kept;
	}

	/** An HMAC-SHA256 of a text with the content key, in hex. */
	public String hmac(String text) {
		return HexFormat.of().formatHex(this.macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	String encrypt(String text) {
		try {
			byte[] nonce = new byte[NONCE];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is missing from this JDK", ex);
		}
	}

	/**
	 * Decrypts what {@code encrypted} mode kept.
	 * @throws IllegalArgumentException when the text was not encrypted with this key or
	 * was altered
	 */
	public String decrypt(String encrypted) {
		try {
			byte[] sealed = Base64.getDecoder().decode(encrypted);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
			return new String(cipher.doFinal(Arrays.copyOfRange(sealed, NONCE, sealed.length)), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a text encrypted with this appliance's audit content key");
		}
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
