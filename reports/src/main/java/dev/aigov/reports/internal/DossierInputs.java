package dev.aigov.reports.internal;

import java.time.Instant;
import java.util.List;

import dev.aigov.policy.Finding;
import dev.aigov.registry.CompletenessReport;
import dev.aigov.registry.Resume;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.sbom.SignedBom;

/**
 * Everything a model dossier is made from, read once.
 *
 * @param resume the résumé as of the dossier's instant
 * @param asOf that instant
 * @param versionHistory every revision of the model version's record up to that instant
 * @param completeness the SHACL completeness of the résumé
 * @param bom the signed ML-BOM of the résumé
 * @param findings the policy findings, or {@code null} when no findings source is
 * available
 */
public record DossierInputs(Resume resume, Instant asOf, List<RevisionInfo> versionHistory,
		CompletenessReport completeness, SignedBom bom, List<Finding> findings) {

	public DossierInputs {
		versionHistory = List.copyOf(versionHistory);
		findings = (findings != null) ? List.copyOf(findings) : null;
	}

}
