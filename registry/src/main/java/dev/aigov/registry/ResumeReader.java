package dev.aigov.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.internal.RdfMapper;
import dev.aigov.registry.internal.RevisionStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;

import org.springframework.stereotype.Service;

/**
 * Reads a model version's whole résumé, now or as of an instant, and exports it as RDF.
 * Forward references (what the version was made from) are followed transitively; the
 * activities that point at the version (evaluations, approvals, deployments, incidents)
 * are found through the graph, each read as it was at the same instant.
 */
@Service
public class ResumeReader {

	private static final List<String> POINTING_AT_VERSION = List.of(ResumeSchema.AIGOV + "evaluates",
			ResumeSchema.AIGOV + "decides", ResumeSchema.AIGOV + "deploys", ResumeSchema.AIGOV + "concerns");

	private final RegistryService registry;

	private final RevisionStore revisions;

	public ResumeReader(RegistryService registry, GraphStores stores) {
		this.registry = registry;
		this.revisions = new RevisionStore(stores.store(GraphStores.LINEAGE));
	}

	/**
	 * The résumé of a model version.
	 * @param versionId the model version's id
	 * @param asOf the instant to read at, or {@code null} for now
	 */
	public Resume read(String versionId, Instant asOf) {
		EntityRef version = new EntityRef(Kind.MODEL_VERSION, versionId);
		Map<EntityRef, ResumeEntity> found = new LinkedHashMap<>();
		Deque<EntityRef> pending = new ArrayDeque<>();
		found.put(version, this.registry.get(version, asOf));
		for (EntityRef pointing : pointingAt(version, asOf)) {
			pending.add(pointing);
		}
		pending.addAll(references(found.get(version)));
		while (!pending.isEmpty()) {
			EntityRef ref = pending.poll();
			if (found.containsKey(ref)) {
				continue;
			}
			ResumeEntity entity;
			try {
				entity = this.registry.get(ref, asOf);
			}
			catch (ResumeNotFoundException notYet) {
				continue;
			}
			if (POINTS_AT.containsKey(ref.kind())
					&& !versionId.equals(entity.fields().get(POINTS_AT.get(ref.kind())))) {
				continue; // it pointed at this version in another revision, not at this
							// instant
			}
			found.put(ref, entity);
			pending.addAll(references(entity));
		}
		return new Resume(version, asOf, found);
	}

	private static final Map<Kind, String> POINTS_AT = Map.of(Kind.EVALUATION, "modelVersion", Kind.APPROVAL,
			"modelVersion", Kind.DEPLOYMENT, "modelVersion", Kind.INCIDENT, "modelVersion");

	/** Entities that point at the version in some revision recorded up to the instant. */
	private Set<EntityRef> pointingAt(EntityRef version, Instant asOf) {
		String values = String.join(" ", POINTING_AT_VERSION.stream().map((p) -> "<" + p + ">").toList());
		ParameterizedSparqlString query;
		if (asOf == null) {
			query = new ParameterizedSparqlString(
					"SELECT DISTINCT ?e WHERE { VALUES ?p { " + values + " } GRAPH ?cur { ?e ?p ?v } }");
			query.setIri("cur", RevisionStore.CURRENT);
		}
		else {
			query = new ParameterizedSparqlString("""
					PREFIX aigov: <https://aigov.dev/ns#>
					PREFIX prov: <http://www.w3.org/ns/prov#>
					SELECT DISTINCT ?e WHERE {
					  VALUES ?p { %s }
					  GRAPH ?g { ?e ?p ?v }
					  GRAPH ?revs { ?r aigov:snapshot ?g ; prov:generatedAtTime ?t FILTER(?t <= ?asOf) }
					}""".formatted(values));
			query.setIri("revs", RevisionStore.REVISIONS);
			query.setLiteral("asOf", asOf.toString(), XSDDatatype.XSDdateTime);
		}
		query.setIri("v", version.iri());
		return this.revisions.graphStore().read((connection) -> {
			Set<EntityRef> refs = new LinkedHashSet<>();
			connection.querySelect(query.asQuery(),
					(row) -> refs.add(EntityRef.fromIri(row.getResource("e").getURI())));
			return refs;
		});
	}

	private static Set<EntityRef> references(ResumeEntity entity) {
		Set<EntityRef> refs = new LinkedHashSet<>();
		for (FieldSpec spec : ResumeSchema.fields(entity.ref().kind()).values()) {
			Object value = entity.fields().get(spec.name());
			if (spec.type() == FieldType.REF && value != null) {
				refs.add(new EntityRef(spec.target(), value.toString()));
			}
			else if (spec.type() == FieldType.REFS && value instanceof List<?> ids) {
				ids.forEach((id) -> refs.add(new EntityRef(spec.target(), id.toString())));
			}
		}
		return refs;
	}

	/** The résumé's triples: every entity's state at the revision shown. */
	public Model toModel(Resume resume) {
		Model model = ModelFactory.createDefaultModel();
		model.setNsPrefix("aigov", ResumeSchema.AIGOV);
		model.setNsPrefix("prov", ResumeSchema.PROV);
		model.setNsPrefix("dcat", ResumeSchema.DCAT);
		model.setNsPrefix("dcterms", ResumeSchema.DCTERMS);
		model.setNsPrefix("mls", ResumeSchema.MLS);
		model.setNsPrefix("dpv", ResumeSchema.DPV);
		model.setNsPrefix("id", EntityRef.BASE);
		for (ResumeEntity entity : resume.all()) {
			model.add(RdfMapper.toModel(entity.ref(), entity.fields(), (ref) -> true, true));
		}
		return model;
	}

	/**
	 * Serializes the résumé.
	 * @param format {@code turtle}, {@code jsonld} or {@code nquads} (each entity in the
	 * named graph of the revision shown, so provenance of every triple is kept)
	 */
	public String export(Resume resume, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		switch (format) {
			case "turtle" -> RDFDataMgr.write(out, toModel(resume), Lang.TURTLE);
			case "jsonld" -> RDFDataMgr.write(out, toModel(resume), Lang.JSONLD);
			case "nquads" -> {
				Dataset dataset = DatasetFactory.create();
				for (ResumeEntity entity : resume.all()) {
					dataset.addNamedModel(
							RevisionStore.SNAPSHOT + entity.ref().kind().segment() + "/" + entity.ref().id() + "/"
									+ entity.revision().number(),
							RdfMapper.toModel(entity.ref(), entity.fields(), (ref) -> true, true));
				}
				RDFDataMgr.write(out, dataset, Lang.NQUADS);
			}
			default ->
				throw new IllegalArgumentException("Unknown format '" + format + "'; use turtle, jsonld or nquads.");
		}
		return out.toString(StandardCharsets.UTF_8);
	}

}
