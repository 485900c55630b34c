package dev.aigov.web.account;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.aigov.registry.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** User management; administrators only. */
@RestController
@RequestMapping("/api/admin/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Accounts", description = "User accounts and roles (administrators only)")
class AccountsController {

	private final AccountService accounts;

	AccountsController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "List all accounts")
	List<AccountView> list() {
		return this.accounts.findAll().stream().map(AccountView::of).toList();
	}

	@GetMapping("/{username}")
	@Operation(summary = "Read one account")
	AccountView get(@PathVariable String username) {
		return this.accounts.find(username)
			.map(AccountView::of)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
					ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No account named '" + username + "'."),
					null));
	}

	@PostMapping
	@Operation(summary = "Create an account",
			description = "Without a password, one is generated and returned in this response only.")
	ResponseEntity<CreatedAccountView> create(@Valid @RequestBody NewAccount request, Principal actor) {
		AccountService.CreatedAccount created = this.accounts.create(request.username(), request.displayName(),
				request.roles(), request.password(), actor.getName());
		return ResponseEntity.created(URI.create("/api/admin/users/" + created.account().username()))
			.body(new CreatedAccountView(AccountView.of(created.account()), created.generatedPassword()));
	}

	@PatchMapping("/{username}")
	@Operation(summary = "Change display name, roles or enabled flag")
	AccountView update(@PathVariable String username, @Valid @RequestBody AccountChange change, Principal actor) {
		return AccountView.of(this.accounts.update(username, change.displayName(), change.roles(), change.enabled(),
				actor.getName()));
	}

	@PostMapping("/{username}/password-reset")
	@Operation(summary = "Reset a password", description = "Returns the new generated password, once.")
	PasswordView resetPassword(@PathVariable String username, Principal actor) {
		return new PasswordView(this.accounts.resetPassword(username, actor.getName()));
	}

	/** An account as the API shows it: never the password hash. */
	record AccountView(String username, String displayName, Set<Role> roles, boolean enabled, Instant createdAt) {

		static AccountView of(UserAccount account) {
			return new AccountView(account.username(), account.displayName(), account.roles(), account.enabled(),
					account.createdAt());
		}

	}

	record NewAccount(@NotBlank @Size(max = 64) String username, @Size(max = 200) String displayName, Set<Role> roles,
			@Size(max = 72) String password) {
	}

	record AccountChange(@Size(max = 200) String displayName, Set<Role> roles, Boolean enabled) {
	}

	record CreatedAccountView(AccountView account, String generatedPassword) {
	}

	record PasswordView(String generatedPassword) {
	}

}
