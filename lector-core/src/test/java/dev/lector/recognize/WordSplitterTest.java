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
        InkGaps ink = InkGaps.of(crop);
        assertThat(ink.inkStart()).isCloseTo(0.05, within(1e-9));
        assertThat(ink.inkEnd()).isCloseTo(0.48, within(1e-9));
        assertThat(ink.blanks()).hasSize(3); // 26..30, 46..60, 76..80: only the middle one is wide enough for a space
        // centres 0.09, 0.19, 0.34, 0.44: the wider step alone is under twice the pitch
        List<Glyph> read = List.of(new Glyph("a", 0.9, 0.08, 0.1), new Glyph("b", 0.9, 0.18, 0.2),
                new Glyph("c", 0.9, 0.33, 0.35), new Glyph("d", 0.9, 0.43, 0.45));
        WordSplitter.Split split = WordSplitter.splitLine(read, ink);
        assertThat(split.text()).isEqualTo("ab cd");
        assertThat(split.words()).extracting(WordSpan::text).containsExactly("ab", "cd");
        // edges on the ink (10, 46 and 60, 96 px), then the line box's margin around the ink (10 px
        // above and below) added, half of it (5 px = 0.025) along the line: 5..51 and 55..101
        assertThat(split.words().get(0).start()).isCloseTo(0.025, within(1e-9));
        assertThat(split.words().get(0).end()).isCloseTo(0.255, within(1e-9));
        assertThat(split.words().get(1).start()).isCloseTo(0.275, within(1e-9));
        assertThat(split.words().get(1).end()).isCloseTo(0.505, within(1e-9));
        assertThat(split.words().get(0).top()).isZero();
        assertThat(split.words().get(0).bottom()).isEqualTo(1);
        // without the ink, the same glyphs stay one word
        assertThat(WordSplitter.split(read)).extracting(WordSpan::text).containsExactly("abcd");
    }

    @Test
    void numbersAreNeverBrokenApart() {
        // "39.80" with a wide step after the point, as a proportional font spaces a narrow '.' and '1'
        List<Glyph> read = List.of(new Glyph("3", 0.9, 0.09, 0.11), new Glyph("9", 0.9, 0.19, 0.21),
                new Glyph(".", 0.9, 0.29, 0.31), new Glyph("8", 0.9, 0.69, 0.71), new Glyph("0", 0.9, 0.79, 0.81));
        boolean[] columns = new boolean[100];
        for (int x = 5; x < 85; x++) columns[x] = x < 35 || x >= 60;
        InkGaps ink = InkGaps.ofColumns(columns, 10);
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
        assertThat(InkGaps.of(ImageDecoder.fromBufferedImage(img))).isEqualTo(InkGaps.NONE);
    }

    /** A white crop with black boxes {x0, y0, x1, y1} (exclusive ends). */
    private static PageImage boxes(int width, int height, int[]... boxes) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        for (int[] b : boxes) g.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
        g.dispose();
        return ImageDecoder.fromBufferedImage(img);
    }

    /** Narrow peaks at the centres (px) of a crop {@code width} wide. */
    private static List<Glyph> peaks(int width, String text, double... centres) {
        List<Glyph> out = new ArrayList<>();
        for (int i = 0; i < centres.length; i++) {
            out.add(new Glyph(text.substring(i, i + 1), 0.9, (centres[i] - 1) / width, (centres[i] + 1) / width));
        }
        return out;
    }

    @Test
    void lettersThatTouchStillLeaveTheSpaceBetweenWords() {
        // bold print: "abc" and "de" with no blank between their letters, 4 px between the words
        // (a fifth of the crop's height), which is also the only blank stretch on the line
        PageImage crop = boxes(100, 20, new int[] {10, 4, 40, 16}, new int[] {44, 4, 64, 16});
        List<Glyph> read = peaks(100, "abcde", 15, 25, 35, 49, 59);
        WordSplitter.Split split = WordSplitter.splitLine(read, InkGaps.of(crop));
        assertThat(split.text()).isEqualTo("abc de");
        assertThat(split.words()).extracting(WordSpan::text).containsExactly("abc", "de");
    }

    @Test
    void aRuleLineUnderTheTextDoesNotCloseTheGaps() {
        // a form's underline inside the crop's middle rows, under "ab cd" only (a third of the
        // crop's width, but over twice its height long), and a dotted rule along the whole crop
        int[] a = {10, 4, 46, 22}, c = {60, 4, 96, 22};
        List<int[]> dotted = new ArrayList<>(List.of(a, c));
        for (int x = 0; x < 300; x += 6) dotted.add(new int[] {x, 23, x + 5, 25});
        for (PageImage crop : List.of(boxes(300, 30, a, c, new int[] {5, 23, 100, 25}), boxes(300, 30, dotted.toArray(int[][]::new)))) {
            InkGaps ink = InkGaps.of(crop);
            assertThat(ink.blanks()).hasSize(1);
            List<Glyph> read = peaks(300, "abcd", 19, 37, 69, 87);
            WordSplitter.Split split = WordSplitter.splitLine(read, ink);
            assertThat(split.words()).extracting(WordSpan::text).containsExactly("ab", "cd");
            // the words' height is their letters', not the rule's
            assertThat(ink.rows(10 / 300.0, 46 / 300.0)).containsExactly(4 / 30.0, 22 / 30.0);
        }
    }

    @Test
    void aWordEndsBelowWhereItsOwnInkDoes() {
        // "Ag" reaches from row 6 down to 34 (a descender), "ce" from 14 to 28 (x-height, on the
        // baseline) in a 36 px crop: the line's ink leaves 6 px above and 2 px below
        PageImage crop = boxes(200, 36, new int[] {10, 6, 50, 34}, new int[] {70, 14, 110, 28});
        List<Glyph> read = peaks(200, "Agce", 20, 40, 80, 100);
        List<WordSpan> words = WordSplitter.splitLine(read, InkGaps.of(crop)).words();
        assertThat(words).extracting(WordSpan::text).containsExactly("Ag", "ce");
        assertThat(words.get(0).top()).isZero();
        assertThat(words.get(0).bottom()).isCloseTo(1, within(1e-9));
        // from the line box's top (letters of a line reach up about as far) to its baseline and the 2 px
        assertThat(words.get(1).top()).isZero();
        assertThat(words.get(1).bottom()).isCloseTo(30 / 36.0, within(1e-9));
    }

    @Test
    void aCommaOrColonEndsAWordButNotANumber() {
        // "Date: 12" with a space the recogniser left out after the colon; "10:55" with the same gap stays whole
        boolean[] columns = new boolean[100];
        for (int x = 5; x < 95; x++) columns[x] = x < 45 || x >= 55;
        InkGaps ink = InkGaps.ofColumns(columns, 20);
        List<Glyph> date = peaks(100, "Da:12", 10, 22, 40, 60, 72);
        assertThat(WordSplitter.splitLine(date, ink).text()).isEqualTo("Da: 12");
        List<Glyph> time = peaks(100, "10:55", 10, 22, 40, 60, 72);
        assertThat(WordSplitter.splitLine(time, ink).text()).isEqualTo("10:55");
    }
}
