package dev.aigov.detect;

/**
 * One thing a detector found in a text. A hit names its span, never copies the value.
 *
 * @param type e.g. {@code EMAIL}, {@code TW_NATIONAL_ID}, {@code AWS_ACCESS_KEY}
 * @param category personal data, a secret, or a confidential marker
 * @param start offset of the first character (UTF-16 index)
 * @param end offset after the last character
 * @param confidence between 0 and 1; checksum-validated hits are near 1
 */
public record Hit(String type, Category category, int start, int end, double confidence) {

	public Hit {
		if (start < 0 || end <= start) {
			throw new IllegalArgumentException("Empty or negative span " + start + ".." + end);
		}
	}

	public int length() {
		return this.end - this.start;
	}

	/** What kind of data a hit is. */
	public enum Category {

		/** Personal data: e-mail, phone, national id, card number... */
		PII,

		/** Credentials: access keys, API tokens, private keys, passwords... */
		SECRET,

		/** A marker the organisation configured, e.g. "機密" or a project code name. */
		CONFIDENTIAL

	}

}
