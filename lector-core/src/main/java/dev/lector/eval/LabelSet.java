package dev.lector.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.geometry.Point;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a {@code labels.jsonl} evaluation file: one JSON object per line,
 * {@code {"image": "images/x.jpg", "width": W, "height": H, "lines": [{"text": "..." | null,
 * "points": [[x,y], ...], "ignore": false}, ...], "fields": {...}}}. Unknown keys (meta, block,
 * label, entities, ...) are skipped; blank lines are allowed.
 */
public final class LabelSet {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LabelSet() {}

    /**
     * The images of a labels file, one line read at a time. The stream holds the file open:
     * close it (try-with-resources). A malformed line fails with {@link LabelFormatException}.
     */
    public static Stream<LabelledImage> read(Path labelsJsonl) throws IOException {
        BufferedReader reader = Files.newBufferedReader(labelsJsonl, StandardCharsets.UTF_8);
        Path baseDir = labelsJsonl.toAbsolutePath().getParent();
        Iterator<LabelledImage> images = new Iterator<>() {
            private int lineNumber;
            private LabelledImage next;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        lineNumber++;
                        if (!text.isBlank()) {
                            next = parse(text, baseDir, labelsJsonl, lineNumber);
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException("reading " + labelsJsonl + " after line " + lineNumber, e);
                }
            }

            @Override
            public LabelledImage next() {
                if (!hasNext()) throw new NoSuchElementException();
                LabelledImage out = next;
                next = null;
                return out;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(images, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Every image of a labels file, read at once. */
    public static List<LabelledImage> readAll(Path labelsJsonl) throws IOException {
        try (Stream<LabelledImage> images = read(labelsJsonl)) {
            return images.toList();
        }
    }

    static LabelledImage parse(String json, Path baseDir, Path file, int lineNumber) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LabelFormatException(file, lineNumber, "not JSON: " + e.getOriginalMessage(), e);
        }
        try {
            String image = requireText(root, "image");
            List<GroundTruthLine> lines = new ArrayList<>();
            JsonNode lineNodes = root.path("lines");
            if (!lineNodes.isArray()) throw new IllegalArgumentException("\"lines\" must be an array");
            for (int i = 0; i < lineNodes.size(); i++) {
                lines.add(parseLine(lineNodes.get(i), i));
            }
            JsonNode fieldsNode = root.path("fields");
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = fieldsNode.isObject() ? MAPPER.convertValue(fieldsNode, Map.class) : Map.of();
            List<GroundTruthLine> words = new ArrayList<>();
            JsonNode entities = root.path("entities");
            for (int e = 0; e < entities.size(); e++) {
                JsonNode wordNodes = entities.get(e).path("words");
                for (int w = 0; w < wordNodes.size(); w++) {
                    GroundTruthLine word = parseLine(wordNodes.get(w), w);
                    // a word with no text is a don't-care region, like an ignored line
                    boolean blank = word.text() == null || word.text().isBlank();
                    words.add(blank ? new GroundTruthLine(word.text(), word.polygon(), true) : word);
                }
            }
            return new LabelledImage(baseDir.resolve(image).normalize(), requireInt(root, "width"),
                    requireInt(root, "height"), lines, fields, words);
        } catch (IllegalArgumentException e) {
            throw new LabelFormatException(file, lineNumber, e.getMessage(), e);
        }
    }

    private static GroundTruthLine parseLine(JsonNode node, int index) {
        if (!node.isObject()) throw new IllegalArgumentException("lines[" + index + "] must be an object");
        JsonNode text = node.path("text");
        if (!text.isMissingNode() && !text.isNull() && !text.isTextual()) {
            throw new IllegalArgumentException("lines[" + index + "].text must be a string or null");
        }
        JsonNode points = node.path("points");
        if (!points.isArray()) throw new IllegalArgumentException("lines[" + index + "].points must be an array");
        List<Point> polygon = new ArrayList<>(points.size());
        for (JsonNode p : points) {
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new IllegalArgumentException("lines[" + index + "].points must be [x, y] number pairs");
            }
            polygon.add(new Point(p.get(0).asDouble(), p.get(1).asDouble()));
        }
        if (polygon.size() < 3) {
            throw new IllegalArgumentException("lines[" + index + "] has " + polygon.size() + " points, needs at least 3");
        }
        return new GroundTruthLine(text.isTextual() ? text.asText() : null, polygon, node.path("ignore").asBoolean(false));
    }

    private static String requireText(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (!node.isTextual() || node.asText().isEmpty()) throw new IllegalArgumentException("\"" + key + "\" must be a non-empty string");
        return node.asText();
    }

    private static int requireInt(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (!node.canConvertToInt()) throw new IllegalArgumentException("\"" + key + "\" must be an integer");
        return node.asInt();
    }
}
