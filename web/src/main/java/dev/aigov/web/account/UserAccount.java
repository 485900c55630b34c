package dev.aigov.web.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.aigov.registry.Role;

/**
 * A user of the appliance as stored: the password only as a hash.
 *
 * @param username unique sign-in name (letters, digits, {@code . _ @ -}; 2-64 characters)
 * @param displayName name shown in the UI and in approval records
 * @param passwordHash the encoded password ({@code {bcrypt}...})
 * @param roles the roles granted; may be empty (the user can sign in and do nothing)
 * @param enabled whether the user may sign in
 * @param createdAt when the account was created
 */
public record UserAccount(String username, String displayName, String passwordHash, Set<Role> roles, boolean enabled,
		Instant createdAt) {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

	public UserAccount {
		requireValidUsername(username);
		Objects.requireNonNull(passwordHash, "passwordHash");
		Objects.requireNonNull(createdAt, "createdAt");
		displayName = (displayName == null || displayName.isBlank()) ? username : displayName.strip();
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	static String requireValidUsername(String username) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException(
					"A username has 2 to 64 characters: letters, digits, '.', '_', '@' or '-'.");
		}
		return username;
	}

	UserAccount withRoles(Set<Role> newRoles) {
		return new UserAccount(this.username, this.displayName, this.passwordHash, newRoles, this.enabled,
				this.createdAt);
	}

	UserAccount withEnabled(boolean newEnabled) {
		return new UserAccount(this.username, this.displayName, this.passwordHash, this.roles, newEnabled,
				this.createdAt);
	}

	UserAccount withDisplayName(String newDisplayName) {
		return new UserAccount(this.username, newDisplayName, this.passwordHash, this.roles, this.enabled,
				this.createdAt);
	}

	UserAccount withPasswordHash(String newHash) {
		return new UserAccount(this.username, this.displayName, newHash, this.roles, this.enabled, this.createdAt);
	}

}
