package dev.aigov.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aigov.registry.Actor;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.ResumeConflictException;
import dev.aigov.registry.ResumeReader;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;

/**
 * External SBOMs and ML-BOMs attached to model versions: a vendor's ML-BOM of a base
 * model, the SBOM of the serving stack from a build. Each document is validated, stored
 * once under its SHA-256 (content-addressed, so the résumé's hash pins the bytes) and
 * recorded in the résumé as an immutable {@link Kind#SBOM} entity pointing at the
 * version. Reading a document back checks its bytes against the recorded hash.
 */
public final class ExternalSboms {

	private final BomImporter importer;

	private final RegistryService registry;

	private final ResumeReader resumes;

	private final Path directory;

	private final Clock clock;

	public ExternalSboms(BomImporter importer, RegistryService registry, ResumeReader resumes, Path directory,
			Clock clock) {
		this.importer = importer;
		this.registry = registry;
		this.resumes = resumes;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Validates, stores and records a document for a model version. The same document
	 * attached twice to the same version is refused as a conflict.
	 * @param versionId the model version's id
	 * @param content the document as received
	 * @param actor who imports it
	 * @return the résumé record and what the document describes
	 * @throws InvalidBomException listing the schema errors; nothing is stored
	 * @throws dev.aigov.registry.InvalidResumeException if the model version is unknown
	 * @throws ResumeConflictException if this document is already attached to the version
	 */
	public Attached attach(String versionId, byte[] content, Actor actor) {
		ImportedBom bom = this.importer.read(content);
		String sha256 = sha256(content);
		String id = versionId + "-sbom-" + sha256.substring(0, 16);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("modelVersion", versionId);
		if (bom.subjectName() != null) {
			fields.put("name", (bom.subjectVersion() != null) ? bom.subjectName() + " " + bom.subjectVersion()
					: bom.subjectName());
		}
		fields.put("specVersion", bom.specVersion());
		if (bom.serialNumber() != null) {
			fields.put("serialNumber", bom.serialNumber());
		}
		fields.put("contentSha256", sha256);
		fields.put("components", BigDecimal.valueOf(bom.components()));
		fields.put("signatureState", signatureState(bom.signature()));
		fields.put("importedBy", actor.username());
		fields.put("importedAt", this.clock.instant().toString());
		store(sha256, content);
		ResumeEntity record = this.registry.recordSbom(id, fields, actor);
		return new Attached(record, bom);
	}

	/**
	 * The documents attached to a model version.
	 * @param versionId the model version's id
	 * @return their résumé records
	 * @throws ResumeNotFoundException if there is no such version
	 */
	public List<ResumeEntity> list(String versionId) {
		return this.resumes.read(versionId, null).all(Kind.SBOM);
	}

	/**
	 * A stored document, checked against the hash its record carries.
	 * @param sbomId the record's id
	 * @return the document's bytes, or empty if there is no such record
	 * @throws IllegalStateException if the stored bytes are missing or do not match the
	 * recorded hash (the store was tampered with)
	 */
	public Optional<byte[]> content(String sbomId) {
		EntityRef ref = new EntityRef(Kind.SBOM, sbomId);
		if (!this.registry.exists(ref)) {
			return Optional.empty();
		}
		String sha256 = this.registry.get(ref).text("contentSha256");
		try {
			byte[] content = Files.readAllBytes(file(sha256));
			if (!sha256.equals(sha256(content))) {
				throw new IllegalStateException("The stored copy of SBOM '" + sbomId
						+ "' does not match the SHA-256 recorded in the résumé; the store was altered.");
			}
			return Optional.of(content);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException("The stored copy of SBOM '" + sbomId + "' is missing.", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void store(String sha256, byte[] content) {
		Path target = file(sha256);
		try {
			if (Files.exists(target) && sha256.equals(sha256(Files.readAllBytes(target)))) {
				return;
			}
			Files.createDirectories(this.directory);
			Path temporary = Files.createTempFile(this.directory, sha256, ".tmp");
			try {
				Files.write(temporary, content);
				try {
					Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store the SBOM under " + this.directory, ex);
		}
	}

	private Path file(String sha256) {
		return this.directory.resolve(sha256 + ".cdx.json");
	}

	private static String signatureState(BomSignatureState signature) {
		if (!signature.present()) {
			return "unsigned";
		}
		return signature.valid() ? "valid" : "invalid";
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A document attached to a model version.
	 *
	 * @param record its immutable record in the résumé
	 * @param bom what the document describes, and its signature state
	 */
	public record Attached(ResumeEntity record, ImportedBom bom) {
	}

}
