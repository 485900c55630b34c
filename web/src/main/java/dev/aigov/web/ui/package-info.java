/**
 * The compliance officer's web UI: server-rendered Thymeleaf pages (with htmx for partial
 * updates) over the same services as the REST API, in Traditional Chinese and English.
 * Each feature has its own sub-package; this package holds what every page shares.
 */
package dev.aigov.web.ui;
