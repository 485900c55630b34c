/**
 * The registry's REST API: résumé entities, revisions, "as of" reads, the full résumé of
 * a model version in JSON and RDF, and the approval workflow.
 */
package dev.aigov.web.registry;
