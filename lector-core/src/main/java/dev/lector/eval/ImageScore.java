package dev.lector.eval;

import java.nio.file.Path;

/**
 * What one image added to an evaluation, for per-image listings.
 *
 * @param pageCer page-level CER of this image, or {@code null} when it has no ground-truth text
 */
public record ImageScore(Path image, int truePositives, int gtCare, int predCare, Double pageCer, double millis) {}
