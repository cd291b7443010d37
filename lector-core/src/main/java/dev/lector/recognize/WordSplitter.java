package dev.lector.recognize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a recognised line into words and places each along the crop from the CTC time steps of
 * its characters.
 *
 * <p>Words: runs of characters between spaces; each CJK character (Han, kana, Hangul, and
 * full-width forms and CJK punctuation) is a word of its own, since Chinese and Japanese put no
 * spaces between words and a per-character box is what search highlighting, a searchable PDF's
 * text selection and hOCR/ALTO consumers can use without a word segmenter (Tesseract does the
 * same). Runs of Latin letters or digits inside CJK text ({@code 2026年}) stay one word.
 *
 * <p>Places: a CTC peak sits near its character's centre but is narrower than the character, so a
 * character is taken to span its centre plus or minus half the line's character pitch (the median
 * distance between the centres of neighbouring characters), and a word spans its first
 * character's left edge to its last one's right edge, never past the midpoint to the next word's
 * nearest character, and within the crop. Pure; thread-safe.
 */
public final class WordSplitter {
    private WordSplitter() {}

    /** Centres this many times the line's pitch apart, with no space read between them, are two words. */
    static final double SPACE_PITCH_RATIO = 2.0;
    /**
     * ...or at least this many times, with a blank stretch of the crop between them: a narrow
     * letter or a digit's side bearings leave blank stretches too, but their centres sit at the
     * usual pitch (FUNSD word Hmean: 1.1 0.684, 1.2 0.682, 1.4 0.645, 1.6 0.616; without it 0.671).
     * With spaces only next to letters: FUNSD word Hmean 0.672 at 1.2, 0.620 at 1.5, 0.566 without
     * the ink; SROIE line exact match 0.705, 0.713, 0.696.
     */
    static final double INK_GAP_PITCH_RATIO = 1.2;

    /**
     * A line's words, and its text with a space put in wherever the recogniser read none between
     * two words (PP-OCR's Chinese+English recogniser often drops them between Latin words).
     */
    public record Split(String text, List<WordSpan> words) {}

    public static List<WordSpan> split(List<Glyph> glyphs) {
        return splitLine(glyphs, InkGaps.Gaps.NONE).words();
    }

    /**
     * Splits the line. Between two Latin characters with no space read between them, centres at
     * least {@value #SPACE_PITCH_RATIO} times the line's pitch apart, or at least
     * {@value #INK_GAP_PITCH_RATIO} times with a blank stretch of the crop ({@code ink}) between
     * them, count as a space the recogniser left out, when one of the two is a letter. Word edges are put on the ink:
     * a word starts where the blank stretch before it ends and ends where the one after it begins.
     */
    public static Split splitLine(List<Glyph> glyphs, InkGaps.Gaps ink) {
        List<List<Glyph>> words = new ArrayList<>();
        List<Glyph> current = new ArrayList<>();
        double pitch = pitch(glyphs);
        StringBuilder text = new StringBuilder();
        Glyph previous = null;
        for (Glyph g : glyphs) {
            boolean cjk = !g.isSpace() && isCjk(g.text());
            if (previous != null && !previous.isSpace() && !g.isSpace() && !cjk && !isCjk(previous.text())
                    && (isLetter(previous) || isLetter(g))
                    && (g.centre() - previous.centre() >= SPACE_PITCH_RATIO * pitch
                        || (g.centre() - previous.centre() >= INK_GAP_PITCH_RATIO * pitch
                            && gapBetween(ink, previous.centre(), g.centre()) != null))) {
                flush(words, current);
                text.append(' ');
            }
            text.append(g.text());
            if (g.isSpace()) {
                flush(words, current);
            } else if (cjk) {
                flush(words, current);
                words.add(List.of(g));
            } else {
                current.add(g);
            }
            previous = g;
        }
        flush(words, current);
        return new Split(text.toString(), placed(words, pitch, ink));
    }

    /** The widest blank stretch lying between {@code from} and {@code to}, or null. */
    private static double[] gapBetween(InkGaps.Gaps ink, double from, double to) {
        double[] best = null;
        for (double[] g : ink.gaps()) {
            if (g[0] >= from && g[1] <= to && (best == null || g[1] - g[0] > best[1] - best[0])) best = g;
        }
        return best;
    }

    private static List<WordSpan> placed(List<List<Glyph>> words, double pitch, InkGaps.Gaps ink) {
        if (words.isEmpty()) return List.of();
        List<WordSpan> out = new ArrayList<>(words.size());
        for (int w = 0; w < words.size(); w++) {
            List<Glyph> word = words.get(w);
            double first = word.getFirst().centre(), last = word.getLast().centre();
            double start = first - pitch / 2, end = last + pitch / 2;
            if (w > 0) {
                double previous = words.get(w - 1).getLast().centre();
                double[] gap = gapBetween(ink, previous, first);
                start = gap != null ? gap[1] : Math.max(start, (previous + first) / 2);
            } else if (ink != InkGaps.Gaps.NONE && ink.inkStart() < first) {
                start = ink.inkStart();
            }
            if (w < words.size() - 1) {
                double next = words.get(w + 1).getFirst().centre();
                double[] gap = gapBetween(ink, last, next);
                end = gap != null ? gap[0] : Math.min(end, (last + next) / 2);
            } else if (ink != InkGaps.Gaps.NONE && ink.inkEnd() > last) {
                end = ink.inkEnd();
            }
            start = Math.max(0, Math.min(start, word.getFirst().start()));
            end = Math.min(1, Math.max(end, word.getLast().end()));
            StringBuilder text = new StringBuilder();
            double score = 0;
            for (Glyph g : word) {
                text.append(g.text());
                score += g.score();
            }
            out.add(new WordSpan(text.toString(), Math.max(0, Math.min(1, score / word.size())), start, end));
        }
        return out;
    }

    private static void flush(List<List<Glyph>> words, List<Glyph> current) {
        if (!current.isEmpty()) {
            words.add(List.copyOf(current));
            current.clear();
        }
    }

    /** Median distance between neighbouring non-space characters' centres; the line's mean spacing when there is none. */
    static double pitch(List<Glyph> glyphs) {
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < glyphs.size(); i++) {
            Glyph a = glyphs.get(i - 1), b = glyphs.get(i);
            if (!a.isSpace() && !b.isSpace()) gaps.add(b.centre() - a.centre());
        }
        if (gaps.isEmpty()) {
            if (glyphs.size() < 2) return glyphs.isEmpty() ? 1 : Math.max(glyphs.getFirst().end() - glyphs.getFirst().start(), 0.5);
            return (glyphs.getLast().centre() - glyphs.getFirst().centre()) / (glyphs.size() - 1);
        }
        double[] v = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Whether a glyph is a letter. A space is only ever put in next to a letter: between digits and
     * punctuation ({@code 39.80}, {@code 2018/02/22}) a wide step is a proportional font's narrow
     * {@code 1} or {@code .}, not a space, and a space put there would break the number apart.
     */
    private static boolean isLetter(Glyph g) {
        return Character.isLetter(g.text().codePointAt(0));
    }

    /** Whether a character is written without spaces between words: Han, kana, Hangul, full-width forms, CJK punctuation. */
    static boolean isCjk(String symbol) {
        int cp = symbol.codePointAt(0);
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return Arrays.asList(Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION,
                Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS, Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS,
                Character.UnicodeBlock.VERTICAL_FORMS).contains(block);
    }
}
