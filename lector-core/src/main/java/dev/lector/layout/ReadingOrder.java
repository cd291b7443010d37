package dev.lector.layout;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Puts the lines of a page in the order a person reads them: top to bottom, left to right within
 * a visual row, and the whole left column before the right one where the page has two (or more)
 * columns of running text.
 *
 * <p>How: the page is first turned so that its dominant text direction (from the lines' own
 * top-left to top-right corners) runs along +x, which undoes skew and pages turned 90/180/270
 * degrees whose lines were turned upright. Then, recursively (an XY-cut that cuts only at real
 * gutters), {@link ColumnFinder} looks for a vertical gutter that no line crosses over a run of
 * rows with running text on both sides; the rows above it, the left column, the right column and
 * the rows below it are each ordered the same way. A region with no such gutter is read row by
 * row: a line joins a row when its centre lies within half a line height of the row's centre, so
 * the two parts of a receipt row ("TOTAL ... 12.00") stay together even at slightly different
 * heights, and a table is read row by row, not column by column.
 *
 * <p>Pure and stateless: safe to call from any number of threads.
 */
public final class ReadingOrder {
    /** Rows whose vertical gap exceeds this many line heights start a new block. */
    static final double BLOCK_GAP_IN_HEIGHTS = 1.0;
    /** A row at least this much taller than the page's median line (or its neighbour row) is a heading, or starts one. */
    static final double HEADING_HEIGHT_RATIO = 1.3;
    /** Two lines of one row this many line heights apart are separate cells. */
    static final double CELL_GAP_IN_HEIGHTS = 1.0;

    /**
     * A block as layout found it: its kind, its lines in reading order, and a box around them in
     * the page's text direction (corners clockwise from the text's top-left).
     */
    public record Group(BlockKind kind, List<Line> lines, Quad box) {
        public Group {
            lines = List.copyOf(lines);
        }
    }
    private static final int MAX_DEPTH = 32;

    private ReadingOrder() {}

    /**
     * The page's text direction in degrees clockwise from +x (image coordinates): the direction of
     * the sum of every line's top and bottom edges, so long lines weigh more. 0 for no lines.
     */
    public static double textDirectionDegrees(List<Line> lines) {
        return Math.toDegrees(PlacedLine.textAngle(lines));
    }

    /** The lines in reading order (a new list; the input is not changed). */
    public static List<Line> sort(List<Line> lines) {
        List<Line> out = new ArrayList<>(lines.size());
        for (List<Line> block : blocks(lines)) out.addAll(block);
        return out;
    }

    /**
     * The lines in reading order, grouped into blocks: a column, or a run of rows not separated by
     * more than {@value #BLOCK_GAP_IN_HEIGHTS} line height of white space (roughly a paragraph or a
     * table). Concatenating the blocks gives {@link #sort}.
     */
    public static List<List<Line>> blocks(List<Line> lines) {
        return layout(lines).stream().map(Group::lines).toList();
    }

    /**
     * The blocks of {@link #blocks} with their kinds and boxes: a run of rows of which at least
     * half hold two or more cells ({@value #CELL_GAP_IN_HEIGHTS} line height apart) is a
     * {@link BlockKind#TABLE}; one or two rows of text at least {@value #HEADING_HEIGHT_RATIO}
     * times the page's median line height are a {@link BlockKind#HEADING} (a heading row is cut
     * from the rows around it even without a gap); the rest are paragraphs.
     */
    public static List<Group> layout(List<Line> lines) {
        if (lines.isEmpty()) return List.of();
        List<PlacedLine> placed = PlacedLine.place(lines);
        double pageHeight = ColumnFinder.medianHeight(placed);
        List<List<List<PlacedLine>>> rowBlocks = new ArrayList<>();
        order(placed, rowBlocks, 0);
        double angle = PlacedLine.textAngle(lines);
        List<Group> out = new ArrayList<>(rowBlocks.size());
        for (List<List<PlacedLine>> block : rowBlocks) {
            List<Line> ls = new ArrayList<>();
            for (List<PlacedLine> row : block) for (PlacedLine l : row) ls.add(l.line());
            out.add(new Group(kindOf(block, pageHeight), ls, box(block, angle)));
        }
        return List.copyOf(out);
    }

    private static BlockKind kindOf(List<List<PlacedLine>> rows, double pageHeight) {
        if (rows.size() <= 2 && rowHeight(rows.getFirst()) >= HEADING_HEIGHT_RATIO * pageHeight) return BlockKind.HEADING;
        if (rows.size() < 2) return BlockKind.PARAGRAPH;
        int withCells = 0;
        for (List<PlacedLine> row : rows) {
            if (cells(row) >= 2) withCells++;
        }
        return 2 * withCells >= rows.size() ? BlockKind.TABLE : BlockKind.PARAGRAPH;
    }

    /** Cells of a row (sorted left to right): lines separated by at least {@value #CELL_GAP_IN_HEIGHTS} line height. */
    static int cells(List<PlacedLine> row) {
        int cells = 1;
        for (int i = 1; i < row.size(); i++) {
            PlacedLine a = row.get(i - 1), b = row.get(i);
            if (b.x0() - a.x1() >= CELL_GAP_IN_HEIGHTS * Math.min(a.h(), b.h())) cells++;
        }
        return cells;
    }

    private static double rowHeight(List<PlacedLine> row) {
        return ColumnFinder.medianHeight(row);
    }

    /** The block's bounds in the text frame, turned back into page coordinates. */
    private static Quad box(List<List<PlacedLine>> rows, double angle) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (List<PlacedLine> row : rows) {
            for (PlacedLine l : row) {
                x0 = Math.min(x0, l.x0());
                x1 = Math.max(x1, l.x1());
                y0 = Math.min(y0, l.y0());
                y1 = Math.max(y1, l.y1());
            }
        }
        double cos = Math.cos(angle), sin = Math.sin(angle);
        return new Quad(unturn(x0, y0, cos, sin), unturn(x1, y0, cos, sin), unturn(x1, y1, cos, sin), unturn(x0, y1, cos, sin));
    }

    private static Point unturn(double x, double y, double cos, double sin) {
        return new Point(x * cos - y * sin, x * sin + y * cos);
    }

    private static void order(List<PlacedLine> region, List<List<List<PlacedLine>>> out, int depth) {
        if (region.isEmpty()) return;
        if (region.size() < 2 * ColumnFinder.MIN_LINES_PER_SIDE || depth >= MAX_DEPTH) {
            emitRows(region, out);
            return;
        }
        List<List<PlacedLine>> bands = ColumnFinder.bands(region);
        Optional<ColumnSplit> found = ColumnFinder.find(bands);
        if (found.isEmpty()) {
            emitRows(region, out);
            return;
        }
        ColumnSplit split = found.get();
        order(flatten(bands.subList(0, split.firstBand())), out, depth + 1);
        order(split.left(), out, depth + 1);
        order(split.right(), out, depth + 1);
        order(flatten(bands.subList(split.lastBand() + 1, bands.size())), out, depth + 1);
    }

    private static List<PlacedLine> flatten(List<List<PlacedLine>> bands) {
        List<PlacedLine> out = new ArrayList<>();
        for (List<PlacedLine> band : bands) out.addAll(band);
        return out;
    }

    /**
     * Reads a region with no columns row by row and cuts it into blocks at wide row gaps and where
     * a heading row (much taller than its neighbour) meets body text.
     */
    private static void emitRows(List<PlacedLine> region, List<List<List<PlacedLine>>> out) {
        double blockGap = BLOCK_GAP_IN_HEIGHTS * ColumnFinder.medianHeight(region);
        List<List<PlacedLine>> block = new ArrayList<>();
        double previousBottom = Double.NEGATIVE_INFINITY;
        double previousHeight = 0;
        for (List<PlacedLine> row : rows(region)) {
            double top = Double.POSITIVE_INFINITY, bottom = Double.NEGATIVE_INFINITY;
            for (PlacedLine line : row) {
                top = Math.min(top, line.cy() - line.h() / 2);
                bottom = Math.max(bottom, line.cy() + line.h() / 2);
            }
            double height = rowHeight(row);
            boolean headingEdge = previousHeight > 0 && (height >= HEADING_HEIGHT_RATIO * previousHeight
                    || previousHeight >= HEADING_HEIGHT_RATIO * height);
            if (!block.isEmpty() && (top - previousBottom > blockGap || headingEdge)) {
                out.add(block);
                block = new ArrayList<>();
                previousBottom = Double.NEGATIVE_INFINITY;
            }
            block.add(row);
            previousBottom = Math.max(previousBottom, bottom);
            previousHeight = height;
        }
        if (!block.isEmpty()) out.add(block);
    }

    /**
     * Visual rows, top to bottom, each left to right. Lines are taken by centre height; one joins
     * the current row when its centre is within half a line height (the smaller of its own and
     * the row's mean height) of the row's mean centre.
     */
    static List<List<PlacedLine>> rows(List<PlacedLine> region) {
        List<PlacedLine> sorted = new ArrayList<>(region);
        sorted.sort(Comparator.comparingDouble(PlacedLine::cy).thenComparingDouble(PlacedLine::x0)
                .thenComparingInt(PlacedLine::index));
        List<List<PlacedLine>> rows = new ArrayList<>();
        List<PlacedLine> row = null;
        double sumCy = 0, sumH = 0;
        for (PlacedLine line : sorted) {
            if (row != null) {
                double rowCy = sumCy / row.size(), rowH = sumH / row.size();
                if (Math.abs(line.cy() - rowCy) <= 0.5 * Math.min(line.h(), rowH)) {
                    row.add(line);
                    sumCy += line.cy();
                    sumH += line.h();
                    continue;
                }
            }
            row = new ArrayList<>();
            rows.add(row);
            row.add(line);
            sumCy = line.cy();
            sumH = line.h();
        }
        for (List<PlacedLine> r : rows) {
            r.sort(Comparator.comparingDouble(PlacedLine::x0).thenComparingInt(PlacedLine::index));
        }
        return rows;
    }
}
