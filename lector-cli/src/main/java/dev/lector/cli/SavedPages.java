package dev.lector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lector.render.JsonPageReader;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pages saved by {@code lector ocr --format jsonl}, by image file name, read back without models. */
final class SavedPages {

    private SavedPages() {}

    static Map<String, List<Page>> read(Path jsonl) throws IOException {
        Map<String, List<Page>> out = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) continue;
            try {
                JsonNode o = JsonRenderer.mapper().readTree(line);
                String image = o.path("image").asText(null);
                if (image == null) throw new IllegalArgumentException("no \"image\"");
                out.computeIfAbsent(image, k -> new ArrayList<>()).add(JsonPageReader.page(o));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(jsonl + " line " + n + ": not a page of 'lector ocr --format jsonl' (" + e.getMessage() + ")");
            }
        }
        return out;
    }
}
