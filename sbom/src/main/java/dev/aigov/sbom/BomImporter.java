package dev.aigov.sbom;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.aigov.sbom.internal.CycloneDx;

/**
 * Accepts external SBOMs and ML-BOMs in CycloneDX JSON 1.4 to 1.6: validates them,
 * summarizes what they describe and judges their signatures. An invalid document is
 * refused with every schema error listed. Nothing is stored here. Thread-safe.
 */
public final class BomImporter {

	/** Documents larger than this are refused before parsing. */
	public static final int MAX_BYTES = 32 * 1024 * 1024;

	private final BomValidator validator;

	public BomImporter(BomValidator validator) {
		this.validator = validator;
	}

	/**
	 * Validates and reads a document.
	 * @param content the document as UTF-8
	 * @return what it describes
	 * @throws InvalidBomException listing each error with its JSON pointer
	 */
	public ImportedBom read(byte[] content) {
		if (content.length > MAX_BYTES) {
			throw new InvalidBomException("The BOM is larger than " + MAX_BYTES / (1024 * 1024) + " MiB.",
					List.of(new BomValidationError("", "larger than " + MAX_BYTES + " bytes")));
		}
		BomValidation validation = this.validator.validate(content);
		if (!validation.valid()) {
			int count = validation.errors().size();
			throw new InvalidBomException("Not a valid CycloneDX JSON BOM"
					+ ((validation.specVersion() != null) ? " " + validation.specVersion() : "") + ": " + count
					+ ((count == 1) ? " error." : " errors."), validation.errors());
		}
		CycloneDx.Summary summary;
		try {
			summary = CycloneDx.summarize(content);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidBomException("The BOM cannot be read: " + ex.getMessage(),
					List.of(new BomValidationError("", ex.getMessage())));
		}
		BomSignatureState signature = SignedBoms.withEmbeddedKeys().verify(new String(content, StandardCharsets.UTF_8));
		return new ImportedBom(validation.specVersion(), summary.serialNumber(), summary.version(),
				summary.subjectName(), summary.subjectVersion(), summary.components(), summary.modelComponents(),
				summary.dataComponents(), signature);
	}

}
