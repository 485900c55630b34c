/**
 * Group fairness of a binary classifier, computed from uploaded evaluation predictions
 * (CSV) into the per-group and between-group metrics of Fairlearn and AIF360.
 */
package dev.aigov.registry.fairness;
