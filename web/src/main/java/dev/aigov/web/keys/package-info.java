/**
 * The appliance's public signing keys and signature verification over HTTP.
 */
package dev.aigov.web.keys;
