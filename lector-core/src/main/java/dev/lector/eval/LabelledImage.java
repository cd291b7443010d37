package dev.lector.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image of a labelled evaluation set.
 *
 * @param image  the image file, resolved against the folder of the labels file
 * @param width  width in pixels as labelled
 * @param height height in pixels as labelled
 * @param lines  ground-truth regions in file order, which is the reference reading order
 * @param fields key information ({@code "fields"} of the labels file), empty where there is none;
 *               values are what Jackson reads JSON into (String, Number, Boolean, List, Map, null)
 * @param words  word-level regions where the set labels them (FUNSD: {@code entities[].words}),
 *               else empty; words without text are don't-care regions
 */
public record LabelledImage(Path image, int width, int height, List<GroundTruthLine> lines, Map<String, Object> fields,
                            List<GroundTruthLine> words) {

    /** An image without word labels. */
    public LabelledImage(Path image, int width, int height, List<GroundTruthLine> lines, Map<String, Object> fields) {
        this(image, width, height, lines, fields, List.of());
    }

    public LabelledImage {
        if (image == null) throw new IllegalArgumentException("image path must not be null");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height + " for " + image);
        }
        lines = List.copyOf(lines);
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** Whether any counted (not ignored) line has a transcription, so text metrics apply. */
    public boolean hasText() {
        for (GroundTruthLine line : lines) {
            if (line.care() && line.text() != null) return true;
        }
        return false;
    }

    /** Transcriptions of the counted lines that have one, in file (reading) order. */
    public List<String> referenceTexts() {
        List<String> out = new ArrayList<>();
        for (GroundTruthLine line : lines) {
            if (line.care() && line.text() != null) out.add(line.text());
        }
        return out;
    }
}
