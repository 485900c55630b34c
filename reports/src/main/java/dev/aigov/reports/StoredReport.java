package dev.aigov.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A generated report as its signed manifest describes it.
 *
 * @param id the report's id
 * @param type its type
 * @param subject what it is about: a model version id, or a period
 * @param title its title in English
 * @param generatedAt when it was generated
 * @param generatedBy who asked for it
 * @param keyId the key id (RFC 7638 thumbprint) of the key that signed the manifest
 * @param files its files, the manifest excluded
 */
public record StoredReport(String id, ReportType type, String subject, String title, Instant generatedAt,
		String generatedBy, String keyId, List<ReportFile> files) {

	public StoredReport {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(generatedAt, "generatedAt");
		files = List.copyOf(files);
	}

	/** The file of that name, if the manifest lists it. */
	public java.util.Optional<ReportFile> file(String name) {
		return this.files.stream().filter((file) -> file.name().equals(name)).findFirst();
	}

}
