/**
 * How canonical JSON, JSF and the keystore are implemented (Jackson, Bouncy Castle); no
 * other module may depend on it.
 */
package dev.aigov.signing.internal;
