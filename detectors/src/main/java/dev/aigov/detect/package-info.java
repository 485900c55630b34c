/**
 * In-process detectors of personal data, secrets and confidential markers, and the
 * redaction of what they find. Plain Java, no framework: the proxy calls them on every
 * prompt and response.
 */
package dev.aigov.detect;
