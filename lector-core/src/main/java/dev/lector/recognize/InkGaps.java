package dev.lector.recognize;

import dev.lector.image.PageImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a line crop has ink, column by column, and the blank stretches between: the spaces
 * between words as the page shows them, which word splitting uses where the recogniser left a
 * space out and to put word edges on the ink. A column has ink when a pixel of its middle rows is
 * darker than halfway between the crop's darkest and lightest tones (dark text on a light ground;
 * a crop with little contrast has no gaps). Pure.
 */
public final class InkGaps {
    /**
     * A blank stretch is a space between words when it is at least this many crop heights wide...
     * (FUNSD word Hmean with {@link #RELATIVE_GAP} 0: 0.15 0.47, 0.2 0.63, 0.25 0.67, 0.3 0.64, 0.45 0.59)
     */
    static final double MIN_GAP_IN_HEIGHTS = 0.2;
    /**
     * ...and at least this many times the line's typical (median) blank run, the gap between two
     * letters: FUNSD word Hmean 0.663 without, 0.682 with 2 (and 0.2 heights), 0.680 with 2.5 (0.12).
     */
    static final double RELATIVE_GAP = 2;
    // A column has ink when one of its pixels is dark. Asking for 2 or 3 dark pixels (so that a lone
    // speck of noise does not close a gap) split more words apart on FUNSD's faxes than it joined:
    // word Hmean 0.68 -> 0.68, 0.59.
    /** Below this tone range (0..255) the crop is treated as blank: no gaps. */
    static final int MIN_CONTRAST = 40;

    /** The crop's ink extent and its word gaps, as fractions of its width. */
    public record Gaps(double inkStart, double inkEnd, List<double[]> gaps) {
        public static final Gaps NONE = new Gaps(0, 1, List.of());
    }

    private InkGaps() {}

    public static Gaps of(PageImage crop) {
        int w = crop.width(), h = crop.height();
        if (w < 2 || h < 2) return Gaps.NONE;
        byte[] bgr = crop.bgr();
        int y0 = h / 6, y1 = h - h / 6;
        int min = 255 * 3, max = 0;
        // one pass over at most ~48 of the middle rows: each column's darkest tone, and the crop's range
        int step = Math.max(1, (y1 - y0) / 48);
        int[] darkest = new int[w];
        java.util.Arrays.fill(darkest, 255 * 3);
        for (int y = y0; y < y1; y += step) {
            for (int x = 0, p = (y * w) * 3; x < w; x++, p += 3) {
                int g = (bgr[p] & 0xFF) + (bgr[p + 1] & 0xFF) + (bgr[p + 2] & 0xFF);
                if (g < darkest[x]) darkest[x] = g;
                if (g < min) min = g;
                if (g > max) max = g;
            }
        }
        if (max - min < 3 * MIN_CONTRAST) return Gaps.NONE;
        int threshold = (min + max) / 2;
        boolean[] ink = new boolean[w];
        for (int x = 0; x < w; x++) ink[x] = darkest[x] <= threshold;
        int first = -1, last = -1;
        for (int x = 0; x < w; x++) {
            if (ink[x]) {
                if (first < 0) first = x;
                last = x;
            }
        }
        if (first < 0) return Gaps.NONE;
        // blank runs between ink: letter gaps and word spaces; a space is much wider than the line's
        // typical letter gap, and not narrow for the line's height
        List<int[]> runs = new ArrayList<>();
        int run = -1;
        for (int x = first; x <= last + 1; x++) {
            boolean inked = x <= last && ink[x];
            if (!inked && run < 0) run = x;
            if (inked && run >= 0) {
                runs.add(new int[] {run, x});
                run = -1;
            }
        }
        int typical = 1;
        if (!runs.isEmpty()) {
            int[] widths = runs.stream().mapToInt(r -> r[1] - r[0]).sorted().toArray();
            typical = widths[widths.length / 2];
        }
        double minGap = Math.max(2, Math.max(MIN_GAP_IN_HEIGHTS * h, RELATIVE_GAP * typical));
        List<double[]> gaps = new ArrayList<>();
        for (int[] r : runs) {
            if (r[1] - r[0] >= minGap) gaps.add(new double[] {(double) r[0] / w, (double) r[1] / w});
        }
        return new Gaps((double) first / w, (last + 1.0) / w, List.copyOf(gaps));
    }
}
