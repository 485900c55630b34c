/**
 * Drools policy packs over the résumé and over each inference call.
 */
package dev.aigov.policy;
