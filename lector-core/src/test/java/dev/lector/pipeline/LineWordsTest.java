package dev.lector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lector.geometry.Quad;
import dev.lector.image.ImageDecoder;
import dev.lector.image.PageImage;
import dev.lector.recognize.Glyph;
import dev.lector.recognize.Recognized;
import dev.lector.result.Line;
import dev.lector.result.Word;
import dev.lector.testing.TextRenderer;
import dev.lector.testing.TextRenderer.Placed;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Word boxes of Java2D-rendered lines, read by a stand-in recogniser that puts CTC peaks where the renderer drew each character. */
class LineWordsTest {

    private static final int PAGE_W = 900, PAGE_H = 120;

    @ParameterizedTest(name = "''{0}'' at {1} px, spaces read: {2}, underlined: {3}")
    @CsvSource({
        "Invoice number 4711 due 12 March, 20, true, false",
        "Invoice number 4711 due 12 March, 20, false, false",
        "Thank you for your order, 34, false, false",
        "Total due 129.50 EUR, 34, true, true",
        "Total due 129.50 EUR, 14, false, true",
        "ADDRESSED AND MAY CONTAIN, 12, false, false",
    })
    void wordBoxesCoverTheRenderersWords(String text, int size, boolean spacesRead, boolean underlined) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
        Placed placed = new Placed(text, 30, 30 + size);
        BufferedImage img = TextRenderer.render(PAGE_W, PAGE_H, font, placed);
        if (underlined) { // a form's rule line just under the text, longer than it
            Graphics2D g = img.createGraphics();
            g.setColor(Color.BLACK);
            g.fillRect(5, placed.y() + metrics(font).getDescent(), PAGE_W - 10, Math.max(1, size / 12));
            g.dispose();
        }
        PageImage page = ImageDecoder.fromBufferedImage(img);
        // the detector's box: the text's ink grown by a fifth of its height all round
        int[] ink = inkBox(img, placed.y() - metrics(font).getAscent(), placed.y() + metrics(font).getDescent());
        double grow = 0.2 * (ink[3] - ink[1]);
        Quad box = Quad.ofRect(ink[0] - grow, ink[1] - grow, ink[2] - ink[0] + 2 * grow, ink[3] - ink[1] + 2 * grow);
        LineCrop crop = LineCrop.of(page, box, 0, OcrOptions.DEFAULT_CROP_MARGIN, 0);

        Line line = LineWords.line(read(text, font, placed, crop, spacesRead), crop.image(), crop.line(), crop.quad(), 0, 0, PAGE_W, PAGE_H);

        List<double[]> expected = TextRenderer.wordBoxes(placed, font);
        assertThat(line.text()).isEqualTo(text);
        assertThat(line.words()).extracting(Word::text).containsExactly(text.split(" "));
        for (int k = 0; k < expected.size(); k++) {
            Word w = line.words().get(k);
            assertThat(iou(w.box(), expected.get(k))).as("IoU of '%s' against the renderer's box", w.text()).isGreaterThanOrEqualTo(0.5);
            assertThat(w.box().minX()).isGreaterThanOrEqualTo(line.box().minX() - 1e-6);
            assertThat(w.box().maxX()).isLessThanOrEqualTo(line.box().maxX() + 1e-6);
            assertThat(w.box().minY()).isGreaterThanOrEqualTo(line.box().minY() - 1e-6);
            assertThat(w.box().maxY()).isLessThanOrEqualTo(line.box().maxY() + 1e-6);
            if (k > 0) assertThat(w.box().minX()).as("'%s' starts after the previous word ends", w.text())
                    .isGreaterThanOrEqualTo(line.words().get(k - 1).box().maxX() - 1e-6);
        }
    }

    @ParameterizedTest(name = "''{0}'' at {1} px")
    @CsvSource({"合计金额：128元, 30, 合 计 金 额 ： 128 元", "第二行文字, 16, 第 二 行 文 字"})
    void cjkCharactersGetABoxEach(String text, int size, String split) {
        Font font = TextRenderer.font(true, size);
        assumeTrue(font != null, "no CJK font on this machine");
        Placed placed = new Placed(text, 30, 30 + size);
        BufferedImage img = TextRenderer.render(PAGE_W, PAGE_H, font, placed);
        int[] ink = inkBox(img, placed.y() - metrics(font).getAscent(), placed.y() + metrics(font).getDescent());
        double grow = 0.2 * (ink[3] - ink[1]);
        Quad box = Quad.ofRect(ink[0] - grow, ink[1] - grow, ink[2] - ink[0] + 2 * grow, ink[3] - ink[1] + 2 * grow);
        LineCrop crop = LineCrop.of(ImageDecoder.fromBufferedImage(img), box, 0, OcrOptions.DEFAULT_CROP_MARGIN, 0);

        Line line = LineWords.line(read(text, font, placed, crop, true), crop.image(), crop.line(), crop.quad(), 0, 0, PAGE_W, PAGE_H);

        FontMetrics m = metrics(font);
        // a character each; "128" is one run of digits
        assertThat(line.words()).extracting(Word::text).containsExactly(split.split(" "));
        int at = 0;
        for (Word w : line.words()) {
            double x0 = placed.x() + m.stringWidth(text.substring(0, at));
            double x1 = placed.x() + m.stringWidth(text.substring(0, at + w.text().length()));
            double[] drawn = {x0, placed.y() - m.getAscent(), x1, placed.y() + m.getDescent()};
            assertThat(iou(w.box(), drawn)).as("IoU of '%s' against its advance box", w.text()).isGreaterThanOrEqualTo(0.5);
            at += w.text().length();
        }
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR).createGraphics();
        FontMetrics m = g.getFontMetrics(font);
        g.dispose();
        return m;
    }

    /**
     * What a CTC recogniser gives for the crop: each character a two-step peak (8 crop pixels a
     * step at the model's 48 px height) at the middle of its advance, spaces read or left out.
     */
    private static Recognized read(String text, Font font, Placed placed, LineCrop crop, boolean spacesRead) {
        FontMetrics m = metrics(font);
        double left = crop.quad().topLeft().x(), width = crop.quad().topRight().x() - left;
        double step = 8.0 * crop.image().height() / 48;
        List<Glyph> glyphs = new ArrayList<>();
        StringBuilder read = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            String c = text.substring(i, i + 1);
            if (c.equals(" ") && !spacesRead) continue;
            double a = placed.x() + m.stringWidth(text.substring(0, i)), b = placed.x() + m.stringWidth(text.substring(0, i + 1));
            double centre = ((a + b) / 2 - left) / width;
            glyphs.add(new Glyph(c, 0.95, centre - step / width, centre + step / width));
            read.append(c);
        }
        return new Recognized(read.toString(), 0.95, glyphs);
    }

    /** The extent {x0, y0, x1, y1} of the dark pixels between rows {@code from} and {@code to}. */
    private static int[] inkBox(BufferedImage img, int from, int to) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int y = Math.max(0, from); y < Math.min(img.getHeight(), to); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFF) < 128 && !ruled(img, y)) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    private static boolean ruled(BufferedImage img, int y) {
        return (img.getRGB(img.getWidth() / 2 + 300, y) & 0xFF) < 128 && (img.getRGB(8, y) & 0xFF) < 128;
    }

    private static double iou(Quad q, double[] e) {
        double x0 = Math.max(q.minX(), e[0]), y0 = Math.max(q.minY(), e[1]);
        double x1 = Math.min(q.maxX(), e[2]), y1 = Math.min(q.maxY(), e[3]);
        double inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        double a = (q.maxX() - q.minX()) * (q.maxY() - q.minY()), b = (e[2] - e[0]) * (e[3] - e[1]);
        return inter / (a + b - inter);
    }
}
