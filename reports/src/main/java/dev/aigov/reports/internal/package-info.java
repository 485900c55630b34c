/**
 * How reports are assembled, rendered (HTML, PDF) and stored; private to the reports
 * module.
 */
package dev.aigov.reports.internal;
