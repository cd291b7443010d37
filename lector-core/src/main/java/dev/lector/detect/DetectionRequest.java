package dev.lector.detect;

import dev.lector.image.PageImage;

/** A page to detect text in, with the knobs for this request. */
public record DetectionRequest(PageImage image, DbParams params) {}
