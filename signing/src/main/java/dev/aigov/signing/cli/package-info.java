/**
 * The auditors' offline verifier: a command-line program, shipped as a self-contained
 * jar, that checks JSF-signed JSON files against a JWKS or PEM keys.
 */
package dev.aigov.signing.cli;
