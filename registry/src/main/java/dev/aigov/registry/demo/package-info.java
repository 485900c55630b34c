/**
 * Demo résumés that the run command loads on an empty registry, so a newcomer sees every
 * feature on realistic data.
 */
package dev.aigov.registry.demo;
