/**
 * The policy engine's REST API: governance evaluations and their findings, the active
 * packs and their rules, pack upload and activation.
 */
package dev.aigov.web.policy;
