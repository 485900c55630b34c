package dev.aigov.sbom;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.registry.ResumeReader;
import dev.aigov.signing.SigningKeys;

import org.springframework.stereotype.Service;

/**
 * A model version's signed ML-BOM, generated from its résumé on request and signed with
 * the appliance's active key; and the verdict on any BOM presented to the appliance.
 * Generating again from the same résumé revision with the same key gives the same bytes
 * (Ed25519 signatures are deterministic).
 */
@Service
public class MlBomService {

	private final ResumeReader reader;

	private final SigningKeys keys;

	private final MlBomGenerator generator;

	private final BomValidator validator;

	public MlBomService(ResumeReader reader, SigningKeys keys, MlBomGenerator generator, BomValidator validator) {
		this.reader = reader;
		this.keys = keys;
		this.generator = generator;
		this.validator = validator;
	}

	/**
	 * The signed ML-BOM of a model version's current résumé.
	 * @param versionId the model version's id
	 * @return the BOM, or empty if there is no such model version
	 * @throws dev.aigov.registry.InvalidResumeException if the id is not a valid id
	 */
	public Optional<SignedBom> forVersion(String versionId) {
		return forVersion(versionId, null);
	}

	/**
	 * The signed ML-BOM of a model version's résumé as it was at an instant. Its
	 * freshness is judged against the résumé now.
	 * @param versionId the model version's id
	 * @param asOf the instant, or {@code null} for now
	 * @return the BOM, or empty if the model version did not exist then
	 * @throws dev.aigov.registry.InvalidResumeException if the id is not a valid id
	 * @throws IllegalStateException if the generated BOM is not schema-valid (a defect,
	 * never served)
	 */
	public Optional<SignedBom> forVersion(String versionId, Instant asOf) {
		Optional<Resume> resume = read(versionId, asOf);
		if (resume.isEmpty()) {
			return Optional.empty();
		}
		ResumeRevision revision = ResumeRevision.of(resume.get());
		String json = this.generator.generate(resume.get());
		BomValidation validation = this.validator.validate(json);
		if (!validation.valid()) {
			throw new IllegalStateException("The ML-BOM generated for model version " + versionId
					+ " is not valid CycloneDX " + MlBomGenerator.SPEC_VERSION + ": "
					+ validation.errors().stream().map(BomValidationError::toString).collect(Collectors.joining("; ")));
		}
		String signed = SignedBoms.sign(json, this.keys.activeSigner());
		ResumeRevision current = (asOf != null) ? read(versionId, null).map(ResumeRevision::of).orElse(null) : revision;
		BomSignatureState state = new SignedBoms(this.keys.verifier()).verify(signed, current);
		return Optional.of(new SignedBom(versionId, signed, MlBomGenerator.serialNumber(revision), revision, state));
	}

	/**
	 * Judges a BOM presented to the appliance: signed by one of the appliance's keys
	 * (active or retired), and, when it records a résumé revision, whether that is still
	 * the current revision of its model version's résumé.
	 * @param json the BOM
	 * @return the state; never throws for bad input
	 */
	public BomSignatureState verify(String json) {
		ResumeRevision current = SignedBoms.revisionOf(json)
			.flatMap((claimed) -> currentRevision(claimed.version()))
			.orElse(null);
		return new SignedBoms(this.keys.verifier()).verify(json, current);
	}

	/**
	 * The current revision of a model version's résumé.
	 * @param versionIri the model version's IRI
	 * @return the revision, or empty if the IRI is not one of a model version that exists
	 */
	public Optional<ResumeRevision> currentRevision(String versionIri) {
		EntityRef ref;
		try {
			ref = EntityRef.fromIri(versionIri);
		}
		catch (RuntimeException notAnIri) {
			return Optional.empty();
		}
		if (ref.kind() != Kind.MODEL_VERSION) {
			return Optional.empty();
		}
		return read(ref.id(), null).map(ResumeRevision::of);
	}

	private Optional<Resume> read(String versionId, Instant asOf) {
		try {
			return Optional.of(this.reader.read(versionId, asOf));
		}
		catch (ResumeNotFoundException ex) {
			return Optional.empty();
		}
	}

}
