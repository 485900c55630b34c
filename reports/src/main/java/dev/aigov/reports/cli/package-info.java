/**
 * The offline command line for exported reports: list, download, verify.
 */
package dev.aigov.reports.cli;
