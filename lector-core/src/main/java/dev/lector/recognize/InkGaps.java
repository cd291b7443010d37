package dev.lector.recognize;

import dev.lector.image.PageImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a line crop has ink, column by column: the blank stretches between letters and words as
 * the page shows them, which word splitting uses where the recogniser left a space out and to put
 * word edges on the ink, and the rows each word's ink takes, which word boxes take their height
 * from. A pixel is dark when it is darker than halfway between the tones of the crop's middle rows
 * (dark text on a light ground; a crop with little contrast has no ink and no gaps); a column has
 * ink when a pixel of its middle rows is dark, leaving out rows dark nearly all along (rule lines:
 * form underlines, table borders). Immutable; pure.
 */
public final class InkGaps {
    /**
     * A blank stretch is a space between words only when it is at least this many crop heights
     * wide: the gap between two letters is narrow for the line's height (a word space is a quarter
     * to a third of the font size; the crop is the detector's box, somewhat taller than the text).
     * FUNSD word Hmean 0.755 at 0.12, 0.767 at 0.15, 0.760 at 0.18; bold faxes leave 2 px spaces
     * in 17 px crops, smaller than that.
     */
    static final double MIN_GAP_IN_HEIGHTS = 0.15;
    /**
     * ...and more than 2 px (blanks are whole pixels: 2.5 asks for 3): in small print the gaps
     * between letters are 1 or 2 px (FUNSD word Hmean 0.778 at 2, 0.783 at 2.5).
     */
    static final double MIN_SPACE_PX = 2.5;
    // A column has ink when one of its pixels is dark. Asking for 2 or 3 dark pixels (so that a lone
    // speck of noise does not close a gap) split more words apart on FUNSD's faxes than it joined:
    // word Hmean 0.68 -> 0.68, 0.59.
    /** Below this tone range (0..255) the crop is treated as blank: no gaps. */
    static final int MIN_CONTRAST = 40;
    /**
     * A dark run along a row at least this many crop heights long is a rule line (a form's
     * underline, a table border, struck-through text), not part of a letter, and is taken as blank...
     */
    static final double RULE_RUN_IN_HEIGHTS = 2;
    /** ...as is a row dark along this fraction of the crop's width (a broken or dotted rule). */
    static final double RULE_FILL = 0.7;
    /** Blank rows up to this many crop heights still join ink above or below to a word's letters. */
    static final double ROW_GAP_IN_HEIGHTS = 0.1;

    /** No ink information: no gaps, ink over the whole width, rows unknown. */
    public static final InkGaps NONE = new InkGaps(new boolean[0], null, 1);

    private final boolean[] inked;
    /** Dark pixels row by row ({@code y * width + x}), null when unknown. */
    private final boolean[] dark;
    private final int height;
    private final int first, last;

    private InkGaps(boolean[] inked, boolean[] dark, int height) {
        this.inked = inked;
        this.dark = dark;
        this.height = height;
        int f = -1, l = -1;
        for (int x = 0; x < inked.length; x++) {
            if (inked[x]) {
                if (f < 0) f = x;
                l = x;
            }
        }
        this.first = f;
        this.last = l;
    }

    /**
     * A profile from given columns (for tests and hand-built inputs): {@code inked[x]} whether
     * column {@code x} of a crop {@code height} pixels high has ink; rows unknown.
     */
    public static InkGaps ofColumns(boolean[] inked, int height) {
        if (height < 1) throw new IllegalArgumentException("height must be positive: " + height);
        return new InkGaps(inked.clone(), null, height);
    }

    public static InkGaps of(PageImage crop) {
        int w = crop.width(), h = crop.height();
        if (w < 2 || h < 2) return NONE;
        byte[] bgr = crop.bgr();
        int y0 = h / 6, y1 = h - h / 6;
        int min = 255 * 3, max = 0;
        // the tone range of at most ~48 of the middle rows
        int step = Math.max(1, (y1 - y0) / 48);
        for (int y = y0; y < y1; y += step) {
            for (int x = 0, p = (y * w) * 3; x < w; x++, p += 3) {
                int g = (bgr[p] & 0xFF) + (bgr[p + 1] & 0xFF) + (bgr[p + 2] & 0xFF);
                if (g < min) min = g;
                if (g > max) max = g;
            }
        }
        if (max - min < 3 * MIN_CONTRAST) return NONE;
        int threshold = (min + max) / 2;
        boolean[] dark = new boolean[w * h];
        boolean[] ink = new boolean[w];
        // one pass a row: its dark pixels, then a row dark nearly all along is a rule (a form's
        // underline, a table border), not letters: it would close every gap, so it counts as
        // blank, as does any dark run longer than a rule; the middle rows then mark the ink columns
        int rule = (int) Math.ceil(RULE_RUN_IN_HEIGHTS * h);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int n = 0;
            for (int x = 0, p = row * 3; x < w; x++, p += 3) {
                boolean d = (bgr[p] & 0xFF) + (bgr[p + 1] & 0xFF) + (bgr[p + 2] & 0xFF) <= threshold;
                dark[row + x] = d;
                if (d) n++;
            }
            if (n == 0) continue;
            if (n >= RULE_FILL * w) {
                Arrays.fill(dark, row, row + w, false);
                continue;
            }
            for (int x = 0; x < w; ) {
                if (!dark[row + x]) {
                    x++;
                    continue;
                }
                int end = x;
                while (end < w && dark[row + end]) end++;
                if (end - x >= rule) Arrays.fill(dark, row + x, row + end, false);
                x = end;
            }
            if (y >= y0 && y < y1) {
                for (int x = 0; x < w; x++) if (dark[row + x]) ink[x] = true;
            }
        }
        InkGaps out = new InkGaps(ink, dark, h);
        return out.first < 0 ? NONE : out;
    }

    private int width() {
        return inked.length;
    }

    /** Whether this profile knows where the crop's ink is (false for {@link #NONE} and blank crops). */
    public boolean hasColumns() {
        return first >= 0;
    }

    /** Where the ink begins, as a fraction of the width (0 without ink information). */
    public double inkStart() {
        return first < 0 ? 0 : (double) first / width();
    }

    /** Where the ink ends (exclusive), likewise (1 without ink information). */
    public double inkEnd() {
        return first < 0 ? 1 : (last + 1.0) / width();
    }

    /** The crop's height as a fraction of its width (0 without ink information). */
    public double heightInWidths() {
        return width() == 0 ? 0 : (double) height / width();
    }

    /** The narrowest blank stretch that can be a space between words, as a fraction of the width. */
    public double minSpace() {
        return width() == 0 ? Double.POSITIVE_INFINITY : Math.max(MIN_SPACE_PX, MIN_GAP_IN_HEIGHTS * height) / width();
    }

    /** Every blank stretch between the first and the last ink, {from, to} as fractions of the width, left to right. */
    public List<double[]> blanks() {
        List<double[]> runs = new ArrayList<>();
        if (first < 0) return runs;
        int run = -1;
        for (int x = first; x <= last; x++) {
            if (!inked[x] && run < 0) run = x;
            if (inked[x] && run >= 0) {
                runs.add(new double[] {(double) run / width(), (double) x / width()});
                run = -1;
            }
        }
        return runs;
    }

    /**
     * The first inked column in [{@code from}, {@code to}) as a fraction of the width, or NaN if
     * there is none (or no ink information).
     */
    public double firstInk(double from, double to) {
        int a = Math.max(0, (int) Math.floor(from * width())), b = Math.min(width(), (int) Math.ceil(to * width()));
        for (int x = a; x < b; x++) if (inked[x]) return (double) x / width();
        return Double.NaN;
    }

    /** The end (exclusive) of the last inked column in [{@code from}, {@code to}), or NaN. */
    public double lastInkEnd(double from, double to) {
        int a = Math.max(0, (int) Math.floor(from * width())), b = Math.min(width(), (int) Math.ceil(to * width()));
        for (int x = b - 1; x >= a; x--) if (inked[x]) return (x + 1.0) / width();
        return Double.NaN;
    }

    /**
     * The rows the ink of columns [{@code from}, {@code to}) takes, {top, bottom} as fractions of
     * the crop's height (bottom exclusive), or {0, 1} where there is none or rows are unknown: from
     * the ink of the middle rows (where the line's letters are) up and down over ascenders,
     * descenders and accents, across blank rows narrower than {@value #ROW_GAP_IN_HEIGHTS} heights (the dot
     * of an i), but not across a wider blank to a neighbouring line's ink cut into the crop.
     */
    public double[] rows(double from, double to) {
        if (dark == null) return new double[] {0, 1};
        int w = width();
        int a = Math.max(0, (int) Math.floor(from * w)), b = Math.min(w, (int) Math.ceil(to * w));
        boolean[] row = new boolean[height];
        for (int y = 0; y < height; y++) {
            for (int x = a, i = y * w + a; x < b; x++, i++) {
                if (dark[i]) {
                    row[y] = true;
                    break;
                }
            }
        }
        int t = -1, u = -1;
        for (int y = height / 6; y < height - height / 6; y++) {
            if (row[y]) {
                if (t < 0) t = y;
                u = y;
            }
        }
        if (t < 0) return new double[] {0, 1};
        int tolerance = Math.max(1, (int) Math.round(ROW_GAP_IN_HEIGHTS * height));
        for (int y = t - 1; y >= 0 && t - y <= tolerance; y--) if (row[y]) t = y;
        for (int y = u + 1; y < height && y - u <= tolerance; y++) if (row[y]) u = y;
        return new double[] {(double) t / height, (u + 1.0) / height};
    }
}
