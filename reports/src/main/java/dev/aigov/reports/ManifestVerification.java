package dev.aigov.reports;

import java.util.List;

/**
 * The verdict on a report: its manifest's signature and every file's hash.
 *
 * @param signatureValid whether the manifest carries a JSF signature that verifies with
 * the trusted keys
 * @param keyId the signature's key id, or {@code null}
 * @param signatureReason one sentence for people on the signature
 * @param files the check of each file the manifest lists, in its order
 * @param problem why the manifest could not be read at all, or {@code null}
 */
public record ManifestVerification(boolean signatureValid, String keyId, String signatureReason, List<FileCheck> files,
		String problem) {

	public ManifestVerification {
		files = List.copyOf(files);
	}

	/** Whether the report can be relied on: signed, and every file intact. */
	public boolean valid() {
		return this.problem == null && this.signatureValid && !this.files.isEmpty()
				&& this.files.stream().allMatch(FileCheck::intact);
	}

	/**
	 * One file checked against the manifest.
	 *
	 * @param name the file's name
	 * @param expectedSha256 the hash the manifest lists
	 * @param actualSha256 the hash of the bytes found, or {@code null} when the file is
	 * missing
	 * @param intact whether both agree (and the size too)
	 */
	public record FileCheck(String name, String expectedSha256, String actualSha256, boolean intact) {
	}

}
