package dev.aigov.web.account;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own identity and password. */
@RestController
@RequestMapping("/api/me")
@PreAuthorize("isAuthenticated()")
@Tag(name = "Me", description = "The signed-in user")
class MeController {

	private final AccountService accounts;

	MeController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "Who am I and which roles do I hold")
	Me me(Authentication authentication) {
		return new Me(authentication.getName(),
				authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.filter((authority) -> authority.startsWith("ROLE_"))
					.map((authority) -> authority.substring("ROLE_".length()))
					.sorted()
					.toList());
	}

	@PostMapping("/password")
	@Operation(summary = "Change my password")
	ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange change, Authentication authentication) {
		this.accounts.changeOwnPassword(authentication.getName(), change.currentPassword(), change.newPassword());
		return ResponseEntity.noContent().build();
	}

	record Me(String username, List<String> roles) {
	}

	record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {
	}

}
