package dev.lector.recognize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a recognised line into words and places each in the crop from the CTC time steps of
 * its characters and the crop's ink.
 *
 * <p>Words: runs of characters between spaces; each CJK character (Han, kana, Hangul, and
 * full-width forms and CJK punctuation) is a word of its own, since Chinese and Japanese put no
 * spaces between words and a per-character box is what search highlighting, a searchable PDF's
 * text selection and hOCR/ALTO consumers can use without a word segmenter (Tesseract does the
 * same). Runs of Latin letters or digits inside CJK text ({@code 2026年}) stay one word.
 *
 * <p>Spaces the recogniser left out (PP-OCR's Chinese+English model often drops them between
 * Latin words, and on faxes and bold print nearly always) are found in the crop's ink
 * ({@link InkGaps}): a blank stretch between two characters much wider than the line's usual gap
 * between letters, and wide for the line's height, where the recogniser's steps also leave more
 * room than usual (or the blank is wider still; rule lines under or through the text are not
 * ink). A space goes only next to a letter, after a closing bracket or a word's comma,
 * colon or semicolon, or before an opening bracket; numbers ({@code 39.80}, {@code 2018/02/22},
 * {@code 10:55}, {@code 1,000}) are never broken apart at their punctuation.
 *
 * <p>Places: a CTC peak sits near its character's centre but is narrower than the character. A
 * word spans from the first ink within a pitch (the median distance between the centres of
 * neighbouring characters) before its first character's centre to the last ink within a pitch
 * after its last one's, never past the widest blank between it and its neighbour (the midpoint
 * between their centres where they touch), plus half the margin the line's box leaves above and
 * below the line's ink. It reaches from the top of the line's box down to the bottom of its own
 * ink (its baseline, or its descenders; a rule line under the text left out) plus the line box's
 * margin below the ink: letters of a line reach up about as far as each other, while a word
 * without descenders ends above its line's bottom. Without ink (a blank or flat crop),
 * characters span their centre plus or minus half the pitch and words the crop's height. Pure;
 * thread-safe.
 */
public final class WordSplitter {
    private WordSplitter() {}

    /**
     * Centres this many times the line's pitch apart, with no space read between them, are two
     * words; where the crop's ink is known, only with a blank between them at least
     * {@value #PITCH_BLANK} of the width a space needs (the recogniser's steps bunch up over
     * narrow letters, {@code IO}, and leave a wide step with no gap in the ink after them).
     */
    static final double SPACE_PITCH_RATIO = 2.0;
    static final double PITCH_BLANK = 0.5;
    /**
     * ...or at least this many times, with a blank stretch of the crop between them wide enough for
     * a space: a narrow letter or a digit's side bearings leave blank stretches too, but their
     * centres sit at the usual pitch (FUNSD word Hmean 0.764 at 1.1, 0.767 at 1.2, 0.712 at 1.4).
     */
    static final double INK_GAP_PITCH_RATIO = 1.2;
    /**
     * ...and a blank this many times the width a space needs is one whatever the steps say: at
     * small sizes a step is a large part of a letter, and a narrow letter before a space ({@code l},
     * {@code i}) puts the centres less than the ratio above apart (FUNSD word Hmean 0.767 without
     * this, 0.772 at 2, 0.778 at 1.5 with 2% more words, 0.779 at 1.25 with 4% more, 0.760 at 1).
     */
    static final double WIDE_BLANK = 1.5;
    /**
     * A blank stretch is wide enough for a space when it is at least this many times as wide as
     * the blank between two neighbouring characters usually is on the line (the median over the
     * pairs read without a space between them, zero where letters touch, as they do in bold or
     * smudged print), and at least {@link InkGaps#minSpace()} (FUNSD word Hmean 0.759 at 1.5,
     * 0.767 at 2, 0.751 at 3).
     */
    static final double RELATIVE_GAP = 2;
    /**
     * A word's box is padded along the line by this many times the margin the line's box leaves
     * above and below the line's ink (half of it: the detector's box is grown by the same offset
     * all round, and a word's neighbours share the blank between them).
     */
    static final double SIDE_MARGIN = 0.5;

    /**
     * A line's words, and its text with a space put in wherever the recogniser read none between
     * two words (PP-OCR's Chinese+English recogniser often drops them between Latin words).
     */
    public record Split(String text, List<WordSpan> words) {}

    public static List<WordSpan> split(List<Glyph> glyphs) {
        return splitLine(glyphs, InkGaps.NONE).words();
    }

    /**
     * Splits the line. Between two Latin characters with no space read between them, when one of
     * the two is a letter, centres at least {@value #SPACE_PITCH_RATIO} times the line's pitch
     * apart, or at least {@link #INK_GAP_PITCH_RATIO} times with a blank stretch of the crop
     * ({@code ink}) between them wide enough for a space, count as a space the recogniser left out.
     * Word edges are put on the ink: between two words in the widest blank stretch between them, at
     * a line's ends on its first and last ink; a word ends below where its own ink does.
     */
    public static Split splitLine(List<Glyph> glyphs, InkGaps ink) {
        List<List<Glyph>> words = new ArrayList<>();
        List<Glyph> current = new ArrayList<>();
        double pitch = pitch(glyphs);
        double space = Math.max(ink.minSpace(), RELATIVE_GAP * typicalBlank(glyphs, ink));
        StringBuilder text = new StringBuilder();
        Glyph before = null, previous = null;
        for (Glyph g : glyphs) {
            boolean cjk = !g.isSpace() && isCjk(g.text());
            if (previous != null && !previous.isSpace() && !g.isSpace() && !cjk && !isCjk(previous.text())
                    && (isLetter(previous) || isLetter(g) || endsWord(before, previous) || g.text().equals("("))) {
                double step = g.centre() - previous.centre();
                double[] blank = widestBlank(ink, previous.centre(), g.centre());
                double width = blank == null ? 0 : blank[1] - blank[0];
                boolean known = ink.hasColumns();
                if ((step >= SPACE_PITCH_RATIO * pitch && (!known || width >= PITCH_BLANK * space))
                        || (step >= INK_GAP_PITCH_RATIO * pitch && width >= space) || width >= WIDE_BLANK * space) {
                    flush(words, current);
                    text.append(' ');
                }
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
            before = previous;
            previous = g;
        }
        flush(words, current);
        return new Split(text.toString(), placed(words, pitch, ink));
    }

    /** The median width of the blank between neighbouring Latin characters read without a space between them (0 where they touch). */
    static double typicalBlank(List<Glyph> glyphs, InkGaps ink) {
        List<Double> widths = new ArrayList<>();
        for (int i = 1; i < glyphs.size(); i++) {
            Glyph a = glyphs.get(i - 1), b = glyphs.get(i);
            if (a.isSpace() || b.isSpace() || isCjk(a.text()) || isCjk(b.text())) continue;
            double[] blank = widestBlank(ink, a.centre(), b.centre());
            widths.add(blank == null ? 0 : blank[1] - blank[0]);
        }
        if (widths.isEmpty()) return 0;
        double[] v = widths.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The widest blank stretch whose middle lies between {@code from} and {@code to}, or null. */
    private static double[] widestBlank(InkGaps ink, double from, double to) {
        double[] best = null;
        for (double[] g : ink.blanks()) {
            double mid = (g[0] + g[1]) / 2;
            if (mid > from && mid < to && (best == null || g[1] - g[0] > best[1] - best[0])) best = g;
        }
        return best;
    }

    private static List<WordSpan> placed(List<List<Glyph>> words, double pitch, InkGaps ink) {
        if (words.isEmpty()) return List.of();
        int n = words.size();
        // the boundary between word w-1 and word w: where w-1 may end at most, where w may start at least
        double[] endBy = new double[n], startFrom = new double[n];
        startFrom[0] = 0;
        endBy[n - 1] = 1;
        for (int w = 1; w < n; w++) {
            double left = words.get(w - 1).getLast().centre(), right = words.get(w).getFirst().centre();
            double[] blank = widestBlank(ink, left, right);
            if (blank != null) {
                endBy[w - 1] = blank[0];
                startFrom[w] = blank[1];
            } else {
                endBy[w - 1] = startFrom[w] = (left + right) / 2;
            }
        }
        double[] lineRows = ink.rows(ink.inkStart(), ink.inkEnd());
        List<WordSpan> out = new ArrayList<>(n);
        for (int w = 0; w < n; w++) {
            List<Glyph> word = words.get(w);
            Glyph first = word.getFirst(), last = word.getLast();
            // from the first ink within a pitch before the first character's centre to the last
            // ink within a pitch after the last one's, inside the boundaries with the neighbours
            double lo = Math.max(startFrom[w], first.centre() - pitch), hi = Math.min(endBy[w], last.centre() + pitch);
            double start = ink.firstInk(lo, Math.max(lo, first.centre()));
            if (Double.isNaN(start)) start = Math.max(startFrom[w], first.centre() - pitch / 2);
            double end = ink.lastInkEnd(Math.min(hi, last.centre()), hi);
            if (Double.isNaN(end)) end = Math.min(endBy[w], last.centre() + pitch / 2);
            start = Math.max(0, Math.min(start, first.start()));
            end = Math.min(1, Math.max(end, last.end()));
            // the line box's margin around the line's ink, on the word's own ink
            double above = lineRows[0], below = 1 - lineRows[1];
            if (above + below > 0 && ink.hasColumns()) {
                double margin = SIDE_MARGIN * (above + below) / 2 * ink.heightInWidths();
                double minStart = w == 0 ? 0 : (endBy[w - 1] + startFrom[w]) / 2;
                double maxEnd = w == n - 1 ? 1 : (endBy[w] + startFrom[w + 1]) / 2;
                start = Math.max(Math.min(start, minStart), start - margin);
                end = Math.min(Math.max(end, maxEnd), end + margin);
            }
            if (end <= start) end = Math.min(1, start + 1e-6);
            // down to its own ink's bottom (its baseline, or its descenders) with the line box's
            // margin below; up to the line box's top, since letters of a line reach up about as far
            // as each other (a word's own top would make "on" half as tall as "Delivered")
            double bottom = Math.min(1, ink.rows(start, end)[1] + below);
            StringBuilder text = new StringBuilder();
            double score = 0;
            for (Glyph g : word) {
                text.append(g.text());
                score += g.score();
            }
            out.add(new WordSpan(text.toString(), Math.max(0, Math.min(1, score / word.size())), start, end, 0, bottom));
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

    /**
     * Whether {@code g} may end a word whatever follows: a closing bracket, or a comma, colon or
     * semicolon after a letter ({@code Date: 12/10}, {@code Sheet): 2}); after a digit ({@code
     * 1,000}, {@code 10:55}) they stay inside the number.
     */
    private static boolean endsWord(Glyph before, Glyph g) {
        String t = g.text();
        if (t.equals(")")) return true;
        return (t.equals(",") || t.equals(":") || t.equals(";")) && before != null && !before.isSpace() && isLetter(before);
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
