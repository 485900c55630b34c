/**
 * Benchmarks of the audit pipeline: journal append overhead, sustained shipping
 * throughput and lag, verification speed.
 */
package dev.aigov.bench.audit;
