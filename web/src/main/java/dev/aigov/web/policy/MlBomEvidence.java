package dev.aigov.web.policy;

import java.util.Optional;

import dev.aigov.policy.BomEvidence;
import dev.aigov.registry.Resume;
import dev.aigov.sbom.BomSignatureState;
import dev.aigov.sbom.MlBomService;
import dev.aigov.sbom.SignedBom;

import org.springframework.stereotype.Component;

/**
 * Feeds "a signed ML-BOM exists and verifies" into the governance facts: the appliance
 * produces the version's ML-BOM, signs it with its active key and verifies it as an
 * auditor would. Lives in the web layer because the SBOM and policy modules do not depend
 * on each other.
 */
@Component
class MlBomEvidence implements BomEvidence {

	private final MlBomService boms;

	MlBomEvidence(MlBomService boms) {
		this.boms = boms;
	}

	@Override
	public Status check(Resume resume) {
		Optional<SignedBom> bom = this.boms.forVersion(resume.version().id(), resume.asOf());
		if (bom.isEmpty()) {
			return new Status(State.ABSENT, "no ML-BOM can be produced: the model version is not in the registry");
		}
		BomSignatureState signature = bom.get().signature();
		boolean verifies = (resume.asOf() != null) ? signature.present() && signature.valid()
				: signature.trustworthyAndCurrent();
		return new Status(verifies ? State.VERIFIED : State.INVALID, signature.reason());
	}

}
