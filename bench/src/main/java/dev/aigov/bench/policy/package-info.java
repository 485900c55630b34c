/**
 * JMH benchmarks of the policy engine: the runtime pack per call, the governance pack per
 * model version, and calls while packs are swapped.
 */
package dev.aigov.bench.policy;
