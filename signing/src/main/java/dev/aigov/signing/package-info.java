/**
 * Canonical JSON (RFC 8785), JSON Signature Format signatures on Bouncy Castle, and the
 * appliance's signing keys.
 */
package dev.aigov.signing;
