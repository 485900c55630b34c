package dev.aigov.policy;

import java.time.Instant;
import java.util.List;

/**
 * An active policy pack.
 *
 * @param name its name, e.g. {@code governance}
 * @param kind what it decides on
 * @param version the SHA-256 of its content (rules, manifest and fixtures)
 * @param description what it covers
 * @param origin where it was loaded from ({@code built-in}, a directory, an upload)
 * @param activatedBy who activated it ({@code system} for packs loaded at start)
 * @param activatedAt when
 * @param fixtures how many fixtures it passed before activation
 * @param rules its rules
 */
public record PolicyPack(String name, PackKind kind, String version, Finding.Text description, String origin,
		String activatedBy, Instant activatedAt, int fixtures, List<RuleDefinition> rules) {

	public PolicyPack {
		rules = List.copyOf(rules);
	}

}
