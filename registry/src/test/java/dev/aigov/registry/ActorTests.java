package dev.aigov.registry;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may register what, the one rule the API and the UI both apply. */
class ActorTests {

	@Test
	void ownersAndAdministratorsRegisterAnythingOfficersSystemsAndIncidentsAuditorsNothing() {
		Actor owner = new Actor("sam", Set.of(Role.MODEL_OWNER));
		Actor admin = new Actor("root", Set.of(Role.ADMIN));
		Actor officer = new Actor("olga", Set.of(Role.COMPLIANCE_OFFICER));
		Actor auditor = new Actor("aaron", Set.of(Role.AUDITOR));
		for (Kind kind : Kind.values()) {
			assertThat(owner.mayRegister(kind)).as("owner, %s", kind).isTrue();
			assertThat(admin.mayRegister(kind)).as("admin, %s", kind).isTrue();
			assertThat(officer.mayRegister(kind)).as("officer, %s", kind)
				.isEqualTo(kind == Kind.AI_SYSTEM || kind == Kind.INCIDENT);
			assertThat(auditor.mayRegister(kind)).as("auditor, %s", kind).isFalse();
		}
	}

}
