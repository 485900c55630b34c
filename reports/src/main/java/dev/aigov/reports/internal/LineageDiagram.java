package dev.aigov.reports.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * The lineage of a model version drawn as a picture for the dossier: one column per stage
 * of the résumé, left to right (data and base models, dataset versions, training, the
 * model, then evaluations, approvals, deployments, incidents and SBOMs), with an arrow
 * for every reference, pointing from an entity to what it was made from or is about, as
 * PROV-O does. The layout is our own and deterministic: columns by kind, rows sorted by
 * kind, label and id, so the same lineage gives the same pixels with the same font. A
 * column with more than {@link #MAX_ROWS} entities shows the first ones and one box
 * counting the rest (the edge table beside the diagram lists every edge). Drawn with
 * Java2D in the report's own CJK font at print resolution; the PNG goes into the HTML
 * and, through it, into the PDF.
 */
public final class LineageDiagram {

	/** Most boxes in one column; more would not fit a printed page. */
	static final int MAX_ROWS = 16;

	/** Logical width in CSS pixels: the printable width of an A4 page. */
	static final int WIDTH = 680;

	/** Image pixels per CSS pixel (about 290 dpi in print). */
	static final int SCALE = 3;

	private static final int MARGIN = 6;

	private static final int GAP = 26;

	private static final int HEADER = 26;

	private static final int BOX_HEIGHT = 30;

	private static final int ROW = 38;

	/** Column titles (English · zh-TW) and the kinds each column holds, in order. */
	private static final List<Column> COLUMNS = List.of(
			new Column("Base models, data", "基礎模型與資料", List.of("base-model", "dataset")),
			new Column("Dataset versions", "資料集版本", List.of("dataset-version")),
			new Column("Training", "訓練", List.of("training-run")),
			new Column("Model", "模型", List.of("ai-system", "model", "model-version")), new Column("Evaluation and use",
					"評估與使用", List.of("evaluation", "approval", "deployment", "incident", "sbom")));

	private static final Map<String, Color> FILL = Map.ofEntries(Map.entry("dataset", new Color(0xE3F0FB)),
			Map.entry("dataset-version", new Color(0xE3F0FB)), Map.entry("base-model", new Color(0xEDE4F7)),
			Map.entry("training-run", new Color(0xFFF1D6)), Map.entry("ai-system", new Color(0xEEEEEE)),
			Map.entry("model", new Color(0xEEEEEE)), Map.entry("model-version", new Color(0xFFFFFF)),
			Map.entry("evaluation", new Color(0xE2F4E4)), Map.entry("approval", new Color(0xE2F4E4)),
			Map.entry("deployment", new Color(0xDDF3F1)), Map.entry("incident", new Color(0xFBE3E3)),
			Map.entry("sbom", new Color(0xF2F2F2)));

	private static final Color INK = new Color(0x1A1A1A);

	private static final Color MUTED = new Color(0x555555);

	private static final Color LINE = new Color(0x7A8793);

	private LineageDiagram() {
	}

	/**
	 * A drawn diagram.
	 *
	 * @param png the image
	 * @param width its width in CSS pixels
	 * @param height its height in CSS pixels
	 * @param shown how many entities have a box of their own
	 * @param hidden how many are only counted
	 */
	public record Picture(byte[] png, int width, int height, int shown, int hidden) {
	}

	/**
	 * Draws the lineage held by a dossier's content ({@code lineage.nodes} with
	 * {@code ref}, {@code kind} and {@code label}; {@code lineage.edges} with
	 * {@code from}, {@code relation} and {@code to}).
	 * @param lineage the dossier's {@code lineage} object
	 * @param focus the ref of the model version the dossier is about (drawn bold)
	 * @param font the font for labels (must have the Traditional Chinese glyphs)
	 * @return the picture, or {@code null} when there is no node to draw
	 */
	public static Picture draw(Map<String, Object> lineage, String focus, Font font) {
		List<Node> nodes = new ArrayList<>();
		for (Map<String, Object> node : Tree.list(lineage, "nodes")) {
			nodes.add(new Node(Tree.text(node, "ref"), Tree.text(node, "kind"), Tree.text(node, "label")));
		}
		if (nodes.isEmpty()) {
			return null;
		}
		Layout layout = layout(nodes, focus);
		// Sorted: where lines cross, the order they are drawn in shows in the pixels.
		Set<List<String>> edges = new java.util.TreeSet<>(
				Comparator.comparing((List<String> e) -> e.get(0)).thenComparing((e) -> e.get(1)));
		for (Map<String, Object> edge : Tree.list(lineage, "edges")) {
			String from = layout.boxOf.get(Tree.text(edge, "from"));
			String to = layout.boxOf.get(Tree.text(edge, "to"));
			if (from != null && to != null && !from.equals(to)) {
				edges.add(List.of(from, to));
			}
		}
		int rows = layout.columns.stream().mapToInt(List::size).max().orElse(1);
		int height = HEADER + rows * ROW + MARGIN;
		return new Picture(render(layout, edges, height, focus, font), WIDTH, height, layout.shown, layout.hidden);
	}

	private static Layout layout(List<Node> nodes, String focus) {
		Comparator<Node> order = Comparator.comparingInt(LineageDiagram::kindOrder)
			.thenComparing((Node n) -> !n.ref().equals(focus))
			.thenComparing(Node::label)
			.thenComparing(Node::ref);
		List<List<Box>> columns = new ArrayList<>();
		Map<String, String> boxOf = new LinkedHashMap<>();
		int shown = 0;
		int hidden = 0;
		for (int c = 0; c < COLUMNS.size(); c++) {
			int index = c;
			List<Node> members = nodes.stream().filter((n) -> columnOf(n.kind()) == index).sorted(order).toList();
			List<Box> boxes = new ArrayList<>();
			for (int i = 0; i < members.size(); i++) {
				Node node = members.get(i);
				if (members.size() > MAX_ROWS && i >= MAX_ROWS - 1) {
					String more = "more:" + c;
					if (boxes.size() < MAX_ROWS) {
						int rest = members.size() - (MAX_ROWS - 1);
						boxes.add(new Box(more, "", "+ " + rest + " more · 另 " + rest + " 項"));
					}
					boxOf.put(node.ref(), more);
					hidden++;
					continue;
				}
				boxes.add(new Box(node.ref(), node.ref().replace("/", " · "), node.label()));
				boxOf.put(node.ref(), node.ref());
				shown++;
			}
			columns.add(boxes);
		}
		return new Layout(columns, boxOf, shown, hidden);
	}

	private static int columnOf(String kind) {
		for (int c = 0; c < COLUMNS.size(); c++) {
			if (COLUMNS.get(c).kinds().contains(kind)) {
				return c;
			}
		}
		return COLUMNS.size() - 1;
	}

	private static int kindOrder(Node node) {
		int column = columnOf(node.kind());
		int inColumn = COLUMNS.get(column).kinds().indexOf(node.kind());
		return column * 100 + ((inColumn < 0) ? 99 : inColumn);
	}

	private static byte[] render(Layout layout, Set<List<String>> edges, int height, String focus, Font font) {
		BufferedImage image = new BufferedImage(WIDTH * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
			g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, image.getWidth(), image.getHeight());
			g.scale(SCALE, SCALE);
			double columnWidth = (WIDTH - 2.0 * MARGIN - (COLUMNS.size() - 1) * GAP) / COLUMNS.size();
			Map<String, double[]> places = new LinkedHashMap<>();
			int rows = layout.columns.stream().mapToInt(List::size).max().orElse(1);
			for (int c = 0; c < COLUMNS.size(); c++) {
				double x = MARGIN + c * (columnWidth + GAP);
				List<Box> boxes = layout.columns.get(c);
				double top = HEADER + (rows - boxes.size()) * ROW / 2.0;
				for (int r = 0; r < boxes.size(); r++) {
					places.put(boxes.get(r).id(), new double[] { x, top + r * ROW + (ROW - BOX_HEIGHT) / 2.0 });
				}
				g.setFont(font.deriveFont(Font.BOLD, 8.5f));
				g.setColor(MUTED);
				Column column = COLUMNS.get(c);
				drawFitted(g, column.en(), x, 10, columnWidth);
				drawFitted(g, column.zhTw(), x, 21, columnWidth);
			}
			g.setStroke(new BasicStroke(0.8f));
			g.setColor(LINE);
			for (List<String> edge : edges) {
				arrow(g, places.get(edge.get(0)), places.get(edge.get(1)), columnWidth);
			}
			for (List<Box> boxes : layout.columns) {
				for (Box box : boxes) {
					double[] at = places.get(box.id());
					boolean focused = box.id().equals(focus);
					RoundRectangle2D shape = new RoundRectangle2D.Double(at[0], at[1], columnWidth, BOX_HEIGHT, 6, 6);
					g.setColor(FILL.getOrDefault(box.kind(), Color.WHITE));
					g.fill(shape);
					g.setColor(focused ? INK : LINE);
					g.setStroke(new BasicStroke(focused ? 2f : 0.8f));
					g.draw(shape);
					g.setColor(MUTED);
					g.setFont(font.deriveFont(Font.PLAIN, 7f));
					drawFitted(g, box.caption(), at[0] + 4, at[1] + 10, columnWidth - 8);
					g.setColor(INK);
					g.setFont(font.deriveFont(focused ? Font.BOLD : Font.PLAIN, 9f));
					drawFitted(g, box.label(), at[0] + 4, at[1] + 23, columnWidth - 8);
				}
			}
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot encode the lineage diagram", ex);
		}
		return out.toByteArray();
	}

	/**
	 * An arrow from one box to another: out of the side facing the target, a smooth
	 * curve, an arrowhead at the target. Boxes in the same column are joined on their
	 * right.
	 */
	private static void arrow(Graphics2D g, double[] from, double[] to, double width) {
		double fromY = from[1] + BOX_HEIGHT / 2.0;
		double toY = to[1] + BOX_HEIGHT / 2.0;
		double startX;
		double endX;
		double bend;
		if (Math.abs(from[0] - to[0]) < 1) {
			startX = from[0] + width;
			endX = to[0] + width;
			bend = GAP * 0.8;
		}
		else if (from[0] > to[0]) {
			startX = from[0];
			endX = to[0] + width;
			bend = -(startX - endX) / 2;
		}
		else {
			startX = from[0] + width;
			endX = to[0];
			bend = (endX - startX) / 2;
		}
		double direction = Math.signum(bend);
		Path2D curve = new Path2D.Double();
		curve.moveTo(startX, fromY);
		if (Math.abs(from[0] - to[0]) < 1) {
			curve.curveTo(startX + bend, fromY, endX + bend, toY, endX, toY);
			direction = -1;
		}
		else {
			curve.curveTo(startX + bend, fromY, endX - bend, toY, endX, toY);
		}
		g.draw(curve);
		double size = 4;
		Path2D head = new Path2D.Double();
		head.moveTo(endX, toY);
		head.lineTo(endX - direction * size, toY - size / 2);
		head.lineTo(endX - direction * size, toY + size / 2);
		head.closePath();
		g.fill(head);
	}

	/** Draws text, cut with an ellipsis where it is wider than the room. */
	private static void drawFitted(Graphics2D g, String text, double x, double baseline, double room) {
		FontMetrics metrics = g.getFontMetrics();
		String shown = text;
		if (metrics.stringWidth(shown) > room) {
			int end = shown.length();
			while (end > 0 && metrics.stringWidth(shown.substring(0, end) + "…") > room) {
				end--;
			}
			if (end > 0 && Character.isHighSurrogate(shown.charAt(end - 1))) {
				end--;
			}
			shown = shown.substring(0, end) + "…";
		}
		g.drawString(shown, (float) x, (float) baseline);
	}

	private record Column(String en, String zhTw, List<String> kinds) {
	}

	private record Node(String ref, String kind, String label) {
	}

	/** A box: the node's ref (or a column's count), its caption and label. */
	private record Box(String id, String caption, String label) {

		String kind() {
			int slash = this.id.indexOf('/');
			return (slash < 0) ? "" : this.id.substring(0, slash);
		}

	}

	private record Layout(List<List<Box>> columns, Map<String, String> boxOf, int shown, int hidden) {
	}

}
