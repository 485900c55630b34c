/**
 * Benchmarks of the in-process detectors: one scan of a 1 KB prompt, and a streamed
 * answer through the hold-back window.
 */
package dev.aigov.bench.detect;
