package dev.aigov.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aigov.audit.AuditOperations;
import dev.aigov.audit.AuditSearch;
import dev.aigov.audit.AuditVerification;
import dev.aigov.audit.AuditVerifier;
import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;

import org.springframework.stereotype.Component;

/**
 * The operations figures from the audit log: one aggregation search in Elasticsearch for
 * the counts, sums and percentiles, and the verification of the hash chain over the
 * period. Either failing fails the report (nothing is estimated).
 *
 * <p>
 * Counts are by event time; the chain is verified by append time, over every application
 * (a chain is not per application). Both use the same period.
 */
@Component
public class AuditOperationsSource implements OperationsSource {

	/** How a call not resolved to a model version shows in the breakdown. */
	static final String UNRESOLVED = "unresolved: ";

	private final AuditSearch search;

	private final AuditVerifier verifier;

	public AuditOperationsSource(AuditSearch search, AuditVerifier verifier) {
		this.search = search;
		this.verifier = verifier;
	}

	@Override
	public OperationsFigures figures(OperationsScope scope) {
		String model = (scope.modelVersion() != null) ? new EntityRef(Kind.MODEL_VERSION, scope.modelVersion()).iri()
				: null;
		AuditOperations ops = this.search.operations(scope.from(), scope.to(), scope.application(), model);
		AuditVerification verification = this.verifier.verify(scope.from(), scope.to());
		Map<String, Long> redactions = new LinkedHashMap<>(ops.redactionsByDetector());
		List<OperationsFigures.RuleCount> rules = ops.topRules()
			.stream()
			.map((count) -> new OperationsFigures.RuleCount(count.key(), count.count()))
			.toList();
		List<OperationsFigures.Breakdown> breakdown = ops.breakdown()
			.stream()
			.map((b) -> new OperationsFigures.Breakdown(b.application().isEmpty() ? "(none)" : b.application(),
					versionId(b.modelVersion()), b.calls(), b.inputTokens() + b.outputTokens(), b.blocked(),
					b.redacted()))
			.toList();
		return new OperationsFigures(ops.calls(), ops.inputTokens(), ops.outputTokens(), ops.blocked(), redactions,
				ops.rerouted(), ops.failed(), ops.failuresByCause(), rules, ops.latencyMs(), ops.energyWh(),
				ops.waterMl(), breakdown, chain(verification));
	}

	/** The model version's id for its IRI; a requested model name otherwise, marked. */
	static String versionId(String recorded) {
		if (recorded.startsWith(EntityRef.BASE)) {
			try {
				EntityRef ref = EntityRef.fromIri(recorded);
				if (ref.kind() == Kind.MODEL_VERSION) {
					return ref.id();
				}
			}
			catch (RuntimeException ex) {
				// not one of ours after all: shown as recorded
			}
		}
		return UNRESOLVED + (recorded.isEmpty() ? "(none)" : recorded);
	}

	static OperationsFigures.ChainVerification chain(AuditVerification verification) {
		long checkpoints = verification.streams()
			.stream()
			.mapToLong(AuditVerification.Stream::checkpointsVerified)
			.sum();
		if (verification.intact()) {
			return new OperationsFigures.ChainVerification(true, verification.records(), checkpoints, null,
					"Intact: " + verification.records() + " records in " + verification.streams().size()
							+ " hash chains verified, " + checkpoints + " signed checkpoints verified.");
		}
		AuditVerification.Discrepancy first = verification.discrepancies().isEmpty() ? null
				: verification.discrepancies().get(0);
		String reason = (first != null) ? verification.discrepancies().size() + " discrepancies; first: " + first.kind()
				+ " — " + first.detail() : "Not intact: a checkpoint in the period did not verify.";
		return new OperationsFigures.ChainVerification(false, verification.records(), checkpoints,
				(first != null) ? first.recordId() : null, reason);
	}

}
