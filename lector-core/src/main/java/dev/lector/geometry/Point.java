package dev.lector.geometry;

/**
 * A point in pixel coordinates of some image; x grows right, y grows down.
 *
 * @param x the horizontal coordinate, finite
 * @param y the vertical coordinate, finite
 */
public record Point(double x, double y) {
    /** Checks that both coordinates are finite. */
    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("point coordinates must be finite: (" + x + ", " + y + ")");
        }
    }

    /**
     * The Euclidean distance to another point.
     *
     * @param other the other point
     * @return the distance in pixels
     */
    public double distanceTo(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
