/**
 * The proxy's machinery: the {@code /v1} handlers, model resolution, upstream calls, the
 * streaming hold-back guard, budgets and rate limits. Private to the proxy module.
 */
package dev.aigov.proxy.internal;
