package dev.aigov.reports;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.aigov.reports.internal.Html;
import dev.aigov.reports.internal.LineageDiagram;
import dev.aigov.reports.internal.PdfRenderer;
import dev.aigov.reports.internal.Tree;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lineage diagram: drawn the same way every time, every stage in its column, long
 * columns cut with a count, and carried into the PDF as an image.
 */
class LineageDiagramTests {

	private static final String FOCUS = "model-version/chatbot-2";

	@Test
	void theSameLineageGivesTheSameBytesWhateverTheOrderOfItsNodes() throws Exception {
		PdfRenderer renderer = ReportFilesTests.renderer();
		Map<String, Object> lineage = lineage(3);
		LineageDiagram.Picture first = LineageDiagram.draw(lineage, FOCUS, renderer.labelFont());
		Map<String, Object> reversed = Tree.object("nodes", reversed(Tree.list(lineage, "nodes")), "edges",
				reversed(Tree.list(lineage, "edges")));
		LineageDiagram.Picture second = LineageDiagram.draw(reversed, FOCUS, renderer.labelFont());
		assertThat(second.png()).isEqualTo(first.png());
		assertThat(first.shown()).isEqualTo(15);
		assertThat(first.hidden()).isZero();

		BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.png()));
		assertThat(image.getWidth()).isEqualTo(first.width() * 3);
		assertThat(image.getHeight()).isEqualTo(first.height() * 3);
		assertThat(ReportFilesTests.darkPixels(image)).as("ink").isGreaterThan(5_000);
		Path out = Files.createDirectories(Path.of("target/lineage"));
		Files.write(out.resolve("lineage-small.png"), first.png());
	}

	@Test
	void aLongColumnShowsItsFirstEntitiesAndCountsTheRest() throws Exception {
		PdfRenderer renderer = ReportFilesTests.renderer();
		LineageDiagram.Picture picture = LineageDiagram.draw(lineage(100), FOCUS, renderer.labelFont());
		// 100 datasets with 2 base models, and 100 dataset versions: 15 boxes each and
		// one box counting the rest.
		assertThat(picture.hidden()).isEqualTo(87 + 85);
		assertThat(picture.shown()).isEqualTo(15 + 15 + 1 + 3 + 3);
		assertThat(picture.height()).as("fits a printed page").isLessThan(700);
		Files.write(Files.createDirectories(Path.of("target/lineage")).resolve("lineage-large.png"), picture.png());
	}

	@Test
	void nothingToDrawGivesNoPicture() {
		assertThat(LineageDiagram.draw(Tree.object("nodes", List.of(), "edges", List.of()), FOCUS,
				ReportFilesTests.renderer().labelFont()))
			.isNull();
	}

	@Test
	void thePdfCarriesTheDiagramAsAnImageOnAPageWithInk() throws Exception {
		PdfRenderer renderer = ReportFilesTests.renderer();
		LineageDiagram.Picture picture = LineageDiagram.draw(lineage(3), FOCUS, renderer.labelFont());
		String html = new Html("血緣").h3("Lineage · 血緣關係")
			.image(picture.png(), picture.width(), picture.height(), "Lineage diagram")
			.p("下表列出所有關係。")
			.finish();
		try (PDDocument document = Loader.loadPDF(renderer.render(html))) {
			PDPage page = document.getPage(0);
			List<PDImageXObject> images = new ArrayList<>();
			for (COSName name : page.getResources().getXObjectNames()) {
				if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
					images.add(image);
				}
			}
			assertThat(images).hasSize(1);
			assertThat(images.get(0).getWidth()).isEqualTo(picture.width() * 3);
			BufferedImage rendered = new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 72);
			// Boxes are tinted and lines grey: count every pixel that is not white.
			assertThat(inked(rendered)).as("pixels drawn on page 1").isGreaterThan(20_000);
		}
	}

	private static int inked(BufferedImage image) {
		int inked = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 245) {
					inked++;
				}
			}
		}
		return inked;
	}

	/**
	 * A chatbot version: {@code datasets} data sets with a version each, a base model
	 * derived from another, a training run over every dataset version, the model and its
	 * system, an evaluation, an approval and a deployment. Labels are partly zh-TW.
	 */
	static Map<String, Object> lineage(int datasets) {
		List<Object> nodes = new ArrayList<>();
		List<Object> edges = new ArrayList<>();
		for (int i = 0; i < datasets; i++) {
			nodes.add(node("dataset/faq-" + i, "dataset", "客服問答 FAQ " + i));
			nodes.add(node("dataset-version/faq-" + i + "-v1", "dataset-version", "1." + i));
			edges.add(edge("dataset-version/faq-" + i + "-v1", "dataset", "dataset/faq-" + i));
			edges.add(edge("training-run/ft-1", "datasets", "dataset-version/faq-" + i + "-v1"));
		}
		nodes.add(node("base-model/mistral-7b-instruct", "base-model", "Mistral 7B Instruct v0.3"));
		nodes.add(node("base-model/mistral-7b", "base-model", "Mistral 7B"));
		edges.add(edge("base-model/mistral-7b-instruct", "derivedFrom", "base-model/mistral-7b"));
		nodes.add(node("training-run/ft-1", "training-run", "fine-tuning 微調"));
		edges.add(edge("training-run/ft-1", "baseModels", "base-model/mistral-7b-instruct"));
		nodes.add(node("ai-system/support", "ai-system", "客服聊天機器人"));
		nodes.add(node("model/chatbot", "model", "Support chatbot"));
		nodes.add(node(FOCUS, "model-version", "2.0.0"));
		edges.add(edge("model/chatbot", "system", "ai-system/support"));
		edges.add(edge(FOCUS, "model", "model/chatbot"));
		edges.add(edge(FOCUS, "trainingRun", "training-run/ft-1"));
		nodes.add(node("evaluation/chatbot-2-groundedness", "evaluation", "groundedness"));
		nodes.add(node("approval/chatbot-2-approval", "approval", "approved 核准"));
		nodes.add(node("deployment/chatbot-2-prod", "deployment", "production"));
		for (String from : List.of("evaluation/chatbot-2-groundedness", "approval/chatbot-2-approval",
				"deployment/chatbot-2-prod")) {
			edges.add(edge(from, "modelVersion", FOCUS));
		}
		edges.add(edge("evaluation/chatbot-2-groundedness", "dataset", "dataset-version/faq-0-v1"));
		return Tree.object("nodes", nodes, "edges", edges);
	}

	private static Object node(String ref, String kind, String label) {
		return Tree.object("ref", ref, "kind", kind, "label", label);
	}

	private static Object edge(String from, String relation, String to) {
		return Tree.object("from", from, "relation", relation, "to", to);
	}

	private static List<Object> reversed(List<Map<String, Object>> list) {
		List<Object> copy = new ArrayList<>(list);
		java.util.Collections.reverse(copy);
		return copy;
	}

}
