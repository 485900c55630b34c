package dev.aigov.reports;

import java.time.Instant;

/**
 * A report was generated, signed and stored; published so that the audit log records who
 * exported what.
 *
 * @param reportId the report's id
 * @param type its type
 * @param subject what it is about (a model version id, or a period)
 * @param generatedBy the user who asked for it
 * @param generatedAt when
 * @param manifestSha256 SHA-256 of its signed manifest, which pins every file
 */
public record ReportGenerated(String reportId, ReportType type, String subject, String generatedBy, Instant generatedAt,
		String manifestSha256) {
}
