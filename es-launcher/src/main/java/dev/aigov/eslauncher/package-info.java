/**
 * Runs a real Elasticsearch from the Maven Central distribution on loopback, as an
 * unprivileged user, and reaps it when its owner dies.
 */
package dev.aigov.eslauncher;
