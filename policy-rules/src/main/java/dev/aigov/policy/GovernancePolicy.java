package dev.aigov.policy;

import java.util.List;
import java.util.Optional;

import dev.aigov.registry.Resume;

/**
 * Evaluates the active governance packs over model versions' résumés and records each
 * evaluation of a stored résumé in it ({@code policy-evaluation}), so that it can be
 * replayed and compared later. Never throws for a failing rule or bad data: the
 * evaluation's status says so.
 */
public interface GovernancePolicy {

	/**
	 * Reads the version's current résumé, evaluates it and records the evaluation (an
	 * {@link GovernanceEvaluation.Trigger#AUTOMATIC} one only when its result differs
	 * from the last one recorded). The result becomes the version's latest evaluation.
	 * @param versionId the model version's id
	 * @param trigger {@link GovernanceEvaluation.Trigger#ON_DEMAND} or
	 * {@link GovernanceEvaluation.Trigger#AUTOMATIC}
	 * @param actor who asked, or whose change caused it
	 * @throws dev.aigov.registry.ResumeNotFoundException if there is no such version
	 */
	GovernanceEvaluation evaluate(String versionId, GovernanceEvaluation.Trigger trigger, String actor);

	/** An automatic evaluation on the system's behalf (e.g. for a report). */
	default GovernanceEvaluation evaluate(String versionId) {
		return evaluate(versionId, GovernanceEvaluation.Trigger.AUTOMATIC, "system");
	}

	/**
	 * Evaluates a résumé as given (for fixtures and tools); not recorded.
	 */
	GovernanceEvaluation evaluate(Resume resume);

	/**
	 * Evaluates the résumé a compliance officer is about to approve and records the
	 * evaluation ({@link GovernanceEvaluation.Trigger#APPROVAL}), whatever its outcome,
	 * so that every approval attempt names the facts, packs and findings it was checked
	 * against.
	 * @param resume the version's résumé as it is now
	 * @param actor who is approving
	 * @return the recorded evaluation ({@code recordedAs} set)
	 */
	GovernanceEvaluation evaluateForApproval(Resume resume, String actor);

	/**
	 * The version's latest evaluation if it is still current: made since start and not
	 * invalidated by a change, or the last one recorded when it was made over the résumé
	 * as it is now with the packs active now (so findings survive a restart).
	 */
	Optional<GovernanceEvaluation> latest(String versionId);

	/** The evaluations recorded for a version, newest first. */
	List<GovernanceEvaluation> recorded(String versionId);

	/**
	 * One recorded evaluation of a version.
	 * @throws dev.aigov.registry.ResumeNotFoundException if the version has none of that
	 * id
	 */
	GovernanceEvaluation recorded(String versionId, String evaluationId);

	/**
	 * Runs a recorded evaluation's stored facts again; nothing is recorded.
	 * @param recordedPacks {@code true} for the pack versions it recorded (they must
	 * still be known to this engine), {@code false} for the packs active now
	 * @throws IllegalStateException if a recorded pack version is no longer known
	 */
	GovernanceEvaluation replay(String versionId, String evaluationId, boolean recordedPacks);

}
