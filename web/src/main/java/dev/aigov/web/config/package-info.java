/**
 * Web-layer settings that apply to every controller.
 */
package dev.aigov.web.config;
