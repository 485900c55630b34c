/**
 * Benchmarks of report generation.
 */
package dev.aigov.bench.reports;
