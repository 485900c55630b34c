package dev.aigov.web.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.aigov.registry.Role;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Manages accounts. Passwords are hashed before they reach the repository and are only
 * ever returned to the caller when the appliance generated them, once.
 */
@Service
public class AccountService {

	static final int MIN_PASSWORD_LENGTH = 12;

	/** BCrypt reads at most 72 bytes; a longer password would be silently truncated. */
	static final int MAX_PASSWORD_BYTES = 72;

	private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

	private final AccountRepository accounts;

	private final PasswordEncoder encoder;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	AccountService(AccountRepository accounts, PasswordEncoder encoder, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.events = events;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Creates an account.
	 * @param password the initial password, or {@code null} to generate one
	 * @return the account and, when generated, the password to hand over (shown once)
	 * @throws IllegalArgumentException if a value is invalid
	 * @throws ErrorResponseException 409 if the username is taken
	 */
	public synchronized CreatedAccount create(String username, String displayName, Set<Role> roles, String password,
			String actor) {
		UserAccount.requireValidUsername(username);
		String generated = (password == null || password.isEmpty()) ? generatePassword() : null;
		String initial = (generated != null) ? generated : requireAcceptablePassword(password);
		UserAccount account = new UserAccount(username, displayName, this.encoder.encode(initial),
				(roles != null) ? roles : Set.of(), true, this.clock.instant());
		if (!this.accounts.createIfAbsent(account)) {
			throw conflict("An account named '" + username + "' already exists.");
		}
		this.events
			.publishEvent(new AccountEvents.AccountCreated(username, account.roles(), actor, this.clock.instant()));
		return new CreatedAccount(account, generated);
	}

	public Optional<UserAccount> find(String username) {
		return this.accounts.findByUsername(username);
	}

	public List<UserAccount> findAll() {
		return this.accounts.findAll();
	}

	/**
	 * Changes display name, roles or enabled flag; {@code null} leaves a value as it is.
	 * The last enabled administrator can be neither demoted nor disabled, so the
	 * appliance can never lock itself out.
	 */
	public synchronized UserAccount update(String username, String displayName, Set<Role> roles, Boolean enabled,
			String actor) {
		UserAccount current = require(username);
		UserAccount changed = current;
		if (displayName != null) {
			changed = changed.withDisplayName(displayName);
		}
		if (roles != null) {
			changed = changed.withRoles(roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles));
		}
		if (enabled != null) {
			changed = changed.withEnabled(enabled);
		}
		boolean losesAdmin = current.enabled() && current.roles().contains(Role.ADMIN)
				&& !(changed.enabled() && changed.roles().contains(Role.ADMIN));
		if (losesAdmin && this.accounts.findAll()
			.stream()
			.noneMatch((other) -> !other.username().equals(username) && other.enabled()
					&& other.roles().contains(Role.ADMIN))) {
			throw conflict("'" + username + "' is the last enabled administrator; "
					+ "make another user an administrator first.");
		}
		this.accounts.replace(changed);
		this.events.publishEvent(new AccountEvents.AccountChanged(username, changed.roles(), changed.enabled(), actor,
				this.clock.instant()));
		return changed;
	}

	/** Sets a new generated password and returns it, once. */
	public synchronized String resetPassword(String username, String actor) {
		UserAccount current = require(username);
		String generated = generatePassword();
		this.accounts.replace(current.withPasswordHash(this.encoder.encode(generated)));
		this.events.publishEvent(new AccountEvents.PasswordChanged(username, actor, this.clock.instant()));
		return generated;
	}

	/**
	 * Changes the caller's own password after checking the current one.
	 * @throws IllegalArgumentException if the current password is wrong or the new one is
	 * unacceptable
	 */
	public synchronized void changeOwnPassword(String username, String currentPassword, String newPassword) {
		UserAccount current = require(username);
		if (currentPassword == null || !this.encoder.matches(currentPassword, current.passwordHash())) {
			throw new IllegalArgumentException("The current password is not correct.");
		}
		requireAcceptablePassword(newPassword);
		this.accounts.replace(current.withPasswordHash(this.encoder.encode(newPassword)));
		this.events.publishEvent(new AccountEvents.PasswordChanged(username, username, this.clock.instant()));
	}

	boolean anyEnabledAdministrator() {
		return this.accounts.anyEnabledWithRole(Role.ADMIN);
	}

	String generatePassword() {
		char[] password = new char[20];
		for (int i = 0; i < password.length; i++) {
			password[i] = ALPHABET[this.random.nextInt(ALPHABET.length)];
		}
		return new String(password);
	}

	static String requireAcceptablePassword(String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw new IllegalArgumentException("A password may be at most " + MAX_PASSWORD_BYTES + " bytes long.");
		}
		return password;
	}

	private UserAccount require(String username) {
		return this.accounts.findByUsername(username)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
					problem(HttpStatus.NOT_FOUND, "No account named '" + username + "'."), null));
	}

	private static ErrorResponseException conflict(String detail) {
		return new ErrorResponseException(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, detail), null);
	}

	private static org.springframework.http.ProblemDetail problem(HttpStatus status, String detail) {
		return org.springframework.http.ProblemDetail.forStatusAndDetail(status, detail);
	}

	/**
	 * A newly created account.
	 *
	 * @param account the stored account
	 * @param generatedPassword the generated password, or {@code null} if the caller
	 * chose one
	 */
	public record CreatedAccount(UserAccount account, String generatedPassword) {
	}

}
