package dev.aigov.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.registry.internal.RevisionStore;

/**
 * A registry on an in-memory store with a clock the test sets, and the smallest valid
 * entity of each kind the tests need.
 */
final class RegistryFixture {

	static final Actor OWNER = new Actor("olga", Set.of(Role.MODEL_OWNER));

	static final Actor OFFICER = new Actor("chen", Set.of(Role.COMPLIANCE_OFFICER));

	static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	/** The prefixes the import tests' Turtle documents use. */
	static final String TURTLE_PREFIXES = """
			@prefix aigov: <https://aigov.dev/ns#> .
			@prefix dcat: <http://www.w3.org/ns/dcat#> .
			@prefix dcterms: <http://purl.org/dc/terms/> .
			@prefix id: <https://aigov.dev/id/> .
			""";

	final MemoryGraphStore store = new MemoryGraphStore();

	final SetClock clock = new SetClock(T0);

	final List<Object> events = new ArrayList<>();

	final RegistryService registry = new RegistryService(new RevisionStore(this.store), this.clock, this.events::add);

	final ResumeReader reader = new ResumeReader(this.registry, this.store);

	final ResumeImporter importer = new ResumeImporter(this.registry);

	ApprovalWorkflow workflow(ApprovalGuard... guards) {
		return new ApprovalWorkflow(this.registry, this.reader, List.of(guards), this.events::add);
	}

	ResumeEntity create(Kind kind, Actor actor, Object... pairs) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put((String) pairs[i], pairs[i + 1]);
		}
		return this.registry.create(kind, fields, actor);
	}

	/** An AI system, a model owned by {@code owner} and a draft version of it. */
	ResumeEntity draftVersion(String id, String owner) {
		if (!this.registry.exists(new EntityRef(Kind.AI_SYSTEM, "system"))) {
			create(Kind.AI_SYSTEM, OWNER, "id", "system", "name", "Loan decisions", "purpose", "Credit scoring",
					"riskLevel", "high", "owner", owner);
		}
		if (!this.registry.exists(new EntityRef(Kind.MODEL, "model-" + owner))) {
			create(Kind.MODEL, OWNER, "id", "model-" + owner, "name", "Scorer", "system", "system", "owner", owner);
		}
		return create(Kind.MODEL_VERSION, OWNER, "id", id, "model", "model-" + owner, "version", "1.0");
	}

	ResumeEntity datasetVersion(String id, Object... extra) {
		if (!this.registry.exists(new EntityRef(Kind.DATASET, "loans"))) {
			create(Kind.DATASET, OWNER, "id", "loans", "name", "Loan applications");
		}
		List<Object> pairs = new ArrayList<>(List.of("id", id, "dataset", "loans", "version", id, "licenseExpression",
				"CC-BY-4.0", "sensitivity", "internal", "containsPersonalData", false));
		pairs.addAll(List.of(extra));
		return create(Kind.DATASET_VERSION, OWNER, pairs.toArray());
	}

	/** A clock that stands still until the test moves it. */
	static final class SetClock extends Clock {

		private Instant now;

		SetClock(Instant now) {
			this.now = now;
		}

		void set(Instant instant) {
			this.now = instant;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
