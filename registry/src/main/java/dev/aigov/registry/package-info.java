/**
 * The model registry: AI systems, model versions and their production résumé.
 */
package dev.aigov.registry;
