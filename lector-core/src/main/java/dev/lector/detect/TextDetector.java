package dev.lector.detect;

/**
 * Finds text lines on a page. Knows nothing of scheduling: the engine decides how many pages are
 * detected at once. Implementations must be safe to call from one thread at a time.
 */
public interface TextDetector {
    /** The boxes on the request's page, in its pixel coordinates, and what the model saw. */
    Detection detect(DetectionRequest request);
}
