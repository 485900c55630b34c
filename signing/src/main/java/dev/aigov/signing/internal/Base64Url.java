package dev.aigov.signing.internal;

import java.util.Base64;

/**
 * Base64url without padding, as JSF and JWK use it. Decoding is strict: a string that is
 * not the one canonical encoding of its bytes (padding, other alphabets, stray low bits
 * in the last character) is refused, so no two strings stand for the same signature.
 */
public final class Base64Url {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private Base64Url() {
	}

	/**
	 * Encode bytes.
	 * @param bytes the bytes
	 * @return base64url text without padding
	 */
	public static String encode(byte[] bytes) {
		return ENCODER.encodeToString(bytes);
	}

	/**
	 * Decode canonical base64url text.
	 * @param text the text
	 * @return the bytes
	 * @throws IllegalArgumentException when the text is not canonical unpadded base64url
	 */
	public static byte[] decode(String text) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not base64url");
		}
		if (text.indexOf('=') >= 0 || !ENCODER.encodeToString(bytes).equals(text)) {
			throw new IllegalArgumentException("not canonical unpadded base64url");
		}
		return bytes;
	}

	/**
	 * Decode base64url or plain base64, with or without padding (certificates in the wild
	 * use both).
	 * @param text the text
	 * @return the bytes
	 * @throws IllegalArgumentException when the text is neither
	 */
	public static byte[] decodeLenient(String text) {
		String url = text.replace('+', '-').replace('/', '_');
		int end = url.length();
		while (end > 0 && url.charAt(end - 1) == '=') {
			end--;
		}
		try {
			return Base64.getUrlDecoder().decode(url.substring(0, end));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not base64");
		}
	}

}
