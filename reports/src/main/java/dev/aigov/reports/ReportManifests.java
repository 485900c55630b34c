package dev.aigov.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.signing.InvalidJsonException;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.JsfVerification;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.JsonCanonicalizer;
import dev.aigov.signing.SignatureVerdict;

/**
 * A report's manifest: a JSON object listing each file with its media type, size and
 * SHA-256, signed with JSF over its RFC 8785 canonical form (the same keys as the
 * ML-BOM). Anyone with the appliance's JWKS can check a report offline: verify the
 * signature, then hash every file. Stateless and thread-safe.
 */
public final class ReportManifests {

	/** The manifest's file name inside a report. */
	public static final String MANIFEST = "manifest.json";

	static final int VERSION = 1;

	private ReportManifests() {
	}

	/**
	 * Writes and signs the manifest of a report.
	 * @param report what the manifest says (its {@code keyId} is ignored: the signer's
	 * key is recorded in the signature)
	 * @param signer the key to sign with
	 * @return the signed manifest, UTF-8 JSON
	 */
	public static byte[] sign(StoredReport report, JsfSigner signer) {
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("manifestVersion", VERSION);
		manifest.put("reportId", report.id());
		manifest.put("type", report.type().slug());
		manifest.put("subject", report.subject());
		manifest.put("title", report.title());
		manifest.put("generatedAt", report.generatedAt().toString());
		manifest.put("generatedBy", report.generatedBy());
		List<Object> files = new ArrayList<>();
		for (ReportFile file : report.files()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", file.name());
			entry.put("mediaType", file.mediaType());
			entry.put("size", file.size());
			entry.put("sha256", file.sha256());
			files.add(entry);
		}
		manifest.put("files", files);
		String canonical = new String(JsonCanonicalizer.canonicalizeTree(manifest), StandardCharsets.UTF_8);
		return signer.sign(canonical).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Reads a manifest without verifying it.
	 * @param manifest the manifest's bytes
	 * @return what it says
	 * @throws IllegalArgumentException when it is not a manifest of this format
	 */
	public static StoredReport read(byte[] manifest) {
		Object root;
		try {
			root = JsonCanonicalizer.parse(manifest);
		}
		catch (InvalidJsonException ex) {
			throw new IllegalArgumentException("The manifest is not JSON: " + ex.getMessage(), ex);
		}
		if (!(root instanceof Map<?, ?> object)) {
			throw new IllegalArgumentException("The manifest is not a JSON object.");
		}
		if (!(object.get("manifestVersion") instanceof Number version) || version.intValue() != VERSION) {
			throw new IllegalArgumentException("Not a report manifest of version " + VERSION + ".");
		}
		List<ReportFile> files = new ArrayList<>();
		if (!(object.get("files") instanceof List<?> entries)) {
			throw new IllegalArgumentException("The manifest lists no files.");
		}
		for (Object item : entries) {
			if (!(item instanceof Map<?, ?> entry) || !(entry.get("size") instanceof Number size)) {
				throw new IllegalArgumentException("A file entry of the manifest is malformed.");
			}
			files.add(new ReportFile(text(entry, "name"), text(entry, "mediaType"), size.longValue(),
					text(entry, "sha256")));
		}
		String keyId = (object.get("signature") instanceof Map<?, ?> signature
				&& signature.get("keyId") instanceof String id) ? id : null;
		try {
			return new StoredReport(text(object, "reportId"), ReportType.fromSlug(text(object, "type")),
					text(object, "subject"), text(object, "title"), Instant.parse(text(object, "generatedAt")),
					text(object, "generatedBy"), keyId, files);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("The manifest's generatedAt is not an instant.", ex);
		}
	}

	/**
	 * Verifies a report in a directory: the manifest's signature with the verifier's
	 * keys, then each file's size and SHA-256. Never throws for a damaged report.
	 * @param directory the report's directory, holding {@value #MANIFEST} and the files
	 * @param verifier which keys are trusted
	 * @return the verdict
	 */
	public static ManifestVerification verify(Path directory, JsfVerifier verifier) {
		byte[] manifest;
		try {
			manifest = Files.readAllBytes(directory.resolve(MANIFEST));
		}
		catch (NoSuchFileException ex) {
			return new ManifestVerification(false, null, "No manifest.", List.of(),
					"There is no " + MANIFEST + " in " + directory + ".");
		}
		catch (IOException ex) {
			return new ManifestVerification(false, null, "Manifest unreadable.", List.of(),
					"Cannot read " + MANIFEST + ": " + ex.getMessage());
		}
		StoredReport report;
		try {
			report = read(manifest);
		}
		catch (IllegalArgumentException ex) {
			return new ManifestVerification(false, null, "Not a manifest.", List.of(), ex.getMessage());
		}
		JsfVerification verification = verifier.verify(manifest);
		List<SignatureVerdict> own = verification.signatures()
			.stream()
			.filter((verdict) -> verdict.path().equals("/signature"))
			.toList();
		boolean signed = own.size() == 1 && verification.valid() && own.get(0).unsignedProperties().isEmpty();
		String reason = own.isEmpty()
				? "The manifest is not signed"
						+ ((verification.problem() != null) ? ": " + verification.problem() : ".")
				: own.get(0).reason();
		List<ManifestVerification.FileCheck> checks = new ArrayList<>();
		for (ReportFile file : report.files()) {
			checks.add(check(directory, file));
		}
		return new ManifestVerification(signed, (own.isEmpty()) ? null : own.get(0).keyId(), reason, checks, null);
	}

	private static ManifestVerification.FileCheck check(Path directory, ReportFile file) {
		try {
			byte[] content = Files.readAllBytes(directory.resolve(file.name()));
			String actual = sha256(content);
			return new ManifestVerification.FileCheck(file.name(), file.sha256(), actual,
					actual.equals(file.sha256()) && content.length == file.size());
		}
		catch (IOException ex) {
			return new ManifestVerification.FileCheck(file.name(), file.sha256(), null, false);
		}
	}

	/** The lower-case hex SHA-256 of some bytes. */
	public static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private static String text(Map<?, ?> object, String name) {
		if (!(object.get(name) instanceof String value)) {
			throw new IllegalArgumentException("The manifest has no text '" + name + "'.");
		}
		return value;
	}

}
