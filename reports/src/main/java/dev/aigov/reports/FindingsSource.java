package dev.aigov.reports;

import java.util.List;

import dev.aigov.policy.Finding;
import dev.aigov.registry.Resume;

/**
 * Where the dossier gets a model version's policy findings from: implemented by the
 * policy engine and wired as a bean. Without a bean, the dossier says that findings are
 * not available; it never reports "no findings" for a version that was not evaluated.
 */
public interface FindingsSource {

	/**
	 * The findings of the governance policies over a model version's résumé as the
	 * dossier documents it (current, or as of an earlier instant).
	 * @param resume the résumé
	 * @return the findings, in any order (the report sorts them); empty when the version
	 * was evaluated and nothing fired
	 * @throws RuntimeException when the policies cannot be evaluated; the report is then
	 * not generated (fail closed)
	 */
	List<Finding> findingsFor(Resume resume);

}
