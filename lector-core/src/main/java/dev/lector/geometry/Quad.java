package dev.lector.geometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A quadrilateral whose corners are, by construction, clockwise starting from the top-left one
 * (in image coordinates, y down): top-left, top-right, bottom-right, bottom-left.
 */
public record Quad(Point topLeft, Point topRight, Point bottomRight, Point bottomLeft) {

    public Quad {
        if (topLeft == null || topRight == null || bottomRight == null || bottomLeft == null) {
            throw new IllegalArgumentException("quad corners must not be null");
        }
    }

    /**
     * Orders four arbitrary corners of a convex quadrilateral clockwise from the top-left:
     * sort by angle around the centroid, then start at the corner with the smallest x + y
     * (ties broken by smaller y), which is the top-left for any box rotated less than 45 degrees.
     */
    public static Quad fromUnordered(List<Point> corners) {
        if (corners.size() != 4) {
            throw new IllegalArgumentException("a quad needs 4 corners, got " + corners.size());
        }
        double cx = 0, cy = 0;
        for (Point p : corners) {
            cx += p.x() / 4;
            cy += p.y() / 4;
        }
        final double fx = cx, fy = cy;
        List<Point> sorted = new ArrayList<>(corners);
        // atan2 with y down: increasing angle is clockwise on screen
        sorted.sort(Comparator.comparingDouble(p -> Math.atan2(p.y() - fy, p.x() - fx)));
        int start = 0;
        for (int i = 1; i < 4; i++) {
            Point p = sorted.get(i), s = sorted.get(start);
            double sum = p.x() + p.y(), best = s.x() + s.y();
            if (sum < best - 1e-9 || (Math.abs(sum - best) <= 1e-9 && p.y() < s.y())) {
                start = i;
            }
        }
        return new Quad(sorted.get(start), sorted.get((start + 1) % 4), sorted.get((start + 2) % 4),
                sorted.get((start + 3) % 4));
    }

    /** An axis-aligned rectangle. */
    public static Quad ofRect(double x, double y, double width, double height) {
        return new Quad(new Point(x, y), new Point(x + width, y), new Point(x + width, y + height),
                new Point(x, y + height));
    }

    public List<Point> corners() {
        return List.of(topLeft, topRight, bottomRight, bottomLeft);
    }

    /** Mean length of the top and bottom edges. */
    public double width() {
        return (topLeft.distanceTo(topRight) + bottomLeft.distanceTo(bottomRight)) / 2;
    }

    /** Mean length of the left and right edges. */
    public double height() {
        return (topLeft.distanceTo(bottomLeft) + topRight.distanceTo(bottomRight)) / 2;
    }

    public double minX() {
        return Math.min(Math.min(topLeft.x(), topRight.x()), Math.min(bottomRight.x(), bottomLeft.x()));
    }

    public double maxX() {
        return Math.max(Math.max(topLeft.x(), topRight.x()), Math.max(bottomRight.x(), bottomLeft.x()));
    }

    public double minY() {
        return Math.min(Math.min(topLeft.y(), topRight.y()), Math.min(bottomRight.y(), bottomLeft.y()));
    }

    public double maxY() {
        return Math.max(Math.max(topLeft.y(), topRight.y()), Math.max(bottomRight.y(), bottomLeft.y()));
    }

    public Point center() {
        return new Point((topLeft.x() + topRight.x() + bottomRight.x() + bottomLeft.x()) / 4,
                (topLeft.y() + topRight.y() + bottomRight.y() + bottomLeft.y()) / 4);
    }

    /** Area by the shoelace formula. */
    public double area() {
        List<Point> c = corners();
        double s = 0;
        for (int i = 0; i < 4; i++) {
            Point a = c.get(i), b = c.get((i + 1) % 4);
            s += a.x() * b.y() - b.x() * a.y();
        }
        return Math.abs(s) / 2;
    }

    /** Scales every coordinate, e.g. from detector-input pixels back to the original image. */
    public Quad scale(double sx, double sy) {
        return new Quad(new Point(topLeft.x() * sx, topLeft.y() * sy), new Point(topRight.x() * sx, topRight.y() * sy),
                new Point(bottomRight.x() * sx, bottomRight.y() * sy), new Point(bottomLeft.x() * sx, bottomLeft.y() * sy));
    }

    /** Clamps every corner into [0, width] x [0, height]. */
    public Quad clamp(double width, double height) {
        return new Quad(clamp(topLeft, width, height), clamp(topRight, width, height),
                clamp(bottomRight, width, height), clamp(bottomLeft, width, height));
    }

    private static Point clamp(Point p, double w, double h) {
        return new Point(Math.max(0, Math.min(w, p.x())), Math.max(0, Math.min(h, p.y())));
    }

    /** Corners as [[x,y],...] rounded to whole pixels, the JSON shape. */
    public int[][] toIntArray() {
        List<Point> c = corners();
        int[][] out = new int[4][];
        for (int i = 0; i < 4; i++) {
            out[i] = new int[] {(int) Math.round(c.get(i).x()), (int) Math.round(c.get(i).y())};
        }
        return out;
    }

    /**
     * This quad grown along its text direction (top-left to top-right) by {@code ratio} times its
     * height at each end; a quad taller than wide (a vertical line) is grown along its height.
     */
    public Quad lengthened(double ratio) {
        if (!(ratio >= 0)) throw new IllegalArgumentException("ratio must be >= 0: " + ratio);
        double w = topLeft.distanceTo(topRight), h = topLeft.distanceTo(bottomLeft);
        if (ratio == 0 || w == 0 || h == 0) return this;
        if (w >= h) {
            double dx = (topRight.x() - topLeft.x()) / w * ratio * h, dy = (topRight.y() - topLeft.y()) / w * ratio * h;
            return new Quad(move(topLeft, -dx, -dy), move(topRight, dx, dy), move(bottomRight, dx, dy), move(bottomLeft, -dx, -dy));
        }
        double dx = (bottomLeft.x() - topLeft.x()) / h * ratio * w, dy = (bottomLeft.y() - topLeft.y()) / h * ratio * w;
        return new Quad(move(topLeft, -dx, -dy), move(topRight, -dx, -dy), move(bottomRight, dx, dy), move(bottomLeft, dx, dy));
    }

    private static Point move(Point p, double dx, double dy) {
        return new Point(p.x() + dx, p.y() + dy);
    }

    /** This quad with every coordinate multiplied by {@code factor}. */
    public Quad scaled(double factor) {
        return new Quad(new Point(topLeft.x() * factor, topLeft.y() * factor),
                new Point(topRight.x() * factor, topRight.y() * factor),
                new Point(bottomRight.x() * factor, bottomRight.y() * factor),
                new Point(bottomLeft.x() * factor, bottomLeft.y() * factor));
    }

    /** This quad moved by {@code (-dx, -dy)} with each corner clamped into {@code [0,width] x [0,height]}. */
    public Quad shiftedInto(double dx, double dy, double width, double height) {
        return new Quad(shift(topLeft, dx, dy, width, height), shift(topRight, dx, dy, width, height),
                shift(bottomRight, dx, dy, width, height), shift(bottomLeft, dx, dy, width, height));
    }

    private static Point shift(Point p, double dx, double dy, double width, double height) {
        return new Point(Math.max(0, Math.min(width, p.x() - dx)), Math.max(0, Math.min(height, p.y() - dy)));
    }

    /**
     * This quad's corners restarted so that the first is the top-left of text running in
     * direction {@code orientation} (degrees clockwise from left-to-right: 0, 90, 180, 270) inside
     * a box whose corners are in image order: 90 starts at the image top-right corner, 180 at the
     * bottom-right, 270 at the bottom-left. The corners stay clockwise.
     */
    public Quad startingAt(int orientation) {
        return switch (orientation) {
            case 0 -> this;
            case 90 -> new Quad(topRight, bottomRight, bottomLeft, topLeft);
            case 180 -> new Quad(bottomRight, bottomLeft, topLeft, topRight);
            case 270 -> new Quad(bottomLeft, topLeft, topRight, bottomRight);
            default -> throw new IllegalArgumentException("orientation must be 0, 90, 180 or 270: " + orientation);
        };
    }

    /**
     * This quad grown along its top edge (top-left to top-right, the text's direction) by
     * {@code ratio} times its height at each end, whatever its shape.
     */
    public Quad extendedAlongTop(double ratio) {
        return extendedAlongTop(ratio, ratio);
    }

    /**
     * This quad grown along its top edge by {@code before} times its height before its start
     * (top-left) and {@code after} times its height after its end (top-right).
     */
    public Quad extendedAlongTop(double before, double after) {
        if (!(before >= 0) || !(after >= 0)) throw new IllegalArgumentException("growth must be >= 0: " + before + ", " + after);
        double w = topLeft.distanceTo(topRight), h = height();
        if ((before == 0 && after == 0) || w == 0 || h == 0) return this;
        double ux = (topRight.x() - topLeft.x()) / w * h, uy = (topRight.y() - topLeft.y()) / w * h;
        return new Quad(move(topLeft, -ux * before, -uy * before), move(topRight, ux * after, uy * after),
                move(bottomRight, ux * after, uy * after), move(bottomLeft, -ux * before, -uy * before));
    }

    /**
     * The part of this quad between fractions {@code from} and {@code to} of the way along its top
     * and bottom edges (0 = the left edge, 1 = the right edge): exact for a parallelogram, and
     * what a word occupies of its line.
     */
    public Quad span(double from, double to) {
        if (!(from >= 0 && from <= to && to <= 1)) {
            throw new IllegalArgumentException("span must satisfy 0 <= from <= to <= 1: " + from + ", " + to);
        }
        return new Quad(lerp(topLeft, topRight, from), lerp(topLeft, topRight, to),
                lerp(bottomLeft, bottomRight, to), lerp(bottomLeft, bottomRight, from));
    }

    /** How far along the top edge {@code p} lies, projected onto it: 0 at the top-left, 1 at the top-right. */
    public double alongTop(Point p) {
        double ex = topRight.x() - topLeft.x(), ey = topRight.y() - topLeft.y();
        double len2 = ex * ex + ey * ey;
        if (len2 == 0) return 0;
        return ((p.x() - topLeft.x()) * ex + (p.y() - topLeft.y()) * ey) / len2;
    }

    private static Point lerp(Point a, Point b, double t) {
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
    }
}
