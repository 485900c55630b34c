/**
 * The policy pages: active packs, upload, activation history, and evaluating a version.
 */
package dev.aigov.web.ui.policy;
