package dev.lector.render;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The invisible text of one page as PDF content: one {@code BT ... ET} text object per line in
 * reading order, rendering mode 3 (neither filled nor stroked). The text matrix runs along the
 * line's own baseline (its quad's bottom edge, so rotated and skewed lines follow their
 * direction), and each piece of the line ({@link LinePieces}) starts at its box with horizontal
 * scaling ({@code Tz}) that makes it exactly as long as its box; where the line's text has a
 * space, a space character scaled to fill the gap to the next word, so that extractors see word
 * breaks; pieces not separated by a space (CJK characters) abut.
 *
 * <p>So that poppler's {@code pdftotext} in its default mode (which orders text by its own layout
 * analysis, not by the content) reads the Document's order:
 * <ul>
 * <li>Font sizes by block: poppler stacks lines into one block only when their font sizes agree
 *     within 5% and their baselines lie within 1.5 font sizes, and starts a new line beyond half a
 *     font size. A block of the Document is set at a size from its row pitch ({@link
 *     #ROW_PITCH_IN_SIZES}; a one-row block at {@link #SIZE_IN_MEDIAN_HEIGHTS} median line heights
 *     of the page), every other block {@link #ALTERNATE_BLOCK_SIZE} times larger so that
 *     neighbouring blocks stay apart. Each line's box height comes from a font {@linkplain
 *     TextLayerFont.Variant variant} whose ascent and descent span exactly its box, so word boxes
 *     stay where the words are printed whatever the size.</li>
 * <li>Lines within {@link #SNAP_SINE} of a page axis (skewed scans) are written along the axis,
 *     each piece with its own upright box and all on one baseline: poppler cuts a word wherever
 *     the baseline moves 0.5 pt.</li>
 * <li>The variants also let a baseline sit anywhere inside its box: a line that continues the
 *     visual row of the line before it gets its baseline {@value #ROW_STEP} pt below that line's,
 *     so where poppler splits a row into lines and orders them by baseline, the row still reads in
 *     the Document's order.</li>
 * <li>Gaps wider than {@link #FILL_IN_SIZES} font sizes inside a row (between its words, or
 *     between the lines of one block that make one row: {@code Doc No CS00031663 ... Date
 *     25/12/2018}) hold a gap filler, a glyph that reads as two spaces, between two word breaks:
 *     poppler takes a lone space for a break, not a glyph, so without it a wide gap cuts the row
 *     into columns that it reads one after the other. The text read out is the same but for the
 *     extra space; {@code pdftotext -bbox} lists the filler as a blank word over the gap.</li>
 * </ul>
 */
final class TextLayer {
    /** The layer's font size, in median line heights of the page. */
    static final double SIZE_IN_MEDIAN_HEIGHTS = 1.0;
    /**
     * Gaps wider than this many font sizes between the parts of a row get the gap filler: poppler
     * pulls a word into a block beside it only within 0.7 font sizes ({@code minColSpacing1}), or
     * 1.0 for a few outlying words ({@code minColSpacing2}); 0.7 and 1.0 measured the same on the
     * dev sets, and the larger adds fewer fillers.
     */
    static final double FILL_IN_SIZES = 1.0;
    /** Where a line's baseline lies unless its row asks otherwise: this fraction of its height above its bottom edge. */
    static final double BASELINE = 0.2;
    /** How far (pt) a line's baseline lies below the lowest baseline of the line before it on the same row. */
    static final double ROW_STEP = 0.01;
    /** Readers ignore ascents of 3 em or more: a line taller than this many font sizes gets a larger size of its own. */
    static final double MAX_HEIGHT_IN_SIZES = 2.5;
    /**
     * Lines within this sine (about 6 degrees) of a page axis are written along it: poppler starts
     * a new word wherever a glyph's baseline is 0.5 pt off the word's, so a slanted baseline cuts
     * a skewed line into pieces that it reads as separate lines, right end first where the line
     * rises. Each piece then gets its own upright box, all on one baseline.
     */
    static final double SNAP_SINE = 0.1;
    /**
     * A block of several rows is set at its median row pitch (baseline to baseline) divided by
     * this, within 1 to 2 times the page's size: poppler stacks a line onto a block within 1.5 font
     * sizes of its baseline (here 1.2 pitches, so a block's rows stay one block, a column one
     * column) and starts a new line beyond 0.5 font sizes (0.4 pitches, so rows stay apart).
     */
    static final double ROW_PITCH_IN_SIZES = 1.25;
    /**
     * Every other block's size is this much larger: poppler joins lines whose sizes differ by over
     * 5% only when they overlap, and words beside a block only within 20%, so neighbouring blocks
     * (two columns, a heading over text) stay apart as the Document has them.
     */
    static final double ALTERNATE_BLOCK_SIZE = 1.25;

    private TextLayer() {}

    /**
     * A line mapped to user space: its pieces, where each starts and ends along the baseline
     * direction {@code (dx, dy)} from {@code bottomLeft}, and how far its box reaches below
     * ({@code lo}) and above ({@code hi}) that origin across the baseline; {@code height} is the
     * line's own height.
     */
    private record Placed(int index, List<LinePieces.Piece> pieces, double[] bottomLeft, double dx, double dy, double height,
                          double[] starts, double[] ends, double[] lo, double[] hi, double[] ownDirection) {
        double nx() {
            return -dy; // a quarter turn anticlockwise in user space (y up): towards the top of the text
        }

        double ny() {
            return dx;
        }
    }

    /**
     * @param page     the page read, in pixels of its image
     * @param toUser   from those pixels to the PDF page's user space
     * @param font     the document's text-layer font
     * @param fontName the name in the page's resources of a font variant (which the caller registers there)
     */
    static byte[] content(Page page, AffineTransform toUser, TextLayerFont font, Function<TextLayerFont.Variant, String> fontName) {
        List<Placed> placed = new ArrayList<>(page.lines().size());
        for (int i = 0; i < page.lines().size(); i++) {
            Placed p = place(i, page.lines().get(i), toUser);
            if (p != null) placed.add(p);
        }
        int[] blockOf = new int[page.lines().size()];
        for (int b = 0; b < page.blocks().size(); b++) for (int i : page.blocks().get(b).lines()) blockOf[i] = b;
        if (placed.isEmpty()) return new byte[0];
        StringBuilder sb = new StringBuilder(256 + placed.size() * 200);
        double[] heights = placed.stream().mapToDouble(Placed::height).toArray();
        Arrays.sort(heights);
        double size = SIZE_IN_MEDIAN_HEIGHTS * heights[heights.length / 2];
        double[] sizes = blockSizes(placed, blockOf, page.blocks().size(), size);
        double pixel = Math.sqrt(Math.abs(toUser.getDeterminant())); // one image pixel in points
        Placed previous = null;
        double[][] previousBases = null;
        for (int j = 0; j < placed.size(); j++) {
            Placed p = placed.get(j);
            int block = blockOf[p.index()];
            double blockSize = block % 2 == 1 ? sizes[block] * ALTERNATE_BLOCK_SIZE : sizes[block];
            double lineSize = Math.max(blockSize, p.height() / MAX_HEIGHT_IN_SIZES);
            // ascent and descent in steps that keep the boxes within a pixel of the words' (few variants)
            int quantum = (int) Math.max(1, Math.floor(2000 * pixel / lineSize));
            double unit = lineSize / 1000; // one font unit in points
            double low = Arrays.stream(p.lo()).max().orElseThrow(), high = Arrays.stream(p.hi()).min().orElseThrow();
            double margin = unit; // a baseline at least one font unit inside the boxes
            // one baseline for the whole line, inside every piece's box where they overlap; where the
            // line starts a row, inside every box of the row where they all overlap (a rising row)
            double[] row = previous != null && !Double.isNaN(rowContinues(previous, p)) ? null : rowSpan(placed, j, blockOf);
            if (row != null && row[1] - row[0] > 2 * margin + row[2] * ROW_STEP) {
                low = Math.max(low, row[0]);
                high = Math.min(high, row[1]);
            }
            double base = high - low > 2 * margin ? low + BASELINE * (high - low) : (low + high) / 2;
            if (previous != null && previous.dx() * p.dx() + previous.dy() * p.dy() > 0.9 && high - low > 2 * margin) {
                // the previous line's lowest baseline, across this line's baseline from its origin
                double lowest = Double.POSITIVE_INFINITY;
                for (double[] b : previousBases) {
                    lowest = Math.min(lowest, (b[0] - p.bottomLeft()[0]) * p.nx() + (b[1] - p.bottomLeft()[1]) * p.ny());
                }
                // only a line on the previous one's row (that baseline inside this box) moves down to it
                if (lowest - ROW_STEP < base && lowest - ROW_STEP >= low + margin && lowest < high) base = lowest - ROW_STEP;
            }
            TextLayerFont.Variant[] variants = new TextLayerFont.Variant[p.pieces().size()];
            for (int k = 0; k < variants.length; k++) {
                int descent = (int) Math.max(1, Math.round((base - p.lo()[k]) / unit / quantum)) * quantum;
                int ascent = (int) Math.max(1, Math.round((p.hi()[k] - base) / unit / quantum)) * quantum;
                variants[k] = font.variant(ascent, -descent);
            }
            double fillTo = j + 1 < placed.size() && blockOf[placed.get(j + 1).index()] == blockOf[p.index()]
                    ? rowContinues(p, placed.get(j + 1)) : Double.NaN;
            previousBases = line(sb, p, lineSize, base, fillTo, font, variants, fontName);
            previous = p;
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Where all the boxes of the row that line {@code j} starts overlap across its baseline
     * ({@code low, high} from its origin) and how many lines the row has, or null when the row is
     * that line alone.
     */
    private static double[] rowSpan(List<Placed> placed, int j, int[] blockOf) {
        Placed first = placed.get(j);
        double low = Double.NEGATIVE_INFINITY, high = Double.POSITIVE_INFINITY;
        int k = j;
        while (k + 1 < placed.size() && blockOf[placed.get(k + 1).index()] == blockOf[first.index()]
                && !Double.isNaN(rowContinues(placed.get(k), placed.get(k + 1)))) {
            k++;
        }
        if (k == j) return null;
        for (int i = j; i <= k; i++) {
            Placed q = placed.get(i);
            double offset = (q.bottomLeft()[0] - first.bottomLeft()[0]) * first.nx() + (q.bottomLeft()[1] - first.bottomLeft()[1]) * first.ny();
            low = Math.max(low, offset + Arrays.stream(q.lo()).max().orElseThrow());
            high = Math.min(high, offset + Arrays.stream(q.hi()).min().orElseThrow());
        }
        return new double[] {low, high, k - j + 1};
    }

    /** Each block's font size: from its rows' median pitch ({@link #ROW_PITCH_IN_SIZES}), {@code size} for a block of one row. */
    private static double[] blockSizes(List<Placed> placed, int[] blockOf, int blocks, double size) {
        double[] sizes = new double[blocks];
        Arrays.fill(sizes, size);
        Map<Integer, List<Double>> pitches = new HashMap<>(); // block -> distances between its rows' baselines
        for (int j = 1; j < placed.size(); j++) {
            Placed a = placed.get(j - 1), b = placed.get(j);
            if (blockOf[a.index()] != blockOf[b.index()] || a.dx() * b.dx() + a.dy() * b.dy() < 0.9) continue;
            if (!Double.isNaN(rowContinues(a, b))) continue;
            double d = (a.bottomLeft()[0] - b.bottomLeft()[0]) * a.nx() + (a.bottomLeft()[1] - b.bottomLeft()[1]) * a.ny();
            if (d > 0) pitches.computeIfAbsent(blockOf[a.index()], k -> new ArrayList<>()).add(d);
        }
        for (var e : pitches.entrySet()) {
            double[] ds = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            sizes[e.getKey()] = Math.max(size, Math.min(2.0 * size, ds[ds.length / 2] / ROW_PITCH_IN_SIZES));
        }
        return sizes;
    }

    private static Placed place(int index, Line line, AffineTransform toUser) {
        List<LinePieces.Piece> pieces = LinePieces.of(line);
        if (pieces.isEmpty()) return null;
        Quad q = line.box();
        double[] bl = map(toUser, q.bottomLeft()), br = map(toUser, q.bottomRight());
        double[] tl = map(toUser, q.topLeft()), tr = map(toUser, q.topRight());
        double dx = br[0] - bl[0], dy = br[1] - bl[1], len = Math.hypot(dx, dy);
        if (len < 1e-6) { // a line of no length: run along the top edge, or give up
            dx = tr[0] - tl[0];
            dy = tr[1] - tl[1];
            len = Math.hypot(dx, dy);
            if (len < 1e-6) return null;
        }
        dx /= len;
        dy /= len;
        double height = ((tl[0] - bl[0]) * -dy + (tl[1] - bl[1]) * dx + (tr[0] - br[0]) * -dy + (tr[1] - br[1]) * dx) / 2;
        if (!(height > 1e-3)) height = Math.max(1e-3, Math.abs(height));
        double[] own = {dx, dy};
        boolean snap = Math.abs(dx) >= Math.abs(dy) ? Math.abs(dy) < SNAP_SINE : Math.abs(dx) < SNAP_SINE;
        if (snap) { // run along the nearest page axis: each piece then gets its own box, upright
            if (Math.abs(dx) >= Math.abs(dy)) {
                dx = Math.signum(dx);
                dy = 0;
            } else {
                dy = Math.signum(dy);
                dx = 0;
            }
        }
        double nx = -dy, ny = dx;
        int n = pieces.size();
        double[] starts = new double[n], ends = new double[n], lo = new double[n], hi = new double[n];
        for (int i = 0; i < n; i++) {
            Quad w = pieces.get(i).box();
            if (snap) {
                starts[i] = ends[i] = along(toUser, w.topLeft(), bl, dx, dy);
                lo[i] = hi[i] = along(toUser, w.topLeft(), bl, nx, ny);
                for (Point c : List.of(w.topRight(), w.bottomRight(), w.bottomLeft())) {
                    double a = along(toUser, c, bl, dx, dy), v = along(toUser, c, bl, nx, ny);
                    starts[i] = Math.min(starts[i], a);
                    ends[i] = Math.max(ends[i], a);
                    lo[i] = Math.min(lo[i], v);
                    hi[i] = Math.max(hi[i], v);
                }
            } else {
                starts[i] = along(toUser, mid(w.topLeft(), w.bottomLeft()), bl, dx, dy);
                ends[i] = along(toUser, mid(w.topRight(), w.bottomRight()), bl, dx, dy);
                hi[i] = height;
            }
        }
        return new Placed(index, pieces, bl, dx, dy, height, starts, ends, lo, hi, own);
    }

    /**
     * Where (along {@code p}'s baseline from its origin) {@code next} starts when it continues
     * {@code p}'s visual row to the right: running the same way, its centre within half a line
     * height of {@code p}'s (the rule {@code ReadingOrder} makes rows by); NaN when it does not.
     */
    private static double rowContinues(Placed p, Placed next) {
        if (p.dx() * next.dx() + p.dy() * next.dy() < 0.9) return Double.NaN;
        double qx = next.bottomLeft()[0] + next.dx() * next.starts()[0], qy = next.bottomLeft()[1] + next.dy() * next.starts()[0];
        double along = (qx - p.bottomLeft()[0]) * p.dx() + (qy - p.bottomLeft()[1]) * p.dy();
        // across the line's own direction (before it was turned onto a page axis), like the reader's rows
        double[] d = p.ownDirection(), start = {next.bottomLeft()[0], next.bottomLeft()[1]};
        double up = (start[0] - p.bottomLeft()[0]) * -d[1] + (start[1] - p.bottomLeft()[1]) * d[0];
        double end = p.ends()[p.ends().length - 1];
        boolean sameRow = Math.abs(up + next.height() / 2 - p.height() / 2) < 0.5 * Math.min(p.height(), next.height());
        return sameRow && along >= end - 0.25 * p.height() ? along : Double.NaN;
    }


    /**
     * Fills the gap from {@code from} to {@code to} along the baseline: a word break (a space
     * scaled to almost nothing), the filler stretched over the gap, a word break, so the filler is
     * a word of its own that the words on either side do not merge with.
     */
    private static void fill(StringBuilder sb, double from, double to, double size, TextLayerFont font) {
        double space = TextLayerFont.advance(" ") * size, tiny = space * 0.01, filler = space; // the filler is half an em too
        sb.append(" 1 Tz ").append(font.hex(" ")).append(" Tj ").append(num(100 * Math.max(to - from - 2 * tiny, tiny) / filler))
                .append(" Tz ").append(font.fillerHex()).append(" Tj 1 Tz ").append(font.hex(" ")).append(" Tj");
    }

    /**
     * Writes one line at font size {@code size} with its baseline {@code baseline} pt across its
     * direction from its origin, each piece in its font variant, and a gap filler up to {@code
     * fillTo} after it where that is a number; gives back where each piece's baseline starts, in
     * user space.
     */
    private static double[][] line(StringBuilder sb, Placed pl, double size, double baseline, double fillTo, TextLayerFont font,
                                   TextLayerFont.Variant[] variants, Function<TextLayerFont.Variant, String> fontName) {
        double dx = pl.dx(), dy = pl.dy();
        double ox = pl.bottomLeft()[0] + pl.nx() * baseline, oy = pl.bottomLeft()[1] + pl.ny() * baseline;
        sb.append("BT\n3 Tr\n")
                .append(num(dx)).append(' ').append(num(dy)).append(' ').append(num(pl.nx())).append(' ').append(num(pl.ny()))
                .append(' ').append(num(ox)).append(' ').append(num(oy)).append(" Tm\n");
        List<LinePieces.Piece> pieces = pl.pieces();
        double[] starts = pl.starts(), ends = pl.ends();
        double[][] bases = new double[pieces.size()][];
        double at = 0; // where the text line matrix stands, along the baseline
        for (int i = 0; i < pieces.size(); i++) {
            LinePieces.Piece p = pieces.get(i);
            boolean last = i + 1 == pieces.size();
            double start = starts[i];
            bases[i] = new double[] {ox + dx * start, oy + dy * start};
            // a piece with no space after it runs up to the next one, so that they read as one word
            double end = !last && !p.spaceAfter() ? Math.max(starts[i + 1], start) : ends[i];
            double natural = TextLayerFont.advance(p.text()) * size;
            double width = Math.max(end - start, natural * 0.01);
            if (i == 0 || variants[i] != variants[i - 1]) sb.append('/').append(fontName.apply(variants[i])).append(' ').append(num(size)).append(" Tf ");
            sb.append(num(start - at)).append(" 0 Td ").append(num(100 * width / natural)).append(" Tz ")
                    .append(font.hex(p.text())).append(" Tj");
            at = start;
            if (p.spaceAfter() && !last && starts[i + 1] - (start + width) > FILL_IN_SIZES * size) {
                fill(sb, start + width, starts[i + 1], size, font);
            } else if (p.spaceAfter() && !last) {
                double gap = Math.max(starts[i + 1] - (start + width), 0);
                double space = TextLayerFont.advance(" ") * size;
                sb.append(' ').append(num(Math.max(100 * gap / space, 1))).append(" Tz ").append(font.hex(" ")).append(" Tj");
            }
            if (last && fillTo - (start + width) > FILL_IN_SIZES * size) fill(sb, start + width, fillTo, size, font);
            sb.append('\n');
        }
        sb.append("ET\n");
        return bases;
    }

    private static Point mid(Point a, Point b) {
        return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }

    /** Distance of a pixel point, in user space, along the baseline from its origin. */
    private static double along(AffineTransform toUser, Point p, double[] origin, double dx, double dy) {
        double[] u = map(toUser, p);
        return (u[0] - origin[0]) * dx + (u[1] - origin[1]) * dy;
    }

    private static double[] map(AffineTransform t, Point p) {
        Point2D r = t.transform(new Point2D.Double(p.x(), p.y()), null);
        return new double[] {r.getX(), r.getY()};
    }

    /** A number for a content stream: at most 4 decimals, no exponent, no trailing zeros. */
    static String num(double v) {
        if (Math.abs(v) < 5e-5) return "0";
        String s = String.format(Locale.ROOT, "%.4f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
