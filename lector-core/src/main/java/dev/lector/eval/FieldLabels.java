package dev.lector.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key information of a labels file: per image its {@code fields} (name -> value, SROIE) and
 * its {@code kv_pairs} ({@code [{"key","value"}]}, FUNSD).
 */
public final class FieldLabels {

    /** One labelled image's key information. */
    public record Image(String image, Path path, Map<String, String> fields, List<Pair> pairs) {
        public Image {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            pairs = List.copyOf(pairs);
        }

        /** The image's file name (what {@code lector ocr} prints as {@code "image"}). */
        public String fileName() {
            return path.getFileName().toString();
        }
    }

    /** A labelled key -> value pair. */
    public record Pair(String key, String value) {}

    private FieldLabels() {}

    public static List<Image> read(Path labelsJsonl) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path base = labelsJsonl.toAbsolutePath().getParent();
        List<Image> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(labelsJsonl, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) continue;
            JsonNode o;
            try {
                o = mapper.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new LabelFormatException(labelsJsonl, n, "not valid JSON", e);
            }
            String image = o.path("image").asText(null);
            if (image == null) throw new LabelFormatException(labelsJsonl, n, "no \"image\"", null);
            Map<String, String> fields = new LinkedHashMap<>();
            JsonNode f = o.get("fields");
            if (f != null && f.isObject() && !o.has("kv_pairs")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) fields.put(e.getKey(), e.getValue().asText());
                }
            }
            List<Pair> pairs = new ArrayList<>();
            JsonNode kv = o.get("kv_pairs");
            if (kv != null && kv.isArray()) {
                for (JsonNode p : kv) pairs.add(new Pair(p.path("key").asText(""), p.path("value").asText("")));
            }
            out.add(new Image(image, base.resolve(image), fields, pairs));
        }
        return out;
    }
}
