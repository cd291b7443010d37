package dev.lector.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds two columns in a region: a vertical gutter that no line crosses over a run of bands,
 * with running text on both sides.
 *
 * <p>A band is a set of lines whose cores (the middle 70% of their height) overlap vertically:
 * one visual row, or several when the two columns' rows are not aligned. Every gap of at least
 * {@value #MIN_GUTTER_IN_HEIGHTS} line height between the lines of a band seeds a candidate gutter,
 * which grows up and down over the neighbouring bands while they leave it (narrowed) free.
 * A candidate becomes columns only if, on each side, the lines next to the gutter (no other line
 * of that side between them and it at the same height) that are not headings (at most
 * {@value #HEADING_HEIGHT_RATIO} x the median height) are at least {@value #MIN_LINES_PER_SIDE},
 * their median width is at least {@value #MIN_TEXT_WIDTH_IN_HEIGHTS} line heights, at least half
 * of them span {@value #FULL_LINE_SHARE} of their side's width (text wrapped at a column edge, not
 * ragged table cells), and the gutter is at most half as wide as the side. Tables, option lists
 * and receipts (short cells, wide gaps, ragged edges) fail and are read row by row; the gutters
 * of two-column pages in the evaluation data (one to two line heights) pass. Several columns are
 * found one gutter at a time by the caller's recursion.
 */
final class ColumnFinder {
    static final double MIN_GUTTER_IN_HEIGHTS = 0.5;
    static final double MIN_TEXT_WIDTH_IN_HEIGHTS = 8;
    static final double FULL_LINE_SHARE = 0.7;
    static final double MIN_FULL_LINES = 0.5;
    static final double MAX_GUTTER_TO_SIDE = 0.5;
    static final int MIN_LINES_PER_SIDE = 3;
    static final double HEADING_HEIGHT_RATIO = 1.25;
    /** Columns of other than running text need a gutter at least this many line heights wide... */
    static final double MIN_FREE_GUTTER_IN_HEIGHTS = 1.5;
    /** ...and rows that line up across it for fewer than this share of the lines on each side. */
    static final double MAX_ALIGNED_SHARE = 0.5;
    static final double ALIGNED_IN_HEIGHTS = 0.2;
    /** ...or a left side that goes on alone for at least this many rows after the right side ends. */
    static final int MIN_LEFT_ONLY_TAIL = 3;

    private ColumnFinder() {}

    /** Groups lines into bands, top to bottom: chains of lines whose cores overlap vertically. */
    static List<List<PlacedLine>> bands(List<PlacedLine> lines) {
        List<PlacedLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingDouble(PlacedLine::coreTop).thenComparingInt(PlacedLine::index));
        List<List<PlacedLine>> bands = new ArrayList<>();
        List<PlacedLine> current = null;
        double bottom = Double.NEGATIVE_INFINITY;
        for (PlacedLine line : sorted) {
            if (current == null || line.coreTop() >= bottom) {
                current = new ArrayList<>();
                bands.add(current);
                bottom = line.coreBottom();
            } else {
                bottom = Math.max(bottom, line.coreBottom());
            }
            current.add(line);
        }
        return bands;
    }

    /** The split covering the most lines, if any candidate gutter qualifies. */
    static Optional<ColumnSplit> find(List<List<PlacedLine>> bands) {
        double minGap = MIN_GUTTER_IN_HEIGHTS * medianHeight(bands.stream().flatMap(List::stream).toList());
        List<ColumnSplit> tried = new ArrayList<>();
        ColumnSplit best = null;
        for (int k = 0; k < bands.size(); k++) {
            for (double[] gap : freeParts(coverage(bands.get(k)), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, minGap, true)) {
                if (alreadyTried(tried, k, gap)) continue;
                ColumnSplit candidate = grow(bands, k, gap, minGap);
                tried.add(candidate);
                if (qualifies(candidate) && (best == null
                        || candidate.lineCount() > best.lineCount()
                        || (candidate.lineCount() == best.lineCount() && candidate.gutterWidth() > best.gutterWidth()))) {
                    best = candidate;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean alreadyTried(List<ColumnSplit> tried, int band, double[] gap) {
        for (ColumnSplit c : tried) {
            if (c.firstBand() <= band && band <= c.lastBand() && gap[0] < c.gutterRight() && gap[1] > c.gutterLeft()) {
                return true;
            }
        }
        return false;
    }

    private static ColumnSplit grow(List<List<PlacedLine>> bands, int seed, double[] gap, double minGap) {
        double a = gap[0], b = gap[1];
        int first = seed, last = seed;
        while (first > 0) {
            double[] free = widestFree(bands.get(first - 1), a, b, minGap);
            if (free == null) break;
            a = free[0];
            b = free[1];
            first--;
        }
        while (last < bands.size() - 1) {
            double[] free = widestFree(bands.get(last + 1), a, b, minGap);
            if (free == null) break;
            a = free[0];
            b = free[1];
            last++;
        }
        double mid = (a + b) / 2;
        // Bands above the run with lines only left of the gutter read the same before the run as
        // at the top of its left column (and right-only bands below it likewise), so leave them
        // out: they would only blur the column tests (headings, the end of the text above).
        while (first < seed && allOnSide(bands.get(first), mid, true)) first++;
        while (last > seed && allOnSide(bands.get(last), mid, false)) last--;
        List<PlacedLine> left = new ArrayList<>(), right = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            for (PlacedLine line : bands.get(i)) {
                (line.cx() < mid ? left : right).add(line);
            }
        }
        return new ColumnSplit(first, last, a, b, left, right, leftOnlyTail(bands, first, last, mid, minGap));
    }

    /**
     * Bands at the end of {@code first..last} with lines left of {@code mid} only, counted only when
     * those lines stay within the left column as the two-sided bands above draw it (none reaches
     * further right than its lines do, give or take {@code slack}) and follow on without a gap of
     * more than a line height, as the rows of one column do: text under a table that merely
     * happens to sit on the left (a heading after it, a note) is no column.
     */
    private static int leftOnlyTail(List<List<PlacedLine>> bands, int first, int last, double mid, double slack) {
        int tail = 0;
        while (last - tail > first && allOnSide(bands.get(last - tail), mid, true)) tail++;
        if (tail == 0) return 0;
        double columnRight = Double.NEGATIVE_INFINITY;
        for (int i = first; i <= last - tail; i++) {
            for (PlacedLine line : bands.get(i)) {
                if (line.cx() < mid) columnRight = Math.max(columnRight, line.x1());
            }
        }
        for (int i = last - tail + 1; i <= last; i++) {
            double top = Double.POSITIVE_INFINITY, h = 0;
            for (PlacedLine line : bands.get(i)) {
                if (line.x1() > columnRight + slack) return 0;
                top = Math.min(top, line.cy() - line.h() / 2);
                h = Math.max(h, line.h());
            }
            double bottomAbove = Double.NEGATIVE_INFINITY;
            for (PlacedLine line : bands.get(i - 1)) bottomAbove = Math.max(bottomAbove, line.cy() + line.h() / 2);
            if (top - bottomAbove > h) return 0;
        }
        return tail;
    }

    private static boolean allOnSide(List<PlacedLine> band, double mid, boolean left) {
        for (PlacedLine line : band) {
            if ((line.cx() < mid) != left) return false;
        }
        return true;
    }

    private static boolean qualifies(ColumnSplit c) {
        List<PlacedLine> all = new ArrayList<>(c.left());
        all.addAll(c.right());
        double h = medianHeight(all);
        List<PlacedLine> left = body(nextToGutter(c.left(), true), h), right = body(nextToGutter(c.right(), false), h);
        if (isTextColumn(left, c.gutterWidth(), h) && isTextColumn(right, c.gutterWidth(), h)) return true;
        // Columns of short or centred lines (verse, lists side by side) fail the running-text test;
        // they are still columns when their rows do not line up across a wide gutter, which the
        // rows of a table or a receipt always do.
        // The same holds when the left column goes on alone for several rows after the right one
        // has ended (two poems side by side, the end of a two-column article): a table's wrapped
        // cells go on in its right column, not its left.
        // Either way the right side must hold lines of text, not the short cells (prices,
        // quantities) of a receipt's or a form's right-hand column.
        if (c.gutterWidth() < MIN_FREE_GUTTER_IN_HEIGHTS * h
                || left.size() < MIN_LINES_PER_SIDE || right.size() < MIN_LINES_PER_SIDE
                || medianWidth(right) < MIN_TEXT_WIDTH_IN_HEIGHTS * h) {
            return false;
        }
        return c.leftOnlyTail() >= MIN_LEFT_ONLY_TAIL
                || (alignedShare(left, right) < MAX_ALIGNED_SHARE && alignedShare(right, left) < MAX_ALIGNED_SHARE);
    }

    /**
     * The share of {@code side}'s lines that have a line on {@code other} at the same height: centres
     * within {@value #ALIGNED_IN_HEIGHTS} of a line height, as the cells of one table row are.
     */
    static double alignedShare(List<PlacedLine> side, List<PlacedLine> other) {
        int aligned = 0;
        for (PlacedLine line : side) {
            for (PlacedLine o : other) {
                if (Math.abs(line.cy() - o.cy()) <= ALIGNED_IN_HEIGHTS * Math.min(line.h(), o.h())) {
                    aligned++;
                    break;
                }
            }
        }
        return side.isEmpty() ? 0 : (double) aligned / side.size();
    }

    /**
     * The lines of one side with no other line of that side between them and the gutter at the
     * same height: the column touching the gutter, when a side holds more than one column.
     */
    private static List<PlacedLine> nextToGutter(List<PlacedLine> side, boolean leftSide) {
        List<PlacedLine> out = new ArrayList<>(side.size());
        for (PlacedLine line : side) {
            boolean shadowed = false;
            for (PlacedLine other : side) {
                boolean between = leftSide ? other.cx() > line.x1() : other.cx() < line.x0();
                if (other != line && between && other.coreTop() < line.coreBottom() && line.coreTop() < other.coreBottom()) {
                    shadowed = true;
                    break;
                }
            }
            if (!shadowed) out.add(line);
        }
        return out;
    }

    /** Lines of body-text height: headings (taller than {@value #HEADING_HEIGHT_RATIO} x median) left out. */
    private static List<PlacedLine> body(List<PlacedLine> lines, double h) {
        return lines.stream().filter(l -> l.h() <= HEADING_HEIGHT_RATIO * h).toList();
    }

    private static boolean isTextColumn(List<PlacedLine> side, double gutter, double h) {
        if (side.size() < MIN_LINES_PER_SIDE) return false;
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double[] widths = new double[side.size()];
        for (int i = 0; i < widths.length; i++) {
            PlacedLine line = side.get(i);
            x0 = Math.min(x0, line.x0());
            x1 = Math.max(x1, line.x1());
            widths[i] = line.width();
        }
        double extent = x1 - x0;
        int full = 0;
        for (double w : widths) {
            if (w >= FULL_LINE_SHARE * extent) full++;
        }
        return median(widths) >= MIN_TEXT_WIDTH_IN_HEIGHTS * h
                && full >= MIN_FULL_LINES * widths.length
                && gutter <= MAX_GUTTER_TO_SIDE * extent;
    }

    /** The x-intervals covered by a band's lines, merged, left to right. */
    private static List<double[]> coverage(List<PlacedLine> band) {
        List<PlacedLine> sorted = new ArrayList<>(band);
        sorted.sort(Comparator.comparingDouble(PlacedLine::x0));
        List<double[]> out = new ArrayList<>();
        for (PlacedLine line : sorted) {
            double[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && line.x0() <= last[1]) {
                last[1] = Math.max(last[1], line.x1());
            } else {
                out.add(new double[] {line.x0(), line.x1()});
            }
        }
        return out;
    }

    private static double[] widestFree(List<PlacedLine> band, double a, double b, double minGap) {
        double[] best = null;
        for (double[] part : freeParts(coverage(band), a, b, minGap, false)) {
            if (best == null || part[1] - part[0] > best[1] - best[0]) best = part;
        }
        return best;
    }

    /**
     * Parts of {@code [a, b]} that no covered interval touches and that are at least
     * {@code minGap} wide; {@code innerOnly} keeps only gaps with coverage on both sides.
     */
    private static List<double[]> freeParts(List<double[]> covered, double a, double b, double minGap, boolean innerOnly) {
        List<double[]> out = new ArrayList<>();
        double cursor = a;
        boolean coveredBefore = false;
        for (double[] c : covered) {
            if (c[1] <= cursor) {
                coveredBefore = true;
                continue;
            }
            if (c[0] >= b) break;
            if (c[0] - cursor >= minGap && (!innerOnly || coveredBefore)) out.add(new double[] {cursor, c[0]});
            cursor = Math.max(cursor, c[1]);
            coveredBefore = true;
        }
        if (!innerOnly && b - cursor >= minGap) out.add(new double[] {cursor, b});
        return out;
    }

    private static double medianWidth(List<PlacedLine> lines) {
        return lines.isEmpty() ? 0 : median(lines, PlacedLine::width);
    }

    static double medianHeight(List<PlacedLine> lines) {
        return lines.isEmpty() ? 1 : median(lines, PlacedLine::h);
    }

    private static double median(List<PlacedLine> lines, java.util.function.ToDoubleFunction<PlacedLine> value) {
        return median(lines.stream().mapToDouble(value).toArray());
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
