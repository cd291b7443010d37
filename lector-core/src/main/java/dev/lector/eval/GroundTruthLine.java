package dev.lector.eval;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.MinimumAreaRectangle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * One labelled text region.
 *
 * @param text    its transcription, or {@code null} where the data set has none (detection-only)
 * @param polygon its outline as labelled: 4 corners clockwise from the text's top-left, or a
 *                polygon with more points; matching uses this outline, not {@link #box()}
 * @param ignore  a don't-care region: not counted in detection, and predictions over it are dropped
 */
public record GroundTruthLine(String text, List<Point> polygon, boolean ignore) {

    public GroundTruthLine {
        if (polygon == null || polygon.size() < 3) {
            throw new IllegalArgumentException("a ground-truth polygon needs at least 3 points, got "
                    + (polygon == null ? "none" : polygon.size()));
        }
        polygon = List.copyOf(polygon);
    }

    /** Whether this region counts in detection (it is not a don't-care region). */
    public boolean care() {
        return !ignore;
    }

    /**
     * The region as a quad: the 4 labelled corners in their order, or for other polygons the
     * minimum-area rectangle around them, ordered clockwise from the top-left.
     */
    public Quad box() {
        if (polygon.size() == 4) {
            return new Quad(polygon.get(0), polygon.get(1), polygon.get(2), polygon.get(3));
        }
        Geometry rect = MinimumAreaRectangle.getMinimumRectangle(PolygonGeometry.of(polygon));
        List<Point> corners = new ArrayList<>(4);
        Coordinate[] coords = rect.getCoordinates();
        for (int i = 0; i < coords.length && corners.size() < 4; i++) {
            Point p = new Point(coords[i].x, coords[i].y);
            if (!corners.contains(p)) corners.add(p);
        }
        while (corners.size() < 4) corners.add(corners.get(corners.size() - 1));
        return Quad.fromUnordered(corners);
    }
}
