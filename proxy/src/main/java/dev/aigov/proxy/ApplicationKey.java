package dev.aigov.proxy;

import java.time.Instant;
import java.util.Set;

import dev.aigov.policy.DataClass;

/**
 * An application's key to the proxy, as stored: only the SHA-256 hash of the secret is
 * kept. The secret is shown once, when the key is created.
 *
 * @param id the key's public id, e.g. {@code key-1f3a...}; appears in audit records
 * @param application the application it belongs to
 * @param secretHash hex SHA-256 of the secret
 * @param allowedModels model names (registry model or version ids) the key may use
 * @param allowedDataClasses data classes the application may send
 * @param tokenBudget tokens per period, {@code 0} for no budget
 * @param budgetPeriod the period the budget applies to
 * @param requestsPerMinute rate limit, {@code 0} for none
 * @param createdAt when it was created
 * @param createdBy the administrator who created it
 * @param revokedAt when it was revoked, {@code null} while valid
 */
public record ApplicationKey(String id, String application, String secretHash, Set<String> allowedModels,
		Set<DataClass> allowedDataClasses, long tokenBudget, BudgetPeriod budgetPeriod, int requestsPerMinute,
		Instant createdAt, String createdBy, Instant revokedAt) {

	public ApplicationKey {
		allowedModels = Set.copyOf(allowedModels);
		allowedDataClasses = Set.copyOf(allowedDataClasses);
	}

	public boolean revoked() {
		return this.revokedAt != null;
	}

	/** Whether the key may use a model, by registry model id or version id. */
	public boolean allows(String model) {
		return this.allowedModels.contains(model) || this.allowedModels.contains("*");
	}

	@Override
	public String toString() {
		return "ApplicationKey[" + this.id + ", " + this.application + "]";
	}

	/** The period a token budget applies to. */
	public enum BudgetPeriod {

		HOUR, DAY, MONTH

	}

}
