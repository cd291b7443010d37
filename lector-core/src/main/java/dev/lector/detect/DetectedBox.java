package dev.lector.detect;

import dev.lector.geometry.Quad;

/** A text region found by the detector, in original-image pixels, with its mean probability. */
public record DetectedBox(Quad quad, double score) {}
