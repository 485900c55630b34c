/**
 * Load scripts and benchmarks that print their figures.
 */
package dev.aigov.bench;
