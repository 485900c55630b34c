package dev.aigov.policy.facts;

import dev.aigov.policy.BomEvidence;

/**
 * Whether a signed ML-BOM of the model version exists and verifies.
 *
 * @param state what the check found, {@link BomEvidence.State#UNKNOWN} when it could not
 * be checked
 * @param detail what the check said
 */
public record BomFact(BomEvidence.State state, String detail) {
}
