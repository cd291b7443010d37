package dev.lector.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.extract.Templates;
import dev.lector.image.PageRange;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.render.FieldsJson;
import dev.lector.render.JsonRenderer;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.testing.TextRenderer;
import dev.lector.testing.TextRenderer.Placed;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole job on {@code local[2]}, as {@code ./lector-spark} runs it: a folder with two images
 * (one in a sub-folder), a three-page PDF and a broken file; every page row must carry the text an
 * engine of its own gives for the same file, numbered as in the file, and the broken file a row
 * with its error.
 */
class LectorSparkTest {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 34);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyPageIsARowWithTheEnginesTextAndTheBrokenFileARowWithItsError() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in/sub"));
        png(in.getParent().resolve("receipt.png"), new Placed("SUNRISE STORE", 40, 60),
                new Placed("Date 12/03/2026", 40, 130), new Placed("TOTAL 42.50", 40, 200));
        png(in.resolve("note.png"), new Placed("Invoice number 4711", 40, 60), new Placed("Thank you", 40, 130));
        Files.write(in.getParent().resolve("scan.pdf"), pdf("First page 111", "Second page 222", "Third page 333"));
        Files.write(in.getParent().resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x13, 0x37});
        Path out = tmp.resolve("out");

        int code = new CommandLine(new LectorSpark()).execute("--master", "local[2]", "--input", in.getParent().toString(),
                "--recursive", "--output", out.toString(), "--format", "jsonl", "--template", "receipt");
        assertThat(code).isZero();

        Map<String, List<JsonNode>> rows = new HashMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    JsonNode row = JSON.readTree(line);
                    rows.computeIfAbsent(Path.of(row.get("path").asText().replaceFirst("^file:", "")).getFileName().toString(),
                            k -> new ArrayList<>()).add(row);
                }
            }
        }
        assertThat(rows).containsOnlyKeys("receipt.png", "note.png", "scan.pdf", "broken.jpg");

        try (OcrEngine engine = OcrEngine.open(EngineConfig.defaults())) {
            for (String name : List.of("receipt.png", "note.png", "scan.pdf")) {
                Path file = name.equals("note.png") ? in.resolve(name) : in.getParent().resolve(name);
                Document expected = engine.read(Files.readAllBytes(file), PageRange.ALL, OcrOptions.DEFAULT);
                List<JsonNode> got = rows.get(name).stream().sorted((a, b) -> a.get("page").asInt() - b.get("page").asInt()).toList();
                assertThat(got).as(name).hasSize(expected.pages().size());
                for (int i = 0; i < got.size(); i++) {
                    Page page = expected.pages().get(i);
                    JsonNode row = got.get(i);
                    assertThat(page.text()).as(name + " page " + (i + 1)).isNotBlank();
                    assertThat(row.get("error").isNull()).as(name).isTrue();
                    assertThat(row.get("page").asInt()).isEqualTo(page.number()).isEqualTo(i + 1);
                    assertThat(row.get("text").asText()).as(name + " page " + (i + 1)).isEqualTo(page.text());
                    List<String> lineTexts = new ArrayList<>();
                    for (JsonNode l : JSON.readTree(row.get("lines").asText())) lineTexts.add(l.get("text").asText());
                    assertThat(lineTexts).isEqualTo(page.lines().stream().map(Line::text).toList());
                    JsonNode fields = JSON.readTree(row.get("fields").asText());
                    JsonNode want = FieldsJson.addTo(JsonRenderer.mapper().createObjectNode(), Templates.extractor("receipt").extract(page));
                    assertThat(fields).isEqualTo(JSON.readTree(JsonRenderer.toJson(want)));
                }
            }
            assertThat(rows.get("scan.pdf").stream().map(r -> r.get("text").asText()))
                    .anySatisfy(t -> assertThat(t).contains("First")).anySatisfy(t -> assertThat(t).contains("Third"));
        }

        assertThat(rows.get("broken.jpg")).singleElement().satisfies(row -> {
            assertThat(row.get("error").asText()).isNotBlank();
            assertThat(row.get("text").isNull()).isTrue();
            assertThat(row.get("page").isNull()).isTrue();
        });
    }

    private static void png(Path file, Placed... texts) throws IOException {
        ImageIO.write(TextRenderer.render(640, 260, FONT, texts), "png", file.toFile());
    }

    /** A PDF of scanned-like pages: each an image of one line of text, at 150 dpi. */
    private static byte[] pdf(String... pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            for (String text : pages) {
                BufferedImage img = TextRenderer.render(900, 300, FONT, new Placed(text, 60, 160));
                PDPage page = new PDPage(new PDRectangle(img.getWidth() * 72f / 150, img.getHeight() * 72f / 150));
                doc.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(doc, img);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.drawImage(image, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            doc.save(bytes);
            return bytes.toByteArray();
        }
    }
}
