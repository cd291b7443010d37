package dev.lector.server.jobs;

import dev.lector.extract.FieldExtractor;
import dev.lector.pipeline.OcrOptions;

/**
 * How to read a job, from its stored parameters: the engine options and, for extract jobs, the
 * field extractor (null for ocr).
 */
public record JobPlan(OcrOptions ocr, FieldExtractor extractor) {
    public JobPlan {
        if (ocr == null) throw new IllegalArgumentException("a job plan needs OCR options");
    }
}
