/**
 * The web side of the policy proxy: the {@code /v1} filter chain that authenticates
 * application keys, the keys' store in the system graph, and the administrators' REST API
 * for keys and routes.
 */
package dev.aigov.web.proxy;
