/**
 * Exported, signed audit reports.
 */
package dev.aigov.reports;
