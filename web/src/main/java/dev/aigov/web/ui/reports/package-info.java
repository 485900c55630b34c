/** The reports page: stored reports, generating dossiers and operations reports. */
package dev.aigov.web.ui.reports;
