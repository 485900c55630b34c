package dev.aigov.web.registry;

import java.util.EnumSet;
import java.util.Set;

import dev.aigov.registry.Actor;
import dev.aigov.registry.Role;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The signed-in user as the registry sees them. */
public final class Actors {

	private Actors() {
	}

	public static Actor of(Authentication authentication) {
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
		return new Actor(authentication.getName(), roles);
	}

}
