/**
 * The audit pipeline and its Elasticsearch connection: journal, hash chain, shipping,
 * search.
 */
package dev.aigov.audit;
