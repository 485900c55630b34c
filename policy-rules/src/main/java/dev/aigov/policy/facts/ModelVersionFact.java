package dev.aigov.policy.facts;

/**
 * The model version being evaluated, with what its model and AI system say about it.
 *
 * @param id the version's id
 * @param systemId the AI system it serves
 * @param riskLevel the system's risk level ({@code minimal}, {@code limited},
 * {@code high}, {@code unacceptable}), {@code null} if not recorded
 * @param highRisk whether that level is high or unacceptable
 * @param decidesAboutPeople whether the system makes or supports decisions about people,
 * {@code null} if not recorded
 * @param generative whether its task generates content (text, images, code)
 * @param task the task, {@code null} if not recorded
 * @param architecture the architecture, {@code null} if not recorded
 * @param intendedUse the intended use, {@code null} if not recorded
 * @param limitations the known limitations, {@code null} if not recorded
 * @param explanationMethod how its outputs are explained, {@code null} if not recorded
 * @param servingProvider who serves it, {@code null} if not recorded
 * @param servedExternally whether that provider is outside the organisation
 * @param outputLicenseTerms the licence of generated output per provider terms,
 * {@code null} if not recorded
 * @param energyPerInferenceWh energy per inference in watt-hours, {@code null} if not
 * recorded
 */
public record ModelVersionFact(String id, String systemId, String riskLevel, boolean highRisk,
		Boolean decidesAboutPeople, boolean generative, String task, String architecture, String intendedUse,
		String limitations, String explanationMethod, String servingProvider, boolean servedExternally,
		String outputLicenseTerms, Double energyPerInferenceWh) {
}
