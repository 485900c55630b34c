/**
 * The auditors' command-line verifier of the audit log in Elasticsearch.
 */
package dev.aigov.audit.cli;
