package dev.aigov.detect;

import java.util.List;

/**
 * Finds personal data, secrets and confidential markers in a text. Implementations are
 * thread-safe.
 */
public interface TextScanner {

	/**
	 * @param text the text to scan
	 * @return the hits, ordered by start; overlapping hits resolved to the longest, most
	 * confident one
	 * @throws ScanFailedException when the scan could not finish (a configured pattern
	 * gave up on this text): the text is unchecked, and the caller fails closed
	 */
	List<Hit> scan(CharSequence text);

}
