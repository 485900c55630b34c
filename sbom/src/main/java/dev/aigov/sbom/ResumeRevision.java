package dev.aigov.sbom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;

/**
 * Which revision of a model version's résumé something reflects. A résumé has no single
 * revision number: each entity is revised on its own. Its revision is therefore the set
 * of (entity, revision number) pairs, identified by a digest; any new revision of any
 * entity, and any entity added to or dropped from the résumé, changes the digest.
 *
 * @param version the model version's IRI
 * @param digest {@code sha256:} and the lower-case hex SHA-256 of the sorted lines
 * {@code <entity IRI> <revision number>}
 * @param revisedAt the time of the latest revision of any entity
 * @param entities how many entities the résumé has
 */
public record ResumeRevision(String version, String digest, Instant revisedAt, int entities) {

	private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

	/**
	 * Checks the values.
	 * @throws IllegalArgumentException when the digest is not {@code sha256:<64 hex>} or
	 * there are no entities
	 */
	public ResumeRevision {
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(revisedAt, "revisedAt");
		if (digest == null || !DIGEST.matcher(digest).matches()) {
			throw new IllegalArgumentException(
					"A résumé digest is 'sha256:' and 64 lower-case hex digits; got '" + digest + "'.");
		}
		if (entities < 1) {
			throw new IllegalArgumentException("A résumé has at least its model version; got " + entities + ".");
		}
	}

	/**
	 * The revision of a résumé.
	 * @throws IllegalArgumentException when the résumé is empty
	 */
	public static ResumeRevision of(Resume resume) {
		if (resume.all().isEmpty()) {
			throw new IllegalArgumentException("The résumé of " + resume.version() + " has no entities.");
		}
		List<String> lines = new ArrayList<>();
		Instant latest = Instant.MIN;
		for (ResumeEntity entity : resume.all()) {
			lines.add(entity.ref().iri() + " " + entity.revision().number());
			if (entity.revision().at().isAfter(latest)) {
				latest = entity.revision().at();
			}
		}
		lines.sort(null);
		return new ResumeRevision(resume.version().iri(), "sha256:" + sha256(String.join("\n", lines)), latest,
				lines.size());
	}

	/** Whether both reflect the same revision of the same résumé. */
	public boolean sameAs(ResumeRevision other) {
		return other != null && this.version.equals(other.version) && this.digest.equals(other.digest);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
