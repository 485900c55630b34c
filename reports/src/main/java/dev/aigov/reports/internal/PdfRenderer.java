package dev.aigov.reports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders a report's XHTML to PDF with openhtmltopdf (PDFBox), embedding a subset of a
 * TrueType font that has the Traditional Chinese glyphs. The font file is read once and
 * kept in memory. Its parsed faces are pooled: a {@code PDType0Font} belongs to one
 * document, but the TrueType face under it does not (PDFBox leaves a face it was given
 * open), and parsing a collection again for every report cost about 0.2 s. Glyph
 * substitution (GSUB) is off: the reports need no ligatures, and PDFBox's Latin GSUB
 * worker took a fifth of the rendering time. See ADR 012 for the choice of font.
 */
public final class PdfRenderer {

	/** Where Debian packages put TrueType fonts with Traditional Chinese, best first. */
	public static final List<Path> DEBIAN_FONTS = List.of(Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
			Path.of("/usr/share/fonts/truetype/arphic/ukai.ttc"),
			Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
			Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"));

	/** Characters every usable font must have: the report's own zh-TW headings. */
	private static final String PROBE = "模型技術文件履歷稽核評估";

	private final Path fontFile;

	private final byte[] font;

	private final String faceName;

	private volatile java.awt.Font labelFont;

	/** Parsed faces not in use by a rendering; one per concurrent rendering at most. */
	private final java.util.concurrent.ConcurrentLinkedDeque<TrueTypeFont> faces = new java.util.concurrent.ConcurrentLinkedDeque<>();

	private PdfRenderer(Path fontFile, byte[] font, String faceName) {
		this.fontFile = fontFile;
		this.font = font;
		this.faceName = faceName;
	}

	/**
	 * A renderer with the configured font, or the first Debian font found.
	 * @param configured a TrueType font or collection ({@code .ttf}, {@code .ttc}), or
	 * {@code null} to look for a Debian one
	 * @return the renderer
	 * @throws IllegalStateException when no usable font is found, naming the package to
	 * install
	 */
	public static PdfRenderer withFont(Path configured) {
		List<Path> candidates = (configured != null) ? List.of(configured) : DEBIAN_FONTS;
		List<String> problems = new ArrayList<>();
		for (Path candidate : candidates) {
			if (!Files.isReadable(candidate)) {
				problems.add(candidate + ": not found");
				continue;
			}
			try {
				byte[] bytes = Files.readAllBytes(candidate);
				String face = chooseFace(bytes);
				return new PdfRenderer(candidate, bytes, face);
			}
			catch (IOException | IllegalStateException ex) {
				problems.add(candidate + ": " + ex.getMessage());
			}
		}
		throw new IllegalStateException("No TrueType font with Traditional Chinese glyphs for PDF reports ("
				+ String.join("; ", problems) + "). Install the Debian package fonts-arphic-uming "
				+ "(apt-get install fonts-arphic-uming) or set aigov.reports.cjk-font to a .ttf/.ttc file.");
	}

	/** The font file in use. */
	public Path fontFile() {
		return this.fontFile;
	}

	/** The face of the font file in use, e.g. {@code AR PL UMing TW}. */
	public String faceName() {
		return this.faceName;
	}

	/**
	 * The same face for drawing (the lineage diagram), so that pictures show Traditional
	 * Chinese exactly as the text does. Created once.
	 * @throws IllegalStateException when Java2D cannot read the font file
	 */
	public java.awt.Font labelFont() {
		java.awt.Font font = this.labelFont;
		if (font == null) {
			try {
				java.awt.Font[] faces = java.awt.Font.createFonts(new java.io.ByteArrayInputStream(this.font));
				String wanted = this.faceName.replace(" ", "").toLowerCase(Locale.ROOT);
				font = java.util.Arrays.stream(faces)
					.filter((f) -> f.getPSName().replace(" ", "").toLowerCase(Locale.ROOT).equals(wanted)
							|| f.getFontName(Locale.ROOT).replace(" ", "").toLowerCase(Locale.ROOT).equals(wanted))
					.findFirst()
					.orElse(faces[0]);
				this.labelFont = font;
			}
			catch (IOException | java.awt.FontFormatException ex) {
				throw new IllegalStateException("Java2D cannot read the font " + this.fontFile + ": " + ex.getMessage(),
						ex);
			}
		}
		return font;
	}

	/**
	 * Renders XHTML to PDF.
	 * @param xhtml a well-formed XHTML document using {@link Html#CJK_FAMILY}
	 * @return the PDF's bytes
	 */
	public byte[] render(String xhtml) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
		TrueTypeFont face = this.faces.pollFirst();
		boolean reusable = false;
		try (PDDocument document = new PDDocument()) {
			if (face == null) {
				face = face(this.font, this.faceName);
				face.setEnableGsub(false);
			}
			PDType0Font pdfFont = PDType0Font.load(document, face, true);
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.usePDDocument(document);
			builder.useFont(new PDFontSupplier(pdfFont), Html.CJK_FAMILY);
			builder.withHtmlContent(xhtml, null);
			builder.toStream(out);
			builder.run();
			reusable = true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot render the report to PDF", ex);
		}
		finally {
			release(face, reusable);
		}
		return out.toByteArray();
	}

	/** Puts a face back in the pool, or closes it after a failed rendering. */
	private void release(TrueTypeFont face, boolean reusable) {
		if (face == null) {
			return;
		}
		if (reusable) {
			this.faces.offerFirst(face);
			return;
		}
		try {
			face.close();
		}
		catch (IOException ex) {
			// nothing more to release
		}
	}

	/**
	 * The face to use: one for Taiwan if the collection has one, else the first usable.
	 */
	private static String chooseFace(byte[] bytes) throws IOException {
		if (!isCollection(bytes)) {
			try (TrueTypeFont font = new org.apache.fontbox.ttf.TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
				check(font);
				return font.getName();
			}
		}
		List<String> usable = new ArrayList<>();
		try (TrueTypeCollection collection = new TrueTypeCollection(new java.io.ByteArrayInputStream(bytes))) {
			collection.processAllFonts((font) -> {
				try {
					check(font);
					usable.add(font.getName());
				}
				catch (IllegalStateException notUsable) {
					// another face of the collection may do
				}
			});
		}
		return usable.stream()
			.filter((name) -> name.toUpperCase(Locale.ROOT).contains("TW"))
			.findFirst()
			.or(() -> usable.stream().findFirst())
			.orElseThrow(() -> new IllegalStateException("no face with Traditional Chinese glyphs"));
	}

	private static void check(TrueTypeFont font) {
		try {
			var cmap = font.getUnicodeCmapLookup();
			for (int i = 0; i < PROBE.length(); i++) {
				if (cmap.getGlyphId(PROBE.charAt(i)) == 0) {
					throw new IllegalStateException("no glyph for '" + PROBE.charAt(i) + "' in " + font.getName());
				}
			}
			if (!font.getTableMap().containsKey("glyf")) {
				throw new IllegalStateException(font.getName() + " has CFF outlines, which PDFBox cannot embed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("unreadable font: " + ex.getMessage(), ex);
		}
	}

	private static TrueTypeFont face(byte[] bytes, String name) throws IOException {
		if (!isCollection(bytes)) {
			return new org.apache.fontbox.ttf.TTFParser().parse(new RandomAccessReadBuffer(bytes));
		}
		// The collection stays open as long as the face is used; closing the face closes
		// the shared buffer.
		TrueTypeCollection collection = new TrueTypeCollection(new java.io.ByteArrayInputStream(bytes));
		TrueTypeFont face = collection.getFontByName(name);
		if (face == null) {
			collection.close();
			throw new IOException("the face '" + name + "' is gone from the font collection");
		}
		return face;
	}

	private static boolean isCollection(byte[] bytes) {
		return bytes.length > 4 && bytes[0] == 't' && bytes[1] == 't' && bytes[2] == 'c' && bytes[3] == 'f';
	}

}
