/** The audit explorer: search, record detail, verification of a range, export. */
package dev.aigov.web.ui.audit;
