/**
 * The appliance's Elasticsearch connection: the embedded server or an external cluster.
 */
package dev.aigov.audit.elasticsearch;
