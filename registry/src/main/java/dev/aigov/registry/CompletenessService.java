package dev.aigov.registry;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.vocabulary.SHACL;

import org.springframework.stereotype.Service;

/**
 * Checks a résumé against the SHACL shapes in {@code resume-shapes.ttl}, which say what a
 * complete résumé holds at each step of the development flow. The shapes are parsed once;
 * each finding carries the shape's messages in English and Traditional Chinese.
 */
@Service
public class CompletenessService {

	static final String SHAPES = "/dev/aigov/registry/resume-shapes.ttl";

	private static final String[][] STEPS = { { "problem definition", "問題定義" }, { "data collection", "資料蒐集" },
			{ "data cleaning", "資料清理" }, { "data labelling", "資料標註" }, { "model selection", "模型選擇" },
			{ "model design", "模型設計" }, { "training", "模型訓練" }, { "evaluation", "模型評估" }, { "optimisation", "模型優化" },
			{ "deployment", "模型部署" } };

	private final Model shapesModel;

	private final Shapes shapes;

	private final ResumeReader reader;

	public CompletenessService(ResumeReader reader) {
		this.reader = reader;
		this.shapesModel = ModelFactory.createDefaultModel();
		try (InputStream in = CompletenessService.class.getResourceAsStream(SHAPES)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + SHAPES);
			}
			RDFDataMgr.read(this.shapesModel, in, Lang.TURTLE);
		}
		catch (java.io.IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.shapes = Shapes.parse(this.shapesModel.getGraph());
	}

	/** Checks a résumé. */
	public CompletenessReport check(Resume resume) {
		Graph data = this.reader.toModel(resume).getGraph();
		ValidationReport report = ShaclValidator.get().validate(this.shapes, data);
		Map<Integer, List<CompletenessReport.Finding>> byStep = new LinkedHashMap<>();
		for (ReportEntry entry : report.getEntries()) {
			Resource shape = owningShape(entry.source());
			int step = step(shape);
			Resource messageSource = (entry.sourceConstraint() != null && entry.sourceConstraint().isBlank()
					|| entry.sourceConstraint() != null && entry.sourceConstraint().isURI())
							? this.shapesModel.wrapAsResource(entry.sourceConstraint()) : null;
			String english = message(messageSource, entry.source(), shape, "en");
			String chinese = message(messageSource, entry.source(), shape, "zh-TW");
			String severity = severity(entry.source(), shape);
			byStep.computeIfAbsent(step, (k) -> new ArrayList<>())
				.add(new CompletenessReport.Finding(severity, focus(entry.focusNode()),
						(entry.resultPath() != null) ? entry.resultPath().toString() : null,
						(english != null) ? english : entry.message(), (chinese != null) ? chinese : english));
		}
		List<CompletenessReport.Step> steps = new ArrayList<>();
		boolean complete = true;
		for (int i = 0; i < STEPS.length; i++) {
			List<CompletenessReport.Finding> findings = byStep.getOrDefault(i + 1, List.of());
			boolean stepComplete = findings.stream().noneMatch((f) -> f.severity().equals("violation"));
			complete &= stepComplete;
			steps.add(new CompletenessReport.Step(i + 1, STEPS[i][0], STEPS[i][1], stepComplete, findings));
		}
		return new CompletenessReport(complete, steps);
	}

	/** Checks the résumé of a model version, now or as of an instant. */
	public CompletenessReport check(String versionId, java.time.Instant asOf) {
		return check(this.reader.read(versionId, asOf));
	}

	/** The node shape a (possibly nested property) shape belongs to. */
	private Resource owningShape(Node source) {
		Resource shape = this.shapesModel.wrapAsResource(source);
		if (shape.hasProperty(this.shapesModel.createProperty(ResumeSchema.AIGOV + "step"))) {
			return shape;
		}
		List<Resource> parents = this.shapesModel
			.listResourcesWithProperty(this.shapesModel.createProperty(SHACL.property.getURI()), shape)
			.toList();
		return parents.isEmpty() ? shape : parents.get(0);
	}

	private int step(Resource shape) {
		Statement step = shape.getProperty(this.shapesModel.createProperty(ResumeSchema.AIGOV + "step"));
		return (step != null) ? step.getInt() : 0;
	}

	private String severity(Node source, Resource shape) {
		Resource own = this.shapesModel.wrapAsResource(source);
		Statement severity = own.getProperty(this.shapesModel.createProperty(SHACL.severity.getURI()));
		if (severity == null) {
			severity = shape.getProperty(this.shapesModel.createProperty(SHACL.severity.getURI()));
		}
		return (severity != null && severity.getObject().asNode().equals(SHACL.Warning)) ? "warning" : "violation";
	}

	private String message(Resource constraint, Node source, Resource shape, String language) {
		for (Resource candidate : new Resource[] { constraint, this.shapesModel.wrapAsResource(source), shape }) {
			if (candidate == null) {
				continue;
			}
			for (Statement statement : candidate.listProperties(this.shapesModel.createProperty(SHACL.message.getURI()))
				.toList()) {
				RDFNode object = statement.getObject();
				if (object.isLiteral() && language.equalsIgnoreCase(((Literal) object).getLanguage())) {
					return ((Literal) object).getString();
				}
			}
		}
		return null;
	}

	private static String focus(Node node) {
		if (node != null && node.isURI() && node.getURI().startsWith(EntityRef.BASE)) {
			try {
				return EntityRef.fromIri(node.getURI()).toString();
			}
			catch (IllegalArgumentException notAnEntity) {
				return node.getURI();
			}
		}
		return (node != null) ? node.toString() : null;
	}

}
