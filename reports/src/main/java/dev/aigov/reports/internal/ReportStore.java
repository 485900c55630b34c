package dev.aigov.reports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.aigov.reports.ManifestVerification;
import dev.aigov.reports.ReportFile;
import dev.aigov.reports.ReportManifests;
import dev.aigov.reports.StoredReport;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.JsfVerifier;

/**
 * Reports on disk: one directory per report holding its files and its signed
 * {@code manifest.json}. A report is written in a temporary directory and moved into
 * place whole, so a reader never sees half a report; reports are never changed
 * afterwards. Files are checked against the manifest before they are handed out.
 */
public final class ReportStore {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");

	private final Path directory;

	public ReportStore(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Writes a report and its signed manifest.
	 * @param report what the manifest says (its files are computed here)
	 * @param files the files' names, media types and bytes, in manifest order
	 * @param signer the key that signs the manifest
	 * @return the report as its manifest now describes it
	 */
	public StoredReport write(StoredReport report, Map<String, Content> files, JsfSigner signer) {
		if (!ID.matcher(report.id()).matches()) {
			throw new IllegalArgumentException("Bad report id " + report.id());
		}
		List<ReportFile> listed = new ArrayList<>();
		files.forEach((name, content) -> listed.add(new ReportFile(name, content.mediaType(), content.bytes().length,
				ReportManifests.sha256(content.bytes()))));
		StoredReport described = new StoredReport(report.id(), report.type(), report.subject(), report.title(),
				report.generatedAt(), report.generatedBy(), signer.keyId().orElse(null), listed);
		byte[] manifest = ReportManifests.sign(described, signer);
		Path target = this.directory.resolve(report.id());
		try {
			Files.createDirectories(this.directory);
			Path temporary = Files.createTempDirectory(this.directory, "." + report.id() + "-");
			try {
				for (Map.Entry<String, Content> file : files.entrySet()) {
					Files.write(temporary.resolve(file.getKey()), file.getValue().bytes());
				}
				Files.write(temporary.resolve(ReportManifests.MANIFEST), manifest);
				try {
					Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temporary, target);
				}
			}
			finally {
				delete(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store report " + report.id() + " under " + this.directory, ex);
		}
		return described;
	}

	/**
	 * Every stored report, newest first; directories without a readable manifest are
	 * skipped.
	 */
	public List<StoredReport> list() {
		List<StoredReport> reports = new ArrayList<>();
		if (!Files.isDirectory(this.directory)) {
			return reports;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (ID.matcher(name).matches() && Files.isDirectory(entry)) {
					read(entry).ifPresent(reports::add);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the reports under " + this.directory, ex);
		}
		reports.sort(Comparator.comparing(StoredReport::generatedAt).thenComparing(StoredReport::id).reversed());
		return reports;
	}

	/** A stored report, as its manifest describes it. */
	public Optional<StoredReport> find(String id) {
		if (id == null || !ID.matcher(id).matches()) {
			return Optional.empty();
		}
		Path report = this.directory.resolve(id);
		return Files.isDirectory(report) ? read(report) : Optional.empty();
	}

	/**
	 * A file of a report, checked against its manifest.
	 * @return the bytes, or empty if there is no such report or file
	 * @throws IllegalStateException if the stored bytes do not match the manifest
	 */
	public Optional<byte[]> content(String id, String name) {
		Optional<StoredReport> report = find(id);
		if (report.isEmpty()) {
			return Optional.empty();
		}
		Path directory = this.directory.resolve(id);
		if (ReportManifests.MANIFEST.equals(name)) {
			return Optional.of(readBytes(directory.resolve(name)));
		}
		Optional<ReportFile> file = report.get().file(name);
		if (file.isEmpty()) {
			return Optional.empty();
		}
		byte[] bytes = readBytes(directory.resolve(file.get().name()));
		if (!ReportManifests.sha256(bytes).equals(file.get().sha256())) {
			throw new IllegalStateException("The stored file '" + name + "' of report " + id
					+ " does not match the SHA-256 in its manifest; the store was altered.");
		}
		return Optional.of(bytes);
	}

	/** Verifies a stored report's manifest and files. */
	public Optional<ManifestVerification> verify(String id, JsfVerifier verifier) {
		return find(id).map((report) -> ReportManifests.verify(this.directory.resolve(id), verifier));
	}

	private static Optional<StoredReport> read(Path report) {
		try {
			return Optional.of(ReportManifests.read(Files.readAllBytes(report.resolve(ReportManifests.MANIFEST))));
		}
		catch (NoSuchFileException | IllegalArgumentException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readBytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException(
					"The stored file " + file.getFileName() + " is missing; the store was " + "altered.", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (var walk = Files.walk(directory)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * A file to store.
	 *
	 * @param mediaType its media type
	 * @param bytes its content
	 */
	public record Content(String mediaType, byte[] bytes) {
	}

	/** Files in the order they are listed. */
	public static Map<String, Content> files() {
		return new LinkedHashMap<>();
	}

}
