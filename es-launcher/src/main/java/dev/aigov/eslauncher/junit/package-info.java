/**
 * JUnit Jupiter support: one real Elasticsearch per test JVM, shared by every test class.
 */
package dev.aigov.eslauncher.junit;
