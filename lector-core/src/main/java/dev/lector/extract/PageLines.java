package dev.lector.extract;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A page's lines in the text's own frame: x along the reading direction, y down the page, so
 * "right of" and "below" mean the same on a page turned 90 degrees or skewed. The frame's axis is
 * the median direction of the lines' top edges.
 */
final class PageLines {

    /** One line in the text frame. */
    record L(int index, String text, Fuzzy.Folded folded, long mask, double score, Quad box, double x0, double x1, double y0, double y1,
            double height) {
        /** The line's own height (its box's side edges), whatever its slant: computed once, asked for often. */
        L(int index, String text, Fuzzy.Folded folded, long mask, double score, Quad box, double x0, double x1, double y0, double y1) {
            this(index, text, folded, mask, score, box, x0, x1, y0, y1, Math.max(1, Math.min(y1 - y0, box.height())));
        }

        double cy() {
            return (y0 + y1) / 2;
        }
    }

    private final Page page;
    private final List<L> lines;
    private final double ux, uy;

    PageLines(Page page) {
        this.page = page;
        List<Double> angles = new ArrayList<>();
        for (Line l : page.lines()) {
            Quad q = l.box();
            angles.add(Math.atan2(q.topRight().y() - q.topLeft().y(), q.topRight().x() - q.topLeft().x()));
        }
        double a = 0;
        if (!angles.isEmpty()) {
            // median of unit vectors by angle; right angles dominate on turned pages
            List<Double> sorted = new ArrayList<>(angles);
            sorted.sort(Comparator.naturalOrder());
            a = sorted.get(sorted.size() / 2);
        }
        ux = Math.cos(a);
        uy = Math.sin(a);
        List<L> ls = new ArrayList<>();
        for (int i = 0; i < page.lines().size(); i++) {
            Line l = page.lines().get(i);
            double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
            for (Point p : l.box().corners()) {
                double x = p.x() * ux + p.y() * uy, y = -p.x() * uy + p.y() * ux;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
            Fuzzy.Folded f = Fuzzy.fold(l.text());
            ls.add(new L(i, l.text(), f, Fuzzy.mask(f.text()), l.score(), l.box(), x0, x1, y0, y1));
        }
        this.lines = List.copyOf(ls);
        @SuppressWarnings("unchecked")
        List<Amounts.Found>[] found = new List[ls.size()];
        this.amounts = found;
    }

    Page page() {
        return page;
    }

    private final List<Amounts.Found>[] amounts;

    /** The amounts on a line ({@link Amounts#findAll}), found once per page. Not for sharing between threads. */
    List<Amounts.Found> amounts(L l) {
        List<Amounts.Found> a = amounts[l.index()];
        if (a == null) amounts[l.index()] = a = List.copyOf(Amounts.findAll(l.text()));
        return a;
    }

    List<L> all() {
        return lines;
    }

    L get(int i) {
        return lines.get(i);
    }

    int size() {
        return lines.size();
    }

    /** Median line height, for distances relative to the page's type size. */
    double typicalHeight() {
        if (lines.isEmpty()) return 1;
        double[] h = lines.stream().mapToDouble(L::height).sorted().toArray();
        return h[h.length / 2];
    }

    /** Lines on the same row as {@code l} and to its right, nearest first. */
    List<L> rightOf(L l) {
        List<L> out = new ArrayList<>();
        for (L o : lines) {
            if (o == l) continue;
            double overlap = Math.min(l.y1, o.y1) - Math.max(l.y0, o.y0);
            if (overlap < 0.5 * Math.min(l.height(), o.height())) continue;
            if (o.x0 < l.x1 - 0.5 * l.height()) continue;
            out.add(o);
        }
        out.sort(Comparator.comparingDouble(L::x0));
        return out;
    }

    /** Lines on the same row as {@code l} (itself included), left to right. */
    List<L> row(L l) {
        List<L> out = new ArrayList<>();
        for (L o : lines) {
            double overlap = Math.min(l.y1, o.y1) - Math.max(l.y0, o.y0);
            if (o == l || overlap >= 0.5 * Math.min(l.height(), o.height())) out.add(o);
        }
        out.sort(Comparator.comparingDouble(L::x0));
        return out;
    }

    /**
     * Lines below {@code l} that start under it (their left end within its span, or it within
     * theirs), within {@code maxGap} line heights, nearest first.
     */
    List<L> below(L l, double maxGap) {
        List<L> out = new ArrayList<>();
        for (L o : lines) {
            if (o == l) continue;
            if (o.y0 < l.y1 - 0.3 * l.height()) continue;
            if (o.y0 - l.y1 > maxGap * l.height()) continue;
            double overlap = Math.min(l.x1, o.x1) - Math.max(l.x0, o.x0);
            if (overlap <= 0) continue;
            out.add(o);
        }
        out.sort(Comparator.comparingDouble(L::y0));
        return out;
    }

    /** A box's extent along the text's direction: {x0, x1} in the frame. */
    double[] span(Quad q) {
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE;
        for (Point p : q.corners()) {
            double x = p.x() * ux + p.y() * uy;
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
        }
        return new double[] {x0, x1};
    }

    /**
     * The page's rows, top to bottom, each left to right: a line starts a new row when its middle
     * lies more than half a line height under the middle of the row's first line.
     */
    List<List<L>> rows() {
        List<L> sorted = new ArrayList<>(lines);
        sorted.removeIf(l -> l.text().isBlank());
        sorted.sort(Comparator.comparingDouble(L::cy));
        double h = typicalHeight();
        List<List<L>> out = new ArrayList<>();
        List<L> row = null;
        for (L l : sorted) {
            if (row == null || l.cy() - row.getFirst().cy() > 0.5 * Math.min(h, row.getFirst().height())) {
                row = new ArrayList<>();
                out.add(row);
            }
            row.add(l);
        }
        for (List<L> r : out) r.sort(Comparator.comparingDouble(L::x0));
        return out;
    }

    /** A box around the given lines, in page coordinates along the frame. */
    Quad box(List<L> ls) {
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (L l : ls) {
            x0 = Math.min(x0, l.x0);
            x1 = Math.max(x1, l.x1);
            y0 = Math.min(y0, l.y0);
            y1 = Math.max(y1, l.y1);
        }
        return new Quad(toPage(x0, y0), toPage(x1, y0), toPage(x1, y1), toPage(x0, y1));
    }

    /** The part of line {@code l} from char {@code start} to {@code end}, by the share of its length. */
    Quad box(L l, int start, int end) {
        int n = Math.max(1, l.text.length());
        if (start <= 0 && end >= n) return l.box();
        double f0 = (double) Math.max(0, start) / n, f1 = (double) Math.min(n, end) / n;
        Quad q = l.box();
        return new Quad(lerp(q.topLeft(), q.topRight(), f0), lerp(q.topLeft(), q.topRight(), f1),
                lerp(q.bottomLeft(), q.bottomRight(), f1), lerp(q.bottomLeft(), q.bottomRight(), f0));
    }

    private static Point lerp(Point a, Point b, double f) {
        return new Point(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f);
    }

    private Point toPage(double x, double y) {
        return new Point(x * ux - y * uy, x * uy + y * ux);
    }
}
