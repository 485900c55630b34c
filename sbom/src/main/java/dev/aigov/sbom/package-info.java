/**
 * Signed CycloneDX ML-BOMs for model versions.
 */
package dev.aigov.sbom;
