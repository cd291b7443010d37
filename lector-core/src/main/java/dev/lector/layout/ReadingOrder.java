package dev.lector.layout;

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
    private static final int MAX_DEPTH = 32;

    private ReadingOrder() {}

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
        if (lines.isEmpty()) return List.of();
        List<List<PlacedLine>> placedBlocks = new ArrayList<>();
        order(PlacedLine.place(lines), placedBlocks, 0);
        List<List<Line>> out = new ArrayList<>(placedBlocks.size());
        for (List<PlacedLine> block : placedBlocks) {
            out.add(block.stream().map(PlacedLine::line).toList());
        }
        return List.copyOf(out);
    }

    private static void order(List<PlacedLine> region, List<List<PlacedLine>> out, int depth) {
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

    /** Reads a region with no columns row by row and cuts it into blocks at wide row gaps. */
    private static void emitRows(List<PlacedLine> region, List<List<PlacedLine>> out) {
        double blockGap = BLOCK_GAP_IN_HEIGHTS * ColumnFinder.medianHeight(region);
        List<PlacedLine> block = new ArrayList<>();
        double previousBottom = Double.NEGATIVE_INFINITY;
        for (List<PlacedLine> row : rows(region)) {
            double top = Double.POSITIVE_INFINITY, bottom = Double.NEGATIVE_INFINITY;
            for (PlacedLine line : row) {
                top = Math.min(top, line.cy() - line.h() / 2);
                bottom = Math.max(bottom, line.cy() + line.h() / 2);
            }
            if (!block.isEmpty() && top - previousBottom > blockGap) {
                out.add(block);
                block = new ArrayList<>();
                previousBottom = Double.NEGATIVE_INFINITY;
            }
            block.addAll(row);
            previousBottom = Math.max(previousBottom, bottom);
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
