/**
 * REST API of the exported, signed reports: generate, list, download, verify.
 */
package dev.aigov.web.reports;
