package dev.aigov.sbom;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.aigov.registry.EntityRef;
import dev.aigov.registry.Kind;
import dev.aigov.registry.Resume;
import dev.aigov.sbom.internal.NameBasedUuid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link ResumeRevision}: one digest per set of entity revisions. */
class ResumeRevisionTests {

	@Test
	void sameRevisionsGiveTheSameDigestWhateverTheOrder() {
		Resume resume = Resumes.realistic();

		assertThat(ResumeRevision.of(Resumes.reversed(resume))).isEqualTo(ResumeRevision.of(resume));
		assertThat(ResumeRevision.of(resume).digest()).matches("sha256:[0-9a-f]{64}");
		assertThat(ResumeRevision.of(resume).revisedAt()).isEqualTo("2025-03-10T12:00:00Z");
	}

	@Test
	void newRevisionChangesTheDigest() {
		Resume resume = Resumes.realistic();
		Resume newer = Resumes.revise(resume, new EntityRef(Kind.MODEL, "compas-risk"),
				Instant.parse("2024-12-01T00:00:00Z"), Map.of());

		assertThat(ResumeRevision.of(newer).digest()).isNotEqualTo(ResumeRevision.of(resume).digest());
		assertThat(ResumeRevision.of(newer).sameAs(ResumeRevision.of(resume))).isFalse();
		// an older revision time does not move the latest one
		assertThat(ResumeRevision.of(newer).revisedAt()).isEqualTo(ResumeRevision.of(resume).revisedAt());
	}

	@Test
	void malformedValuesAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ResumeRevision("https://aigov.dev/id/model-version/x", "md5:00", Instant.EPOCH, 1))
			.withMessageContaining("sha256:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResumeRevision.of(new Resume(new EntityRef(Kind.MODEL_VERSION, "x"), null, Map.of())));
	}

	@Test
	void nameBasedUuidsMatchRfc9562() {
		// Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://aigov.dev/")
		assertThat(NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, "https://aigov.dev/"))
			.isEqualTo(UUID.fromString("0e31b51a-0dd3-561e-baa3-fac79ca789af"));
	}

}
