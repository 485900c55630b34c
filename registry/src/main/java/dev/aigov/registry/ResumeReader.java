package dev.aigov.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aigov.lineage.GraphStore;
import dev.aigov.lineage.GraphStores;
import dev.aigov.registry.internal.RdfMapper;
import dev.aigov.registry.internal.RevisionStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Reads a model version's whole résumé, now or as of an instant, and exports it as RDF.
 * Forward references (what the version was made from) are followed transitively; the
 * activities that point at the version (evaluations, approvals, deployments, incidents,
 * imported SBOMs) are found through the graph, each read as it was at the same instant.
 */
@Service
public class ResumeReader {

	private static final List<String> POINTING_AT_VERSION = List.of(ResumeSchema.AIGOV + "evaluates",
			ResumeSchema.AIGOV + "decides", ResumeSchema.AIGOV + "deploys", ResumeSchema.AIGOV + "concerns",
			ResumeSchema.AIGOV + "sbomOf");

	private static final String POINTING_PREDICATES = String.join(" ",
			POINTING_AT_VERSION.stream().map((p) -> "<" + p + ">").toList());

	private static final Query POINTING_AT_NOW = QueryFactory.create("SELECT DISTINCT ?e WHERE { VALUES ?p { "
			+ POINTING_PREDICATES + " } GRAPH <" + RevisionStore.CURRENT + "> { ?e ?p ?v } }");

	private static final Query POINTING_AT_AS_OF = QueryFactory.create("""
			PREFIX aigov: <https://aigov.dev/ns#>
			PREFIX prov: <http://www.w3.org/ns/prov#>
			SELECT DISTINCT ?e WHERE {
			  VALUES ?p { %1$s }
			  { GRAPH ?g { ?e ?p ?v }
			    GRAPH <%2$s> { ?r aigov:snapshot ?g ; prov:generatedAtTime ?t FILTER(?t <= ?asOf) } }
			  UNION
			  # A latest revision's state is in the current graph, its snapshot graph is
			  # still empty (ADR 014).
			  { GRAPH <%3$s> { ?e ?p ?v }
			    GRAPH <%2$s> { ?r aigov:revisionOf ?e ; prov:generatedAtTime ?t FILTER(?t <= ?asOf)
			      FILTER NOT EXISTS { ?later prov:wasRevisionOf ?r } } }
			}""".formatted(POINTING_PREDICATES, RevisionStore.REVISIONS, RevisionStore.CURRENT));

	private final RegistryService registry;

	private final RevisionStore revisions;

	@Autowired
	public ResumeReader(RegistryService registry, GraphStores stores) {
		this(registry, stores.store(GraphStores.LINEAGE));
	}

	/** On the given lineage store, for tests. */
	ResumeReader(RegistryService registry, GraphStore lineage) {
		this.registry = registry;
		this.revisions = new RevisionStore(lineage);
	}

	/**
	 * The résumé of a model version.
	 * @param versionId the model version's id
	 * @param asOf the instant to read at, or {@code null} for now
	 */
	public Resume read(String versionId, Instant asOf) {
		EntityRef version = new EntityRef(Kind.MODEL_VERSION, versionId);
		// One read of the store for the whole résumé (one snapshot on TDB2). The walk is
		// breadth first, as before, but every entity of one step is read with the same
		// two queries: the entities come out in the same order as one by one.
		Map<EntityRef, ResumeEntity> found = this.revisions.read((reads) -> {
			Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>();
			ResumeEntity root = entities(reads, List.of(version), asOf).get(version);
			if (root == null) {
				return null;
			}
			entities.put(version, root);
			List<EntityRef> pending = new ArrayList<>(pointingAt(reads.connection(), version, asOf));
			pending.addAll(references(root));
			while (!pending.isEmpty()) {
				List<EntityRef> step = pending.stream().filter((ref) -> !entities.containsKey(ref)).distinct().toList();
				Map<EntityRef, ResumeEntity> stepEntities = entities(reads, step, asOf);
				List<EntityRef> next = new ArrayList<>();
				for (EntityRef ref : pending) {
					ResumeEntity entity = stepEntities.get(ref);
					if (entities.containsKey(ref) || entity == null) {
						continue; // already found, or did not exist yet
					}
					if (POINTS_AT.containsKey(ref.kind())
							&& !versionId.equals(entity.fields().get(POINTS_AT.get(ref.kind())))) {
						// It pointed at this version in another revision, not at this
						// instant.
						continue;
					}
					entities.put(ref, entity);
					next.addAll(references(entity));
				}
				pending = next;
			}
			return entities;
		});
		if (found == null) {
			// Not there (or not yet): get says so in its own words. Should it have been
			// recorded meanwhile, read again.
			this.registry.get(version, asOf);
			return read(versionId, asOf);
		}
		return new Resume(version, asOf, found);
	}

	/**
	 * The entities as recorded at the instant (now if {@code null}); absent ones are left
	 * out.
	 */
	private static Map<EntityRef, ResumeEntity> entities(RevisionStore.Reads reads, List<EntityRef> refs,
			Instant asOf) {
		Map<EntityRef, RevisionStore.Snapshot> snapshots = (asOf != null) ? reads.asOf(refs, asOf) : reads.latest(refs);
		Map<EntityRef, ResumeEntity> entities = new LinkedHashMap<>();
		snapshots.forEach((ref, snapshot) -> entities.put(ref, RegistryService.toEntity(ref, snapshot)));
		return entities;
	}

	private static final Map<Kind, String> POINTS_AT = Map.of(Kind.EVALUATION, "modelVersion", Kind.APPROVAL,
			"modelVersion", Kind.DEPLOYMENT, "modelVersion", Kind.INCIDENT, "modelVersion", Kind.SBOM, "modelVersion");

	/** Entities that point at the version in some revision recorded up to the instant. */
	private static Set<EntityRef> pointingAt(RDFConnection connection, EntityRef version, Instant asOf) {
		Map<Var, Node> constants = new HashMap<>();
		constants.put(Var.alloc("v"), NodeFactory.createURI(version.iri()));
		if (asOf != null) {
			constants.put(Var.alloc("asOf"), NodeFactory.createLiteralDT(asOf.toString(), XSDDatatype.XSDdateTime));
		}
		Query query = QueryTransformOps.replaceVars((asOf != null) ? POINTING_AT_AS_OF : POINTING_AT_NOW, constants);
		Set<EntityRef> refs = new LinkedHashSet<>();
		connection.querySelect(query, (row) -> refs.add(EntityRef.fromIri(row.getResource("e").getURI())));
		return refs;
	}

	private static Set<EntityRef> references(ResumeEntity entity) {
		Set<EntityRef> refs = new LinkedHashSet<>();
		for (FieldSpec spec : ResumeSchema.fields(entity.ref().kind()).values()) {
			Object value = entity.fields().get(spec.name());
			if (spec.target() == Kind.POLICY_EVALUATION) {
				continue; // evaluations are about the résumé, not part of it
			}
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
