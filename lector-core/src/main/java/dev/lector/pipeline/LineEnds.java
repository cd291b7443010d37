package dev.lector.pipeline;

import dev.lector.image.PageImage;

/**
 * A second look at a line's two ends: ink the detector's box left out next to them (a final 。 or
 * ，, a closing ）, a leading （ or “: small marks whose faint response the detector's threshold
 * drops) found in a crop grown by up to {@code search} line heights at each end. From the box's
 * end outwards, ink that starts within {@link #MAX_GAP} heights of the box, in runs at most that
 * far apart, belongs to the line, provided a blank stretch of that size follows it inside the
 * searched part: ink that runs on to the edge of the search (the next word of a table row, a form's
 * rule line, a border) is not a mark the box cut off, and the line keeps its plain margin. Pure.
 *
 * <p>Measured with {@code lector eval} (see docs/accuracy.md): a fixed margin of 0.3-0.45 heights
 * at both ends found these marks too but cost FUNSD and SROIE, where crops then took in
 * neighbouring text and rule lines, and made the recogniser read stray dots in blank margins.
 */
final class LineEnds {

    /** Largest blank run, in line heights, between the box's end and a cut-off mark, or inside one. */
    static final double MAX_GAP = 0.3;
    /** Margin kept beyond the last ink column found, in line heights. */
    static final double INK_PAD = 0.1;
    /** Below this tone range (0..255) inside the box the line is treated as blank: no extension. */
    static final int MIN_CONTRAST = 40;

    /**
     * How far each end grows, in line heights.
     *
     * @param before growth before the text's start
     * @param after  growth after the text's end
     * @param inkBefore how much of {@code before} is ink found beyond the box (0: none)
     * @param inkAfter  how much of {@code after} is ink found beyond the box (0: none)
     */
    record Ends(double before, double after, double inkBefore, double inkAfter) {
        static Ends plain(double margin) {
            return new Ends(margin, margin, 0, 0);
        }
    }

    private LineEnds() {}

    /**
     * The ends for a line whose box is {@code boxLength} heights long, given {@code wide}: its crop in
     * reading order grown by {@code search} heights at both ends; each end grows at least
     * {@code margin} and at most {@code search} heights.
     */
    static Ends find(PageImage wide, double boxLength, double search, double margin) {
        if (search <= margin) return Ends.plain(margin);
        int w = wide.width(), h = wide.height();
        if (w < 4 || h < 4) return Ends.plain(margin);
        double pxPerHeight = w / (boxLength + 2 * search);
        int boxStart = (int) Math.round(search * pxPerHeight), boxEnd = (int) Math.round((search + boxLength) * pxPerHeight);
        if (boxEnd - boxStart < 2) return Ends.plain(margin);
        int[] darkest = darkestPerColumn(wide);
        int min = Integer.MAX_VALUE, max = 0;
        for (int x = boxStart; x < boxEnd; x++) {
            min = Math.min(min, darkest[x]);
            max = Math.max(max, darkest[x]);
        }
        // the box's own tones: its ink is its darkest column, its ground the lightest
        if (max - min < 3 * MIN_CONTRAST) return Ends.plain(margin);
        int threshold = (min + max) / 2;
        int gap = Math.max(1, (int) Math.round(MAX_GAP * pxPerHeight));
        double after = inkRun(darkest, threshold, boxEnd - 1, w, 1, gap) / pxPerHeight;
        double before = inkRun(darkest, threshold, boxStart, -1, -1, gap) / pxPerHeight;
        double a = after > 0 ? Math.min(search, after + INK_PAD) : 0;
        double b = before > 0 ? Math.min(search, before + INK_PAD) : 0;
        return new Ends(Math.max(margin, b), Math.max(margin, a), b, a);
    }

    /**
     * From column {@code from} (the box's last column on this side) towards {@code to} (exclusive)
     * in steps of {@code dir}: how many columns beyond {@code from} the line's ink reaches, or 0 when
     * none is found or it runs on to the end of the search.
     */
    private static int inkRun(int[] darkest, int threshold, int from, int to, int dir, int gap) {
        int last = from;
        for (int x = from + dir; x != to; x += dir) {
            if (darkest[x] > threshold) {
                if (Math.abs(x - last) > gap) return Math.abs(last - from);
                continue;
            }
            last = x;
        }
        return 0; // ink (or a gap too short to end it) up to the search's edge
    }

    /** Each column's darkest tone (sum of B, G, R) over the rows from 8% to 97% of the height, at most ~48 of them. */
    private static int[] darkestPerColumn(PageImage crop) {
        int w = crop.width(), h = crop.height();
        byte[] bgr = crop.bgr();
        int y0 = (int) (h * 0.08), y1 = Math.max(y0 + 1, (int) Math.ceil(h * 0.97));
        int step = Math.max(1, (y1 - y0) / 48);
        int[] darkest = new int[w];
        java.util.Arrays.fill(darkest, 255 * 3);
        for (int y = y0; y < y1; y += step) {
            for (int x = 0, p = y * w * 3; x < w; x++, p += 3) {
                int g = (bgr[p] & 0xFF) + (bgr[p + 1] & 0xFF) + (bgr[p + 2] & 0xFF);
                if (g < darkest[x]) darkest[x] = g;
            }
        }
        return darkest;
    }
}
