package dev.aigov.web.account;

import java.time.Instant;
import java.util.Set;

import dev.aigov.registry.Role;

/**
 * What happened to accounts, published for the audit log. Never carries a password or a
 * hash.
 */
public final class AccountEvents {

	private AccountEvents() {
	}

	/** An account was created by {@code actor}. */
	public record AccountCreated(String username, Set<Role> roles, String actor, Instant at) {
	}

	/** An account's display name, roles or enabled flag changed. */
	public record AccountChanged(String username, Set<Role> roles, boolean enabled, String actor, Instant at) {
	}

	/**
	 * A password was set: by the user ({@code actor} = username) or reset by an admin.
	 */
	public record PasswordChanged(String username, String actor, Instant at) {
	}

}
