/**
 * The ML-BOM module's private parts: the résumé-to-CycloneDX mapping, JSON writing and
 * everything that touches cyclonedx-core-java and its schema validator.
 */
package dev.aigov.sbom.internal;
