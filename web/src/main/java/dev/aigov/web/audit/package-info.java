/**
 * The audit log in the web layer: the search, statistics and verification API, and the
 * listeners that record administrative events (résumé workflow, accounts, sign-ins, key
 * rotation).
 */
package dev.aigov.web.audit;
