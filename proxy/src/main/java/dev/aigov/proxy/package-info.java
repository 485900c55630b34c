/**
 * The OpenAI-compatible policy proxy under {@code /v1}: every call is authenticated by an
 * application key, scanned by the detectors, decided by the runtime policy pack, sent
 * only to a configured upstream, and audited durably before it is answered.
 */
package dev.aigov.proxy;
