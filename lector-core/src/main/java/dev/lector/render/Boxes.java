package dev.lector.render;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;

/** Axis-aligned boxes and baselines of quads for the XML formats, whole pixels inside the page. */
final class Boxes {
    private Boxes() {}

    /** {@code [x0, y0, x1, y1]}: the quad's bounding box, outward to whole pixels, clamped to the page. */
    static int[] bbox(Quad q, int width, int height) {
        int x0 = clamp((int) Math.floor(q.minX()), width), y0 = clamp((int) Math.floor(q.minY()), height);
        int x1 = clamp((int) Math.ceil(q.maxX()), width), y1 = clamp((int) Math.ceil(q.maxY()), height);
        return new int[] {x0, y0, Math.max(x0, x1), Math.max(y0, y1)};
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** {@code p} turned so that text running {@code orientation} degrees clockwise runs left to right. */
    static Point upright(Point p, int orientation) {
        return switch (orientation) {
            case 90 -> new Point(p.y(), -p.x());
            case 180 -> new Point(-p.x(), -p.y());
            case 270 -> new Point(-p.y(), p.x());
            default -> p;
        };
    }

    /**
     * hOCR's {@code baseline slope offset} of a line: the bottom edge of its quad, in the frame where
     * its text runs left to right, relative to the bottom-left of its bounding box there.
     */
    static double[] baseline(Quad q, int orientation) {
        Point bl = upright(q.bottomLeft(), orientation), br = upright(q.bottomRight(), orientation);
        double minX = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Point c : q.corners()) {
            Point u = upright(c, orientation);
            minX = Math.min(minX, u.x());
            maxY = Math.max(maxY, u.y());
        }
        double dx = br.x() - bl.x();
        double slope = Math.abs(dx) < 1e-9 ? 0 : (br.y() - bl.y()) / dx;
        double offset = bl.y() + slope * (minX - bl.x()) - maxY;
        return new double[] {slope, offset};
    }
}
