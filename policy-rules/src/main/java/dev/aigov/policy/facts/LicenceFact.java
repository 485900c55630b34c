package dev.aigov.policy.facts;

/**
 * The SPDX licence expression of a dataset, base model or the model version itself, read
 * against the organisation's intended use.
 *
 * @param subject what it licenses, e.g. {@code dataset-version/compas-2013-2014}
 * @param expression the SPDX expression, {@code null} if none was recorded
 * @param use what the most permissive reading of the expression allows
 * @param shareAlike whether that reading carries share-alike (copyleft) obligations
 * @param detail the licence ids that decided, or why the expression is unknown
 */
public record LicenceFact(String subject, String expression, Use use, boolean shareAlike, String detail) {

	/** What a licence allows, from most to least permissive. */
	public enum Use {

		/** Commercial use allowed. */
		COMMERCIAL,
		/** Non-commercial use only. */
		NON_COMMERCIAL,
		/** Research or evaluation only. */
		RESEARCH_ONLY,
		/** Missing, {@code NOASSERTION}, or a licence the appliance does not know. */
		UNKNOWN

	}

}
