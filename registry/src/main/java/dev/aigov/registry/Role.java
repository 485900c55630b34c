package dev.aigov.registry;

/**
 * The appliance's roles. Least privilege: each role grants only what its users need, and
 * approval duties are separated from model ownership by the registry.
 */
public enum Role {

	/** Keeps the inventory, reads résumés and findings, approves or rejects versions. */
	COMPLIANCE_OFFICER,

	/** Reads everything needed for an audit, changes nothing. */
	AUDITOR,

	/**
	 * Registers models, datasets, runs and evaluations; submits versions for approval.
	 */
	MODEL_OWNER,

	/** Manages users, keys and appliance settings. */
	ADMIN;

	/** The Spring Security authority name, e.g. {@code ROLE_AUDITOR}. */
	public String authority() {
		return "ROLE_" + name();
	}

	/**
	 * Parses a role name case-insensitively, accepting an optional {@code ROLE_} prefix
	 * and dashes for underscores.
	 * @param value the name as written by a person or an identity provider
	 * @return the role
	 * @throws IllegalArgumentException if the value names no role
	 */
	public static Role parse(String value) {
		String normalized = value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
		if (normalized.startsWith("ROLE_")) {
			normalized = normalized.substring("ROLE_".length());
		}
		for (Role role : values()) {
			if (role.name().equals(normalized)) {
				return role;
			}
		}
		throw new IllegalArgumentException(
				"Unknown role '" + value + "'; expected one of " + java.util.Arrays.toString(values()));
	}

}
