package dev.lector.layout;

import dev.lector.geometry.Point;
import dev.lector.result.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * A line placed in the page's text frame: the page turned so that its dominant text direction
 * runs along +x. {@code x0..x1} and {@code y0..y1} bound the turned box; {@code cy} is its
 * centre and {@code h} its height (the quad's own height, which turning does not change).
 * {@code index} is the position in the caller's list, the last tie-breaker.
 */
record PlacedLine(Line line, int index, double x0, double x1, double y0, double y1, double cy, double h) {

    double width() {
        return x1 - x0;
    }

    double cx() {
        return (x0 + x1) / 2;
    }

    /** Top of the line's core: the middle 70% of its height, which neighbouring rows never share. */
    double coreTop() {
        return cy - 0.35 * h;
    }

    double coreBottom() {
        return cy + 0.35 * h;
    }

    /** Places every line in the text frame of the whole set (see {@link #textAngle}). */
    static List<PlacedLine> place(List<Line> lines) {
        double angle = textAngle(lines);
        double cos = Math.cos(angle), sin = Math.sin(angle);
        List<PlacedLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
            double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY, sumY = 0;
            for (Point p : line.box().corners()) {
                double x = p.x() * cos + p.y() * sin;
                double y = -p.x() * sin + p.y() * cos;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                sumY += y;
            }
            double h = Math.max(1, line.box().height());
            out.add(new PlacedLine(line, i, x0, x1, y0, y1, sumY / 4, h));
        }
        return out;
    }

    /**
     * The page's text direction in radians (image coordinates, y down): the direction of the sum
     * of every line's top and bottom edge vectors, so long lines weigh more and a few odd boxes do
     * not matter. A box's corners start at the text's own top-left, so a page turned 180 degrees
     * gives an angle near pi and is read from its (image) bottom-right.
     */
    static double textAngle(List<Line> lines) {
        double vx = 0, vy = 0;
        for (Line line : lines) {
            var q = line.box();
            vx += (q.topRight().x() - q.topLeft().x()) + (q.bottomRight().x() - q.bottomLeft().x());
            vy += (q.topRight().y() - q.topLeft().y()) + (q.bottomRight().y() - q.bottomLeft().y());
        }
        return (vx == 0 && vy == 0) ? 0 : Math.atan2(vy, vx);
    }
}
