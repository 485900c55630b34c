package dev.aigov.web.keys;

import java.time.Instant;

/**
 * The signing key was rotated, published for the audit log.
 *
 * @param activeKeyId the new active key
 * @param previousKeyId the retired key
 * @param actor who rotated it
 * @param at when
 */
public record SigningKeyRotated(String activeKeyId, String previousKeyId, String actor, Instant at) {
}
