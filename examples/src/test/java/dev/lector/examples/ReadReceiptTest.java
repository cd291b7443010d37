package dev.lector.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.testing.TextRenderer;
import dev.lector.testing.TextRenderer.Placed;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's example, as a user would, on a receipt drawn with Java2D. */
class ReadReceiptTest {

    private static final List<String> RECEIPT = List.of("CORNER CAFE", "Latte 4.50", "Croissant 3.20", "TOTAL 7.70");

    @Test
    void printsTheReceiptsTextThenEachLineWithItsScore(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("receipt.png");
        Placed[] placed = new Placed[RECEIPT.size()];
        for (int i = 0; i < placed.length; i++) placed[i] = new Placed(RECEIPT.get(i), 40, 70 + 70 * i);
        ImageIO.write(TextRenderer.render(520, 340, new Font(Font.SANS_SERIF, Font.PLAIN, 36), placed), "png", png.toFile());

        List<String> out = run(png.toString()).lines().toList();

        // document.text() first: the lines in reading order (blocks apart by a blank line; spaces
        // aside, which OCR may merge), then one row per line: page number, score, text
        int firstRow = out.indexOf(out.stream().filter(l -> l.startsWith("page ")).findFirst().orElseThrow());
        assertThat(out.subList(0, firstRow)).filteredOn(l -> !l.isBlank()).extracting(ReadReceiptTest::squeeze)
                .containsExactlyElementsOf(RECEIPT.stream().map(ReadReceiptTest::squeeze).toList());
        List<String> rows = out.subList(firstRow, out.size());
        assertThat(rows).hasSize(RECEIPT.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(" {2}", 3);
            assertThat(f[0]).isEqualTo("page 1");
            assertThat(Double.parseDouble(f[1].replace(',', '.'))).isBetween(0.5, 1.0);
            assertThat(squeeze(f[2])).isEqualTo(squeeze(RECEIPT.get(i)));
        }
    }

    @Test
    void theDocumentedExampleIsThisCode() throws Exception {
        // the library guide and the README show this very class
        String code = Files.readString(Path.of("src/main/java/dev/lector/examples/ReadReceipt.java"));
        String body = code.substring(code.indexOf("import "));
        for (Path doc : List.of(Path.of("../docs/library.md"), Path.of("../README.md"))) {
            String text = Files.readString(doc);
            assertThat(text).as(doc + " shows examples/src/main/java/dev/lector/examples/ReadReceipt.java").contains(body.strip());
        }
    }

    private static String run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            ReadReceipt.main(args);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String squeeze(String s) {
        return s.replace(" ", "");
    }
}
