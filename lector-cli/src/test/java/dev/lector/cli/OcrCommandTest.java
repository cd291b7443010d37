package dev.lector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lector.testing.TextRenderer;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real command, in-process, over a folder with good and bad files. */
class OcrCommandTest {

    private static void writePng(Path file, String text) throws Exception {
        var img = TextRenderer.render(640, 120, new Font(Font.SANS_SERIF, Font.PLAIN, 40),
                new TextRenderer.Placed(text, 30, 75));
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void aFolderWithOneBadFileReportsItAndStillReadsTheRest(@TempDir Path dir) throws Exception {
        writePng(dir.resolve("a.png"), "Apples 12");
        writePng(dir.resolve("c.png"), "Cherries 34");
        Files.writeString(dir.resolve("b.jpg"), "this is a text file, not a JPEG");
        byte[] jpeg;
        try (var bos = new ByteArrayOutputStream()) {
            ImageIO.write(TextRenderer.render(200, 80, new Font(Font.SANS_SERIF, Font.PLAIN, 30)), "jpg", bos);
            jpeg = bos.toByteArray();
        }
        Files.write(dir.resolve("d.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2)); // truncated
        Files.write(dir.resolve("e.png"), new byte[0]);                           // empty

        CliRun run = CliRun.lector("ocr", "--format", "jsonl", "--threads", "2", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        List<JsonNode> results = run.out().lines().map(OcrCommandTest::json).toList();
        assertThat(results).extracting(n -> n.get("image").asText()).containsExactly("a.png", "c.png");
        assertThat(results).extracting(n -> n.get("text").asText().replace(" ", "")).containsExactly("Apples12", "Cherries34");
        assertThat(results.getFirst().has("ms")).isTrue();
        assertThat(results.getFirst().get("lines").get(0).get("points")).hasSize(4);
        assertThat(run.err()).contains("b.jpg").contains("d.jpg").contains("e.png");
    }

    @Test
    void aMissingFileFailsWithANonZeroExit(@TempDir Path dir) {
        CliRun run = CliRun.lector("ocr", dir.resolve("nothing-here.png").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("nothing-here.png").contains("no such file");
    }

    @Test
    void pdfPagesKeepTheirOwnNumbersAndEachLineFollowsTheContract(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("three.pdf");
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            for (String text : List.of("First page", "Second page 22", "Third page 33")) {
                var page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 28);
                    cs.newLineAtOffset(72, 680);
                    cs.showText(text);
                    cs.endText();
                }
            }
            doc.save(pdf.toFile());
        }
        CliRun run = CliRun.lector("ocr", "--format", "jsonl", "--pages", "2-3", pdf.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> pages = run.out().lines().map(OcrCommandTest::json).toList();
        assertThat(pages).extracting(n -> n.get("page").asInt()).containsExactly(2, 3);
        assertThat(pages).extracting(n -> n.get("text").asText().replace(" ", "")).containsExactly("Secondpage22", "Thirdpage33");
        JsonNode p = pages.getFirst();
        assertThat(p.get("image").asText()).isEqualTo("three.pdf");
        // the page contract, field by field
        assertThat(p.get("width").asInt()).isPositive();
        assertThat(p.get("height").asInt()).isGreaterThan(p.get("width").asInt());
        assertThat(p.get("rotation").asInt()).isZero();
        assertThat(p.get("skew").isNumber()).isTrue();
        assertThat(p.get("timings_ms").has("total")).isTrue();
        assertThat(p.get("model").has("rec")).isTrue();
        assertThat(p.get("ms").isNumber()).isTrue();
        JsonNode line = p.get("lines").get(0);
        assertThat(line.get("text").isTextual()).isTrue();
        assertThat(line.get("score").asDouble()).isBetween(0.5, 1.0);
        assertThat(line.get("points")).hasSize(4);
        assertThat(line.get("orientation").asInt()).isZero();
        assertThat(line.get("words")).isNotEmpty();
        JsonNode word = line.get("words").get(0);
        assertThat(word.get("text").asText()).isNotBlank();
        assertThat(word.get("score").isNumber()).isTrue();
        assertThat(word.get("points")).hasSize(4);
        JsonNode block = p.get("blocks").get(0);
        assertThat(block.get("kind").asText()).isIn("paragraph", "heading", "table");
        assertThat(block.get("points")).hasSize(4);
        assertThat(block.get("lines").get(0).asInt()).isZero();

        CliRun text = CliRun.lector("ocr", "--pages", "3", pdf.toString());
        assertThat(text.out()).contains("[page 3]");
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
