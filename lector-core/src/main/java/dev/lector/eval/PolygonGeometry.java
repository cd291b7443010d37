package dev.lector.eval;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;

/** Turns point lists into valid JTS polygons. */
final class PolygonGeometry {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private PolygonGeometry() {}

    static Geometry of(Quad quad) {
        return of(quad.corners());
    }

    /**
     * A valid polygon through the points in order. A self-intersecting outline (a bow-tie from
     * badly ordered corners) is repaired with JTS's {@link GeometryFixer}, which keeps every lobe,
     * where {@code buffer(0)} would drop one.
     */
    static Geometry of(List<Point> points) {
        Coordinate[] ring = new Coordinate[points.size() + 1];
        for (int i = 0; i < points.size(); i++) {
            ring[i] = new Coordinate(points.get(i).x(), points.get(i).y());
        }
        ring[points.size()] = ring[0].copy();
        Geometry polygon = FACTORY.createPolygon(ring);
        return polygon.isValid() ? polygon : GeometryFixer.fix(polygon);
    }
}
