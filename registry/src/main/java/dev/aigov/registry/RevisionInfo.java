package dev.aigov.registry;

import java.time.Instant;

/**
 * One recorded revision of an entity: which, when, by whom.
 *
 * @param ref the entity
 * @param number 1 for the first revision, then 2, 3, ...
 * @param at when it was recorded
 * @param author user name of who recorded it
 */
public record RevisionInfo(EntityRef ref, int number, Instant at, String author) {
}
