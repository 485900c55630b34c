/**
 * The plain typed facts that policy packs reason over, and the {@link Outcome} their
 * rules report to. This is the vocabulary a pack's DRL may use; no RDF or registry type
 * appears in it.
 */
package dev.aigov.policy.facts;
