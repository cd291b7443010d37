package dev.lector.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lector.image.ImageDecoder;
import dev.lector.image.PageImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordSplitterTest {

    /** Characters of {@code text} with narrow peaks at evenly spaced centres over [0.05, 0.95]. */
    private static List<Glyph> glyphs(String text) {
        List<Glyph> out = new ArrayList<>();
        int n = text.codePointCount(0, text.length());
        int k = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            double c = 0.05 + 0.9 * (k + 0.5) / n;
            out.add(new Glyph(new String(Character.toChars(cp)), 0.9, c - 0.005, c + 0.005));
            i += Character.charCount(cp);
            k++;
        }
        return out;
    }

    @Test
    void latinSplitsOnSpacesAndCjkPerCharacter() {
        assertThat(WordSplitter.split(glyphs("total due 12.50"))).extracting(WordSpan::text)
                .containsExactly("total", "due", "12.50");
        assertThat(WordSplitter.split(glyphs("合计：2026年"))).extracting(WordSpan::text)
                .containsExactly("合", "计", "：", "2026", "年");
        assertThat(WordSplitter.split(glyphs("   "))).isEmpty();
    }

    @Test
    void wordsSpanTheirCharactersAndDoNotOverlap() {
        List<WordSpan> words = WordSplitter.split(glyphs("ab cd"));
        // pitch 0.18: "ab" centres 0.14 and 0.32 -> 0.05..0.41; "cd" 0.68 and 0.86 -> 0.59..0.95
        assertThat(words.get(0).start()).isCloseTo(0.05, within(1e-9));
        assertThat(words.get(0).end()).isCloseTo(0.41, within(1e-9));
        assertThat(words.get(1).start()).isCloseTo(0.59, within(1e-9));
        assertThat(words.get(1).end()).isCloseTo(0.95, within(1e-9));
        assertThat(words.get(0).score()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void aSpaceTheRecogniserLeftOutIsFoundInTheInk() {
        // "ab" and "cd" drawn with a wide blank between them, read as "abcd" (no space class)
        BufferedImage img = new BufferedImage(200, 40, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 40);
        g.setColor(Color.BLACK);
        g.fillRect(10, 10, 16, 20);
        g.fillRect(30, 10, 16, 20);
        g.fillRect(60, 10, 16, 20);
        g.fillRect(80, 10, 16, 20);
        g.dispose();
        PageImage crop = ImageDecoder.fromBufferedImage(img);
        InkGaps.Gaps ink = InkGaps.of(crop);
        assertThat(ink.inkStart()).isCloseTo(0.05, within(1e-9));
        assertThat(ink.inkEnd()).isCloseTo(0.48, within(1e-9));
        assertThat(ink.gaps()).hasSize(1); // 46..60; the 4 px gaps between letters are no spaces
        // centres 0.09, 0.19, 0.34, 0.44: the wider step alone is under twice the pitch
        List<Glyph> read = List.of(new Glyph("a", 0.9, 0.08, 0.1), new Glyph("b", 0.9, 0.18, 0.2),
                new Glyph("c", 0.9, 0.33, 0.35), new Glyph("d", 0.9, 0.43, 0.45));
        WordSplitter.Split split = WordSplitter.splitLine(read, ink);
        assertThat(split.text()).isEqualTo("ab cd");
        assertThat(split.words()).extracting(WordSpan::text).containsExactly("ab", "cd");
        // edges on the ink
        assertThat(split.words().get(0).start()).isCloseTo(0.05, within(1e-9));
        assertThat(split.words().get(0).end()).isCloseTo(0.23, within(1e-9));
        assertThat(split.words().get(1).start()).isCloseTo(0.30, within(1e-9));
        assertThat(split.words().get(1).end()).isCloseTo(0.48, within(1e-9));
        // without the ink, the same glyphs stay one word
        assertThat(WordSplitter.split(read)).extracting(WordSpan::text).containsExactly("abcd");
    }

    @Test
    void numbersAreNeverBrokenApart() {
        // "39.80" with a wide step after the point, as a proportional font spaces a narrow '.' and '1'
        List<Glyph> read = List.of(new Glyph("3", 0.9, 0.09, 0.11), new Glyph("9", 0.9, 0.19, 0.21),
                new Glyph(".", 0.9, 0.29, 0.31), new Glyph("8", 0.9, 0.69, 0.71), new Glyph("0", 0.9, 0.79, 0.81));
        InkGaps.Gaps ink = new InkGaps.Gaps(0.05, 0.85, List.of(new double[] {0.35, 0.6}));
        WordSplitter.Split split = WordSplitter.splitLine(read, ink);
        assertThat(split.text()).isEqualTo("39.80");
        assertThat(split.words()).extracting(WordSpan::text).containsExactly("39.80");
        // next to a letter the same step is a space: "Total" then "12"
        List<Glyph> total = List.of(new Glyph("T", 0.9, 0.09, 0.11), new Glyph("o", 0.9, 0.19, 0.21),
                new Glyph("1", 0.9, 0.69, 0.71), new Glyph("2", 0.9, 0.79, 0.81));
        assertThat(WordSplitter.splitLine(total, ink).text()).isEqualTo("To 12");
    }

    @Test
    void aBlankCropHasNoGaps() {
        BufferedImage img = new BufferedImage(100, 30, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, 100, 30);
        g.dispose();
        assertThat(InkGaps.of(ImageDecoder.fromBufferedImage(img))).isEqualTo(InkGaps.Gaps.NONE);
    }
}
