package dev.aigov.policy;

import java.time.Instant;

/**
 * One attempt to activate a pack, accepted or not.
 *
 * @param name the pack's name (as its manifest says, or {@code ?} if unreadable)
 * @param version its content hash
 * @param origin where it came from
 * @param actor who asked
 * @param at when
 * @param accepted whether it became active
 * @param reason why not, with the compiler's or the fixtures' messages
 * @param replaced the version it replaced, {@code null} if none
 */
public record PackActivation(String name, String version, String origin, String actor, Instant at, boolean accepted,
		String reason, String replaced) {
}
