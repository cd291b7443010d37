package dev.lector.classify;

/** A line's orientation as the classifier sees it: 0 or 180 degrees, with the class probability. */
public record Orientation(int degrees, double score) {
    public Orientation {
        if (degrees != 0 && degrees != 180) throw new IllegalArgumentException("degrees must be 0 or 180: " + degrees);
    }
}
