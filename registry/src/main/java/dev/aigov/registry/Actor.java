package dev.aigov.registry;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: the signed-in user and the roles they hold. Recorded as the author of
 * every revision and checked by the lifecycle's separation of duties.
 */
public record Actor(String username, Set<Role> roles) {

	public Actor {
		Objects.requireNonNull(username, "username");
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	/**
	 * Whether this actor may register an entity of the kind: model owners and
	 * administrators anything, compliance officers AI systems and incidents. The API and
	 * the UI both ask here.
	 */
	public boolean mayRegister(Kind kind) {
		return has(Role.MODEL_OWNER) || has(Role.ADMIN)
				|| has(Role.COMPLIANCE_OFFICER) && (kind == Kind.AI_SYSTEM || kind == Kind.INCIDENT);
	}

	/** The PROV agent IRI for this user. */
	public String iri() {
		return agentIri(this.username);
	}

	public static String agentIri(String username) {
		return EntityRef.BASE + "agent/"
				+ java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
	}

}
