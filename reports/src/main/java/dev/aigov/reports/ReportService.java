package dev.aigov.reports;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aigov.policy.Finding;
import dev.aigov.registry.CompletenessService;
import dev.aigov.registry.Kind;
import dev.aigov.registry.RegistryService;
import dev.aigov.registry.Resume;
import dev.aigov.registry.ResumeEntity;
import dev.aigov.registry.ResumeNotFoundException;
import dev.aigov.registry.ResumeReader;
import dev.aigov.registry.RevisionInfo;
import dev.aigov.reports.internal.DossierAssembler;
import dev.aigov.reports.internal.DossierHtml;
import dev.aigov.reports.internal.DossierInputs;
import dev.aigov.reports.internal.OperationsReport;
import dev.aigov.reports.internal.PdfRenderer;
import dev.aigov.reports.internal.ReportStore;
import dev.aigov.sbom.MlBomService;
import dev.aigov.sbom.ResumeRevision;
import dev.aigov.sbom.SignedBom;
import dev.aigov.signing.JsonCanonicalizer;
import dev.aigov.signing.SigningKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Generates, stores, lists and verifies the exported reports. Each report is three
 * renderings of one content (canonical JSON, HTML, PDF with embedded Traditional Chinese
 * font), plus for a dossier the signed ML-BOM, listed with their SHA-256 in a manifest
 * signed with the appliance's active key. The JSON of a dossier depends only on the
 * résumé revision and the sources' answers, so generating again gives the same bytes.
 * Generating a report publishes {@link ReportGenerated}.
 */
@Service
public class ReportService {

	static final String JSON = "report.json";

	static final String HTML = "report.html";

	static final String PDF = "report.pdf";

	static final String ML_BOM = "ml-bom.cdx.json";

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'-'HHmmss")
		.withZone(ZoneOffset.UTC);

	private final ResumeReader reader;

	private final RegistryService registry;

	private final CompletenessService completeness;

	private final MlBomService boms;

	private final SigningKeys keys;

	private final ObjectProvider<FindingsSource> findings;

	private final ObjectProvider<OperationsSource> operations;

	private final ApplicationEventPublisher events;

	private final ReportStore store;

	private final ReportsProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private volatile PdfRenderer pdf;

	public ReportService(ResumeReader reader, RegistryService registry, CompletenessService completeness,
			MlBomService boms, SigningKeys keys, ObjectProvider<FindingsSource> findings,
			ObjectProvider<OperationsSource> operations, ApplicationEventPublisher events,
			ReportsProperties properties) {
		this.reader = reader;
		this.registry = registry;
		this.completeness = completeness;
		this.boms = boms;
		this.keys = keys;
		this.findings = findings;
		this.operations = operations;
		this.events = events;
		this.properties = properties;
		this.store = new ReportStore(properties.dir());
		this.clock = Clock.systemUTC();
	}

	/**
	 * The content of a model version's dossier, as its JSON carries it.
	 * @param versionId the model version's id
	 * @param asOf the instant to document, or {@code null} for the current résumé (the
	 * content then records the time of its latest revision, so it stays the same until
	 * the résumé changes)
	 * @return canonical JSON (RFC 8785), UTF-8
	 * @throws ResumeNotFoundException if there is no such model version (then)
	 * @throws dev.aigov.registry.InvalidResumeException if the id is not a valid id
	 */
	public byte[] dossierJson(String versionId, Instant asOf) {
		return JsonCanonicalizer.canonicalizeTree(DossierAssembler.assemble(dossierInputs(versionId, asOf)));
	}

	/**
	 * Generates, signs and stores a model version's dossier.
	 * @param versionId the model version's id
	 * @param asOf the instant to document, or {@code null} for now
	 * @param requestedBy who asks for it
	 * @return the stored report
	 * @throws ResumeNotFoundException if there is no such model version (then)
	 * @throws ReportRenderingUnavailableException if no CJK font is available for the
	 * PDF; nothing is stored
	 */
	public StoredReport generateDossier(String versionId, Instant asOf, String requestedBy) {
		PdfRenderer renderer = pdf();
		DossierInputs inputs = dossierInputs(versionId, asOf);
		Map<String, Object> content = DossierAssembler.assemble(inputs);
		Instant now = this.clock.instant();
		String id = newId(ReportType.MODEL_DOSSIER, now);
		String html = DossierHtml.render(content, id, renderer.labelFont());
		Map<String, ReportStore.Content> files = ReportStore.files();
		files.put(JSON, new ReportStore.Content("application/json", JsonCanonicalizer.canonicalizeTree(content)));
		files.put(HTML, new ReportStore.Content("text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8)));
		files.put(PDF, new ReportStore.Content("application/pdf", renderer.render(html)));
		files.put(ML_BOM, new ReportStore.Content("application/vnd.cyclonedx+json",
				inputs.bom().json().getBytes(StandardCharsets.UTF_8)));
		ResumeEntity model = inputs.resume().all(Kind.MODEL).stream().findFirst().orElse(null);
		String title = ReportType.MODEL_DOSSIER.title() + ": " + ((model != null) ? model.text("name") + " " : "")
				+ inputs.resume().versionEntity().text("version");
		return store(
				new StoredReport(id, ReportType.MODEL_DOSSIER, versionId, title, now, requestedBy, null, List.of()),
				files);
	}

	/**
	 * Generates, signs and stores the operations audit report of a period.
	 * @param scope the period and filters
	 * @param requestedBy who asks for it
	 * @return the stored report
	 */
	public StoredReport generateOperations(OperationsScope scope, String requestedBy) {
		PdfRenderer renderer = pdf();
		OperationsSource source = this.operations.getIfAvailable();
		OperationsFigures figures = (source != null) ? source.figures(scope) : null;
		Map<String, Object> content = OperationsReport.assemble(scope, figures, incidents(scope));
		Instant now = this.clock.instant();
		String id = newId(ReportType.OPERATIONS, now);
		String html = OperationsReport.html(content, id);
		Map<String, ReportStore.Content> files = ReportStore.files();
		files.put(JSON, new ReportStore.Content("application/json", JsonCanonicalizer.canonicalizeTree(content)));
		files.put(HTML, new ReportStore.Content("text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8)));
		files.put(PDF, new ReportStore.Content("application/pdf", renderer.render(html)));
		String subject = scope.from() + "/" + scope.to();
		return store(new StoredReport(id, ReportType.OPERATIONS, subject, ReportType.OPERATIONS.title() + " " + subject,
				now, requestedBy, null, List.of()), files);
	}

	/** Every stored report, newest first. */
	public List<StoredReport> list() {
		return this.store.list();
	}

	/** A stored report. */
	public Optional<StoredReport> find(String id) {
		return this.store.find(id);
	}

	/**
	 * A file of a stored report (the manifest included), checked against the manifest.
	 * @throws ReportNotFoundException if there is no such report or file
	 * @throws IllegalStateException if the stored file does not match its manifest
	 */
	public byte[] content(String id, String name) {
		return this.store.content(id, name)
			.orElseThrow(() -> new ReportNotFoundException("No file '" + name + "' in report '" + id + "'."));
	}

	/**
	 * Verifies a stored report with the appliance's keys (active and retired).
	 * @throws ReportNotFoundException if there is no such report
	 */
	public ManifestVerification verify(String id) {
		return this.store.verify(id, this.keys.verifier())
			.orElseThrow(() -> new ReportNotFoundException("No report '" + id + "'."));
	}

	/** Signs, stores and announces a report; for the other report builders too. */
	StoredReport store(StoredReport report, Map<String, ReportStore.Content> files) {
		StoredReport stored = this.store.write(report, files, this.keys.activeSigner());
		byte[] manifest = this.store.content(stored.id(), ReportManifests.MANIFEST).orElseThrow();
		this.events.publishEvent(new ReportGenerated(stored.id(), stored.type(), stored.subject(), stored.generatedBy(),
				stored.generatedAt(), ReportManifests.sha256(manifest)));
		return stored;
	}

	private DossierInputs dossierInputs(String versionId, Instant asOf) {
		// The ML-BOM reads the résumé itself: read both until they agree on the revision,
		// so that a concurrent write cannot mix two revisions in one dossier.
		for (int attempt = 0; attempt < 3; attempt++) {
			Resume resume = this.reader.read(versionId, asOf);
			SignedBom bom = this.boms.forVersion(versionId, asOf)
				.orElseThrow(() -> new ResumeNotFoundException(null, "No model-version with id '" + versionId + "'."));
			if (!ResumeRevision.of(resume).sameAs(bom.revision())) {
				continue;
			}
			Instant at = (asOf != null) ? asOf : bom.revision().revisedAt();
			List<RevisionInfo> history = new ArrayList<>();
			for (RevisionInfo revision : this.registry.revisions(resume.version())) {
				if (!revision.at().isAfter(at)) {
					history.add(revision);
				}
			}
			FindingsSource source = this.findings.getIfAvailable();
			List<Finding> found = (source != null) ? source.findingsFor(resume) : null;
			return new DossierInputs(resume, at, history, this.completeness.check(resume), bom, found);
		}
		throw new IllegalStateException(
				"The résumé of " + versionId + " kept changing while the dossier was " + "generated; try again.");
	}

	private List<ResumeEntity> incidents(OperationsScope scope) {
		List<ResumeEntity> found = new ArrayList<>();
		for (ResumeEntity incident : this.registry.listAll(Kind.INCIDENT)) {
			String reported = incident.text("reportedAt");
			if (reported == null) {
				continue;
			}
			Instant at = Instant.parse(reported);
			boolean inPeriod = !at.isBefore(scope.from()) && at.isBefore(scope.to());
			boolean inScope = scope.modelVersion() == null
					|| scope.modelVersion().equals(incident.text("modelVersion"));
			if (inPeriod && inScope) {
				found.add(incident);
			}
		}
		return found;
	}

	String newId(ReportType type, Instant now) {
		byte[] suffix = new byte[4];
		this.random.nextBytes(suffix);
		return type.slug() + "-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
	}

	PdfRenderer pdf() {
		PdfRenderer renderer = this.pdf;
		if (renderer == null) {
			synchronized (this) {
				if (this.pdf == null) {
					try {
						this.pdf = PdfRenderer.withFont(this.properties.cjkFont());
					}
					catch (IllegalStateException ex) {
						throw new ReportRenderingUnavailableException(ex.getMessage(), ex);
					}
				}
				renderer = this.pdf;
			}
		}
		return renderer;
	}

}
