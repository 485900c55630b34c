package dev.aigov.policy.facts;

import dev.aigov.policy.DataClass;

/**
 * The data class of a call's text: the stricter of what the caller declared and what the
 * detectors found.
 *
 * @param value the class
 * @param declared whether the declaration alone makes it this strict (so redacting the
 * detected parts cannot lower it)
 * @param confidential whether the class is confidential or restricted
 */
public record CallClass(DataClass value, boolean declared, boolean confidential) {
}
