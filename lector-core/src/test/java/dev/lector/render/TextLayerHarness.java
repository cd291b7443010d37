package dev.lector.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.result.Document;
import dev.lector.result.Page;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Dev-only: re-renders searchable PDFs from saved OCR output, so the text layer can be tuned and
 * measured without running the models again. Usage:
 * {@code TextLayerHarness PAGES.jsonl IMAGE_DIR OUT_DIR} (the lines of {@code lector ocr --format
 * jsonl}); writes {@code OUT_DIR/pdf/X.pdf} and Lector's own text as {@code OUT_DIR/json/X.txt}.
 */
public final class TextLayerHarness {
    private TextLayerHarness() {}

    public static void main(String[] args) throws Exception {
        Path jsonl = Path.of(args[0]), images = Path.of(args[1]), out = Path.of(args[2]);
        Files.createDirectories(out.resolve("pdf"));
        Files.createDirectories(out.resolve("json"));
        ObjectMapper mapper = new ObjectMapper();
        long inBytes = 0, outBytes = 0;
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String l; (l = r.readLine()) != null; ) {
                if (l.isBlank()) continue;
                JsonNode node = mapper.readTree(l);
                String name = node.get("image").asText();
                String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                Page page = JsonPageReader.page(node);
                byte[] image = Files.readAllBytes(images.resolve(name));
                byte[] pdf = SearchablePdf.fromImage(image, new Document(List.of(page)), name);
                Files.write(out.resolve("pdf").resolve(stem + ".pdf"), pdf);
                Files.writeString(out.resolve("json").resolve(stem + ".txt"), page.text(), StandardCharsets.UTF_8);
                inBytes += image.length;
                outBytes += pdf.length;
                n++;
            }
        }
        System.out.printf("%d PDFs, %d bytes of images in, %d bytes of PDF out (%.4fx)%n", n, inBytes, outBytes, (double) outBytes / inBytes);
    }
}
