/**
 * The policy proxy's load benchmark: a fast OpenAI-compatible stub upstream and an
 * open-loop load generator that compares calling the stub directly with calling it
 * through the proxy.
 */
package dev.aigov.bench.proxy;
