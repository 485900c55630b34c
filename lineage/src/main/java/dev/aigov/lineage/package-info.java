/**
 * The lineage graph store: Jena TDB2 on disk or a remote SPARQL 1.1 endpoint, behind one
 * transactional abstraction.
 */
package dev.aigov.lineage;
