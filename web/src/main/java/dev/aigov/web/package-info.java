/**
 * The web layer: REST API, UI, security and operations endpoints.
 */
package dev.aigov.web;
