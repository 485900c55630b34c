/**
 * Signed ML-BOMs over HTTP: download, verification and validation of CycloneDX documents.
 */
package dev.aigov.web.sbom;
