/**
 * The policy engine's implementation: fact extraction, pack compilation and testing,
 * evaluation with Drools. Private to the module.
 */
package dev.aigov.policy.internal;
