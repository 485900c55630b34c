package dev.aigov.web.ui;

import java.util.EnumSet;
import java.util.Set;

import dev.aigov.registry.Actor;
import dev.aigov.registry.Role;
import dev.aigov.web.registry.Actors;

import org.springframework.security.core.Authentication;

/**
 * The signed-in user as the pages see them: name, roles, and the registry's actor.
 *
 * @param username the sign-in name, as recorded in revisions and approvals
 * @param roles the appliance roles held
 */
public record CurrentUser(String username, Set<Role> roles) {

	public CurrentUser {
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	public static CurrentUser of(Authentication authentication) {
		Actor actor = Actors.of(authentication);
		return new CurrentUser(actor.username(), actor.roles());
	}

	public Actor actor() {
		return new Actor(this.username, this.roles);
	}

	public boolean has(String role) {
		return this.roles.contains(Role.valueOf(role));
	}

	public boolean hasAny(String... names) {
		for (String name : names) {
			if (has(name)) {
				return true;
			}
		}
		return false;
	}

}
