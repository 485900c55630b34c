package dev.aigov.reports;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aigov.reports.internal.Html;
import dev.aigov.reports.internal.OperationsReport;
import dev.aigov.reports.internal.PdfRenderer;
import dev.aigov.reports.internal.ReportStore;
import dev.aigov.signing.JsfAlgorithm;
import dev.aigov.signing.JsfSigner;
import dev.aigov.signing.JsfVerifier;
import dev.aigov.signing.JsonCanonicalizer;
import dev.aigov.signing.VerificationKeys;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renderings and the signed manifest, without Spring: escaping, Traditional Chinese
 * in the PDF, tamper detection.
 */
class ReportFilesTests {

	@Test
	void userContentNeverBecomesMarkup() {
		String html = new Html("<b>title</b>").p("<script>alert('x')</script> & \"q\"").finish();
		assertThat(html).doesNotContain("<script>").doesNotContain("<b>title");
		assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
	}

	@Test
	void thePdfCarriesTraditionalChineseAsTextAndInk() throws Exception {
		PdfRenderer renderer = renderer();
		String html = new Html("測試").h1("Model dossier · 模型技術文件")
			.p("公平性評估：偽陽性率 0.4235")
			.table(List.of("Group · 群組", "Value"), List.of(List.of("African-American", "0.4235")))
			.finish();
		byte[] pdf = renderer.render(html);
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("模型技術文件").contains("公平性評估").contains("African-American").contains("0.4235");
			BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 50);
			assertThat(darkPixels(page)).as("ink on page 1").isGreaterThan(200);
		}
	}

	@Test
	void theManifestIsSignedAndPinsEveryFile(@TempDir Path dir) throws Exception {
		var keyPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		JsfSigner signer = JsfSigner.of(JsfAlgorithm.ED25519, keyPair, "test-key");
		JsfVerifier verifier = JsfVerifier.withKeys(VerificationKeys.of("test-key", keyPair.getPublic()));
		ReportStore store = new ReportStore(dir);
		Map<String, ReportStore.Content> files = ReportStore.files();
		files.put("report.json",
				new ReportStore.Content("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
		files.put("report.html", new ReportStore.Content("text/html", "<p>報告</p>".getBytes(StandardCharsets.UTF_8)));
		StoredReport stored = store.write(new StoredReport("operations-20260101-000000-00aa11bb", ReportType.OPERATIONS,
				"2026-01", "Operations", Instant.parse("2026-01-01T00:00:00Z"), "officer", null, List.of()), files,
				signer);

		assertThat(stored.files()).extracting(ReportFile::name).containsExactly("report.json", "report.html");
		assertThat(store.list()).extracting(StoredReport::id).containsExactly(stored.id());
		Path report = dir.resolve(stored.id());
		ManifestVerification intact = ReportManifests.verify(report, verifier);
		assertThat(intact.valid()).as(intact.toString()).isTrue();
		assertThat(intact.keyId()).isEqualTo("test-key");

		// Another key is not trusted.
		var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		assertThat(
				ReportManifests.verify(report, JsfVerifier.withKeys(VerificationKeys.of("test-key", other.getPublic())))
					.valid())
			.isFalse();

		// A changed file is found, and never handed out.
		Files.writeString(report.resolve("report.html"), "<p>改過</p>");
		ManifestVerification tampered = ReportManifests.verify(report, verifier);
		assertThat(tampered.valid()).isFalse();
		assertThat(tampered.files()).filteredOn((check) -> !check.intact())
			.extracting(ManifestVerification.FileCheck::name)
			.containsExactly("report.html");
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> store.content(stored.id(), "report.html"))
			.withMessageContaining("does not match");

		// A changed manifest no longer verifies.
		String manifest = Files.readString(report.resolve(ReportManifests.MANIFEST));
		Files.writeString(report.resolve(ReportManifests.MANIFEST), manifest.replace("officer", "someone"));
		assertThat(ReportManifests.verify(report, verifier).signatureValid()).isFalse();
	}

	@Test
	void manifestFileNamesCannotLeaveTheReport() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReportFile("../keys/signing.p12", "x", 1, "0".repeat(64)));
	}

	@Test
	void withoutAnOperationsSourceTheReportSaysSoAndCarriesNoFigures() {
		OperationsScope scope = new OperationsScope(Instant.parse("2026-10-01T00:00:00Z"),
				Instant.parse("2026-11-01T00:00:00Z"), null, null);
		Map<String, Object> content = OperationsReport.assemble(scope, null, List.of());
		String json = new String(JsonCanonicalizer.canonicalizeTree(content), StandardCharsets.UTF_8);
		assertThat(json).contains("\"available\":false").doesNotContain("\"calls\"");
		assertThat(OperationsReport.html(content, "r")).contains("Data source not available");
		assertThat(JsonCanonicalizer.canonicalizeTree(OperationsReport.assemble(scope, null, List.of())))
			.isEqualTo(json.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void badPeriodsAreRefused() {
		Instant now = Instant.parse("2026-11-01T00:00:00Z");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new OperationsScope(now, now, null, null))
			.withMessageContaining("before");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new OperationsScope(now, now.plusSeconds(1), "<app>", null))
			.withMessageContaining("application");
	}

	static PdfRenderer renderer() {
		try {
			return PdfRenderer.withFont(null);
		}
		catch (IllegalStateException ex) {
			throw new AssertionError("These tests need a CJK TrueType font: apt-get install fonts-arphic-uming ("
					+ ex.getMessage() + ")", ex);
		}
	}

	static int darkPixels(BufferedImage image) {
		int dark = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				int luminance = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
				if (luminance < 300) {
					dark++;
				}
			}
		}
		return dark;
	}

}
