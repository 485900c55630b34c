/**
 * How the résumé is stored: JSON fields to RDF and back, and revisions as immutable named
 * graphs with a derived graph of current state.
 */
package dev.aigov.registry.internal;
