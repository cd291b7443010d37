package dev.lector.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.image.ImageDecoder;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.Page;
import dev.lector.result.Word;
import dev.lector.testing.TextRenderer;
import dev.lector.testing.TextRenderer.Placed;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Documents read by the real models: pages turned and skewed, columns, tables, word boxes. */
class DocumentEndToEndTest {

    private static OcrEngine engine;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 34);
    private static final Placed[] LETTER = {
        new Placed("Invoice number 4711", 60, 80),
        new Placed("Delivered on 12 March 2026", 60, 150),
        new Placed("Total due 129.50 EUR", 60, 220),
        new Placed("Thank you for your order", 60, 290),
    };

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(EngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Line texts without spaces, NFKC (the recogniser sometimes reads a full-width digit). */
    private static List<String> squeezed(Page p) {
        return p.lines().stream().map(l -> java.text.Normalizer.normalize(l.text(), java.text.Normalizer.Form.NFKC)
                .replaceAll("\\s+", "")).toList();
    }

    private static List<String> squeezed(Placed... texts) {
        List<String> out = new ArrayList<>();
        for (Placed t : texts) out.add(t.text().replaceAll("\\s+", ""));
        return out;
    }

    private static Page read(BufferedImage img) {
        return engine.process(ImageDecoder.fromBufferedImage(img), OcrOptions.DEFAULT);
    }

    @ParameterizedTest(name = "turned {0} degrees")
    @ValueSource(ints = {0, 90, 180, 270})
    void turnedPagesReadInOrder(int turn) {
        BufferedImage upright = TextRenderer.render(700, 360, FONT, LETTER);
        Page p = read(TextRenderer.turned(upright, turn));
        assertThat(p.rotation()).isEqualTo(turn);
        assertThat(squeezed(p)).containsExactlyElementsOf(squeezed(LETTER));
        assertThat(p.lines()).allSatisfy(l -> assertThat(l.orientation()).isEqualTo(turn));
    }

    @Test
    void aSkewedPageReadsInOrderAndReportsItsSkew() {
        BufferedImage upright = TextRenderer.render(800, 400, FONT, LETTER);
        Page p = read(TextRenderer.skewed(upright, 3));
        assertThat(squeezed(p)).containsExactlyElementsOf(squeezed(LETTER));
        assertThat(p.skew()).isBetween(2.0, 4.0);
        assertThat(p.rotation()).isZero();
    }

    @Test
    void chineseTurnedPageReadsInOrder() {
        Font cjk = TextRenderer.font(true, 34);
        Assumptions.assumeTrue(cjk != null, "no CJK font on this machine");
        Placed[] lines = {new Placed("发票号码是四七八九", 60, 80), new Placed("合计一百二十九元", 60, 150),
                new Placed("谢谢您的惠顾", 60, 220), new Placed("欢迎再次光临本店", 60, 290)};
        Page p = read(TextRenderer.turned(TextRenderer.render(600, 360, cjk, lines), 90));
        assertThat(p.rotation()).isEqualTo(90);
        assertThat(squeezed(p)).containsExactlyElementsOf(squeezed(lines));
        // CJK lines split into one word per character
        assertThat(p.lines().getFirst().words()).hasSize(9);
    }

    @Test
    void twoColumnsAreReadColumnByColumn() {
        // two columns of running text, a gutter of about two line heights between them
        Placed[] page = {
            new Placed("The left column starts here", 40, 80), new Placed("The right column is read", 500, 80),
            new Placed("and it goes on for several", 40, 130), new Placed("only after the whole left", 500, 130),
            new Placed("lines of running text that", 40, 180), new Placed("column has been read to", 500, 180),
            new Placed("wrap at the column edge.", 40, 230), new Placed("its very last line here.", 500, 230),
        };
        Page p = read(TextRenderer.render(920, 280, new Font(Font.SANS_SERIF, Font.PLAIN, 26), page));
        assertThat(squeezed(p)).containsExactlyElementsOf(squeezed(page[0], page[2], page[4], page[6],
                page[1], page[3], page[5], page[7]));
        assertThat(p.blocks()).hasSize(2);
    }

    @Test
    void aTableIsReadRowByRow() {
        Placed[] table = {
            new Placed("Coffee", 40, 80), new Placed("2", 420, 80), new Placed("7.00", 620, 80),
            new Placed("Bread", 40, 140), new Placed("1", 420, 140), new Placed("3.20", 620, 140),
            new Placed("Butter", 40, 200), new Placed("3", 420, 200), new Placed("5.70", 620, 200),
        };
        Page p = read(TextRenderer.render(800, 260, FONT, table));
        assertThat(squeezed(p)).containsExactlyElementsOf(squeezed(table));
        assertThat(p.blocks()).extracting(b -> b.kind()).containsExactly(BlockKind.TABLE);
    }

    @Test
    void wordBoxesCoverTheirRenderedWords() {
        Page p = read(TextRenderer.render(700, 360, FONT, LETTER));
        int matched = 0, total = 0;
        for (int i = 0; i < LETTER.length; i++) {
            Line line = p.lines().get(i);
            List<double[]> expected = TextRenderer.wordBoxes(LETTER[i], FONT);
            assertThat(line.words()).as("words of '%s'", line.text()).hasSize(expected.size());
            for (int k = 0; k < expected.size(); k++) {
                Word w = line.words().get(k);
                total++;
                if (iou(w, expected.get(k)) >= 0.5) matched++;
                // inside the line, inside the page
                assertThat(w.box().minX()).isGreaterThanOrEqualTo(line.box().minX() - 1);
                assertThat(w.box().maxX()).isLessThanOrEqualTo(line.box().maxX() + 1);
                assertThat(w.box().minY()).isGreaterThanOrEqualTo(Math.min(line.box().minY() - 1, 0) < 0 ? 0 : line.box().minY() - 1);
                assertThat(w.box().maxY()).isLessThanOrEqualTo(Math.min(line.box().maxY() + 1, p.height()));
            }
        }
        assertThat(matched).as("words with IoU >= 0.5 against the renderer's boxes").isEqualTo(total);
    }

    private static double iou(Word w, double[] e) {
        double x0 = Math.max(w.box().minX(), e[0]), y0 = Math.max(w.box().minY(), e[1]);
        double x1 = Math.min(w.box().maxX(), e[2]), y1 = Math.min(w.box().maxY(), e[3]);
        double inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        double a = (w.box().maxX() - w.box().minX()) * (w.box().maxY() - w.box().minY());
        double b = (e[2] - e[0]) * (e[3] - e[1]);
        return inter / (a + b - inter);
    }
}
