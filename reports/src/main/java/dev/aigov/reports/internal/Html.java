package dev.aigov.reports.internal;

import java.util.List;

/**
 * A small XHTML writer: every piece of text goes through {@link #escape}, so content from
 * the résumé (names, descriptions, justifications) can never become markup. The output is
 * well-formed XHTML, which the PDF renderer needs, and plain HTML to a browser.
 */
public final class Html {

	/** The font family the PDF renderer registers for Traditional Chinese. */
	public static final String CJK_FAMILY = "aigov-cjk";

	private static final String STYLE = """
			@page { size: A4; margin: 18mm 15mm 18mm 15mm;
			  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
			body { font-family: '%s', 'Noto Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif;
			  font-size: 9.5pt; color: #1a1a1a; line-height: 1.4; }
			h1 { font-size: 18pt; margin: 0 0 4pt 0; }
			h2 { font-size: 13pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #888; page-break-after: avoid; }
			h3 { font-size: 10.5pt; margin: 10pt 0 3pt 0; page-break-after: avoid; }
			table { border-collapse: collapse; width: 100%%; margin: 4pt 0 8pt 0; -fs-table-paginate: paginate; }
			th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top;
			  word-wrap: break-word; }
			th { background: #eee; }
			tr { page-break-inside: avoid; }
			table.fields { table-layout: fixed; }
			.notice { border: 1px solid #b00; background: #fee; padding: 4pt; margin: 4pt 0; }
			.ok { color: #060; } .bad { color: #b00; font-weight: bold; } .muted { color: #555; }
			""".formatted(CJK_FAMILY);

	private final StringBuilder out = new StringBuilder(64 * 1024);

	/** Starts a document with its title. */
	public Html(String title) {
		this.out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-Hant-TW\">\n<head>\n")
			.append("<meta charset=\"UTF-8\" />\n<title>")
			.append(escape(title))
			.append("</title>\n<style>\n")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n");
	}

	public Html h1(String text) {
		return element("h1", text);
	}

	/** A section heading in English and Traditional Chinese. */
	public Html h2(String english, String chinese) {
		return element("h2", english + " · " + chinese);
	}

	public Html h3(String english, String chinese) {
		return element("h3", english + " · " + chinese);
	}

	public Html h3(String text) {
		return element("h3", text);
	}

	public Html p(String text) {
		return element("p", text);
	}

	public Html muted(String text) {
		this.out.append("<p class=\"muted\">").append(escape(text)).append("</p>\n");
		return this;
	}

	/** A boxed notice, e.g. that a data source is not available. */
	public Html notice(String text) {
		this.out.append("<div class=\"notice\">").append(escape(text)).append("</div>\n");
		return this;
	}

	/** A two-column table of labels and values. */
	public Html fields(List<String[]> rows) {
		if (rows.isEmpty()) {
			return this;
		}
		// A fixed layout: the renderer need not measure every cell to size two columns.
		this.out.append("<table class=\"fields\">\n");
		for (String[] row : rows) {
			this.out.append("<tr><th style=\"width: 30%\">")
				.append(escape(row[0]))
				.append("</th><td>")
				.append(escape(row[1]))
				.append("</td></tr>\n");
		}
		this.out.append("</table>\n");
		return this;
	}

	/** A table with a header row; cells starting with "!" are marked as a problem. */
	public Html table(List<String> headers, List<List<String>> rows) {
		this.out.append("<table>\n<thead><tr>");
		for (String header : headers) {
			this.out.append("<th>").append(escape(header)).append("</th>");
		}
		this.out.append("</tr></thead>\n<tbody>\n");
		for (List<String> row : rows) {
			this.out.append("<tr>");
			for (String cell : row) {
				String text = (cell != null) ? cell : "";
				if (text.startsWith("!")) {
					this.out.append("<td class=\"bad\">").append(escape(text.substring(1))).append("</td>");
				}
				else {
					this.out.append("<td>").append(escape(text)).append("</td>");
				}
			}
			this.out.append("</tr>\n");
		}
		this.out.append("</tbody>\n</table>\n");
		return this;
	}

	/**
	 * A PNG image inline (a data URI, so the HTML stands alone and the PDF renderer needs
	 * no resolver), kept on one page, with a text alternative.
	 */
	public Html image(byte[] png, int width, int height, String alt) {
		this.out
			.append("<div style=\"page-break-inside: avoid; margin: 4pt 0 8pt 0;\"><img src=\"data:image/png;base64,")
			.append(java.util.Base64.getEncoder().encodeToString(png))
			.append("\" style=\"width: ")
			.append(width)
			.append("px; height: ")
			.append(height)
			.append("px;\" alt=\"")
			.append(escape(alt))
			.append("\" /></div>\n");
		return this;
	}

	private Html element(String name, String text) {
		this.out.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
		return this;
	}

	/** Ends the document. */
	public String finish() {
		return this.out.append("</body>\n</html>\n").toString();
	}

	/**
	 * Escapes text for XHTML content and attributes, dropping characters XML cannot carry
	 * (control characters other than tab and line breaks).
	 */
	public static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> {
					if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
						if (c != 0xFFFE && c != 0xFFFF) {
							escaped.append(c);
						}
					}
				}
			}
		}
		return escaped.toString();
	}

}
