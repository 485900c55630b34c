package dev.aigov.web.proxy;

import java.time.Clock;
import java.util.List;

import dev.aigov.proxy.ApplicationKey;
import dev.aigov.proxy.ApplicationKeys;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creating and revoking application keys on behalf of an administrator, for the REST API
 * and the administration page alike, so that both are audited the same way.
 */
@Service
public class ApplicationKeyAdministration {

	private final ApplicationKeys keys;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ApplicationKeyAdministration(ApplicationKeys keys, ApplicationEventPublisher events) {
		this.keys = keys;
		this.events = events;
		this.clock = Clock.systemUTC();
	}

	/** Every key, valid or revoked, never with its secret. */
	public List<ApplicationKey> list() {
		return this.keys.list();
	}

	/**
	 * Creates a key.
	 * @param actor the administrator
	 * @return the key and its secret, which cannot be read again
	 * @throws IllegalArgumentException if the specification is invalid
	 */
	public ApplicationKeys.Created create(ApplicationKeys.Specification spec, String actor) {
		ApplicationKeys.Created created = this.keys.create(spec, actor);
		ApplicationKey key = created.key();
		this.events.publishEvent(new ApplicationKeyEvents.KeyCreated(key.id(), key.application(), key.allowedModels(),
				key.allowedDataClasses(), actor, key.createdAt()));
		return created;
	}

	/**
	 * Revokes a valid key.
	 * @param actor the administrator
	 * @return whether a valid key was revoked
	 */
	public boolean revoke(String id, String actor) {
		ApplicationKey key = this.keys.list().stream().filter((k) -> k.id().equals(id)).findFirst().orElse(null);
		if (key == null || !this.keys.revoke(id)) {
			return false;
		}
		this.events
			.publishEvent(new ApplicationKeyEvents.KeyRevoked(id, key.application(), actor, this.clock.instant()));
		return true;
	}

}
