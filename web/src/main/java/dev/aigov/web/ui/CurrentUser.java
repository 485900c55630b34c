package dev.aigov.web.ui;

import java.util.EnumSet;
import java.util.Set;

import dev.aigov.registry.Actor;
import dev.aigov.registry.Role;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

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
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				try {
					roles.add(Role.parse(name));
				}
				catch (IllegalArgumentException notOurs) {
					// authorities of other systems carry no appliance role
				}
			}
		}
		return new CurrentUser(authentication.getName(), roles);
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
