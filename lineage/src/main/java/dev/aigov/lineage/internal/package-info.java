/**
 * The two kinds of graph store, TDB2 and remote Fuseki; other modules use them only
 * through {@link dev.aigov.lineage.GraphStore}.
 */
package dev.aigov.lineage.internal;
