/**
 * The dashboard: the inventory by lifecycle state and risk level, and what waits for the
 * signed-in user. Tiles for findings, proxy traffic and the audit chain join here as
 * their modules provide the data.
 */
package dev.aigov.web.ui.dashboard;
