package dev.aigov.policy.facts;

/**
 * How the organisation uses its models ({@code aigov.policy.commercial-use}), against
 * which licences are read.
 *
 * @param commercial whether the use is commercial
 */
public record IntendedUse(boolean commercial) {
}
