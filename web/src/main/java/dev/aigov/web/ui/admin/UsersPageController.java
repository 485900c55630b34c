package dev.aigov.web.ui.admin;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.aigov.registry.Role;
import dev.aigov.web.account.AccountService;
import dev.aigov.web.account.UserAccount;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * User accounts and their roles, through the same service as the API. A generated
 * password is shown once, on the page that follows its creation or reset.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UsersPageController {

	private final AccountService accounts;

	UsersPageController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/admin/users")
	String users(Model model) {
		model.addAttribute("users", this.accounts.findAll().stream().map(AccountRow::of).toList());
		model.addAttribute("roles", Role.values());
		return "admin/users";
	}

	@PostMapping("/admin/users")
	String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(required = false) List<Role> roles, Authentication authentication, Model model,
			RedirectAttributes redirect) {
		try {
			AccountService.CreatedAccount created = this.accounts.create(username.strip(), displayName, roles(roles),
					null, authentication.getName());
			redirect.addFlashAttribute("shownOnce", created.generatedPassword());
			redirect.addFlashAttribute("shownOnceFor", created.account().username());
			return "redirect:/admin/users";
		}
		catch (IllegalArgumentException | ErrorResponseException ex) {
			model.addAttribute("createError", message(ex));
			model.addAttribute("newUsername", username);
			model.addAttribute("newDisplayName", displayName);
			return users(model);
		}
	}

	@PostMapping("/admin/users/{username}")
	String update(@PathVariable String username, @RequestParam(required = false) List<Role> roles,
			@RequestParam(defaultValue = "false") boolean enabled, Authentication authentication,
			RedirectAttributes redirect) {
		try {
			this.accounts.update(username, null, roles(roles), enabled, authentication.getName());
			redirect.addFlashAttribute("flashKey", "users.saved");
		}
		catch (IllegalArgumentException | ErrorResponseException ex) {
			redirect.addFlashAttribute("flashError", message(ex));
		}
		return "redirect:/admin/users#user-" + UriUtils.encodeFragment(username, StandardCharsets.UTF_8);
	}

	@PostMapping("/admin/users/{username}/password-reset")
	String resetPassword(@PathVariable String username, Authentication authentication, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("shownOnce", this.accounts.resetPassword(username, authentication.getName()));
			redirect.addFlashAttribute("shownOnceFor", username);
		}
		catch (ErrorResponseException ex) {
			redirect.addFlashAttribute("flashError", message(ex));
		}
		return "redirect:/admin/users";
	}

	private static Set<Role> roles(List<Role> roles) {
		return (roles == null || roles.isEmpty()) ? Set.of() : EnumSet.copyOf(roles);
	}

	private static String message(RuntimeException ex) {
		if (ex instanceof ErrorResponseException response && response.getBody().getDetail() != null) {
			return response.getBody().getDetail();
		}
		return ex.getMessage();
	}

	/**
	 * An account as the page shows it: never its password hash.
	 *
	 * @param username sign-in name
	 * @param displayName shown name
	 * @param roles roles held
	 * @param enabled whether it may sign in
	 * @param createdAt when it was created
	 */
	public record AccountRow(String username, String displayName, Set<Role> roles, boolean enabled,
			java.time.Instant createdAt) {

		static AccountRow of(UserAccount account) {
			return new AccountRow(account.username(), account.displayName(), account.roles(), account.enabled(),
					account.createdAt());
		}

		public boolean has(Role role) {
			return this.roles.contains(role);
		}

	}

}
