package dev.lector.detect;

import dev.lector.geometry.Size;
import java.util.List;

/** Boxes found on a page, and the size of the image the detector actually saw. */
public record Detection(List<DetectedBox> boxes, Size inputSize) {
    public Detection {
        boxes = List.copyOf(boxes);
    }
}
