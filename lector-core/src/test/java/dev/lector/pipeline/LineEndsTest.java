package dev.lector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lector.image.PageImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LineEndsTest {

    /** Line height in the crops below, in pixels; the box is 6 heights long, the search 1 height at each end. */
    private static final int H = 40;
    private static final double LENGTH = 6, SEARCH = 1, MARGIN = 0.15;
    private static final int W = (int) ((LENGTH + 2 * SEARCH) * H);
    private static final int BOX_START = (int) (SEARCH * H), BOX_END = (int) ((SEARCH + LENGTH) * H);

    /** A white crop with "characters": dark blocks over the box, one per height with small gaps. */
    private static byte[] line() {
        byte[] bgr = new byte[W * H * 3];
        Arrays.fill(bgr, (byte) 255);
        for (int c = 0; c < LENGTH; c++) ink(bgr, BOX_START + c * H + 4, BOX_START + (c + 1) * H - 4, 6, H - 6);
        return bgr;
    }

    private static void ink(byte[] bgr, int x0, int x1, int y0, int y1) {
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) Arrays.fill(bgr, (y * W + x) * 3, (y * W + x) * 3 + 3, (byte) 20);
    }

    private static LineEnds.Ends ends(byte[] bgr) {
        return LineEnds.find(new PageImage(W, H, bgr), LENGTH, SEARCH, MARGIN);
    }

    @Test
    void aFullStopJustPastTheBoxIsTakenIn() {
        byte[] bgr = line();
        // a 。 low in the next cell: 0.1 heights after the box, 0.3 wide, in the bottom third
        ink(bgr, BOX_END + 4, BOX_END + 16, 26, 38);
        LineEnds.Ends e = ends(bgr);
        assertThat(e.inkAfter()).isCloseTo((16.0 + LineEnds.INK_PAD * H) / H, within(0.05));
        assertThat(e.after()).isEqualTo(e.inkAfter());
        assertThat(e.inkBefore()).isZero();
        assertThat(e.before()).isEqualTo(MARGIN);
    }

    @Test
    void aLeadingBracketBeforeTheBoxIsTakenIn() {
        byte[] bgr = line();
        ink(bgr, BOX_START - 12, BOX_START - 6, 4, 38);
        LineEnds.Ends e = ends(bgr);
        assertThat(e.inkBefore()).isGreaterThan(0.3);
        assertThat(e.inkAfter()).isZero();
    }

    @Test
    void nothingPastTheEndsKeepsThePlainMargin() {
        assertThat(ends(line())).isEqualTo(LineEnds.Ends.plain(MARGIN));
    }

    @Test
    void inkRunningOnToTheEdgeOfTheSearchIsNotACutOffMark() {
        byte[] rule = line();
        // a form's rule line along the bottom, through the whole search to the right
        ink(rule, BOX_END, W, 36, 38);
        assertThat(ends(rule).inkAfter()).isZero();
        byte[] table = line();
        // the next cell's text starting right after the box and going on
        ink(table, BOX_END + 6, W, 6, H - 6);
        assertThat(ends(table).inkAfter()).isZero();
    }

    @Test
    void inkFurtherThanTheGapIsSomeoneElses() {
        byte[] bgr = line();
        int far = (int) ((LineEnds.MAX_GAP + 0.2) * H);
        ink(bgr, BOX_END + far, BOX_END + far + 8, 26, 38);
        assertThat(ends(bgr)).isEqualTo(LineEnds.Ends.plain(MARGIN));
    }

    @Test
    void aBlankOrFlatCropAndNoSearchKeepThePlainMargin() {
        byte[] blank = new byte[W * H * 3];
        Arrays.fill(blank, (byte) 200);
        assertThat(ends(blank)).isEqualTo(LineEnds.Ends.plain(MARGIN));
        byte[] withDot = line();
        ink(withDot, BOX_END + 4, BOX_END + 16, 26, 38);
        assertThat(LineEnds.find(new PageImage(W, H, withDot), LENGTH, MARGIN, MARGIN)).isEqualTo(LineEnds.Ends.plain(MARGIN));
    }
}
