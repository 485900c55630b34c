package dev.aigov.policy;

import java.util.Optional;

import dev.aigov.registry.Resume;

/**
 * Evaluates the active governance packs over model versions' résumés. Never throws for a
 * failing rule or bad data: the evaluation's status says so.
 */
public interface GovernancePolicy {

	/**
	 * Reads the version's current résumé and evaluates it; the result is kept as the
	 * version's latest evaluation.
	 * @param versionId the model version's id
	 * @throws dev.aigov.registry.ResumeNotFoundException if there is no such version
	 */
	GovernanceEvaluation evaluate(String versionId);

	/** Evaluates a résumé as given (for approval checks, fixtures and replays). */
	GovernanceEvaluation evaluate(Resume resume);

	/** The latest evaluation of a version since start, if any. */
	Optional<GovernanceEvaluation> latest(String versionId);

}
