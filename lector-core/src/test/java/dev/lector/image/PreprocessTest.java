package dev.lector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PreprocessTest {

    /** A light page with a dark bar on a gradient background and colour noise. */
    private static PageImage page() {
        int w = 120, h = 80;
        byte[] bgr = new byte[w * h * 3];
        Random r = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean ink = y >= 30 && y < 50 && x >= 20 && x < 100;
                int base = ink ? 40 : 150 + x / 2;
                for (int c = 0; c < 3; c++) bgr[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, base + r.nextInt(30) - 15 + c * 5));
            }
        }
        return new PageImage(w, h, bgr);
    }

    @Test
    void everyPresetKeepsThePageSizeAndNoneIsTheSamePage() {
        PageImage p = page();
        assertThat(Preprocess.NONE.apply(p)).isSameAs(p);
        for (Preprocess pre : Preprocess.values()) {
            PageImage out = pre.apply(p);
            assertThat(out.width()).isEqualTo(p.width());
            assertThat(out.height()).isEqualTo(p.height());
        }
    }

    @Test
    void grayPresetsGiveEqualChannelsAndSauvolaOnlyBlackAndWhite() {
        for (Preprocess pre : new Preprocess[] {Preprocess.GRAY, Preprocess.CLAHE, Preprocess.SAUVOLA, Preprocess.DENOISE}) {
            byte[] b = pre.apply(page()).bgr();
            for (int i = 0; i < b.length; i += 3) {
                assertThat(b[i]).as(pre + " channels").isEqualTo(b[i + 1]).isEqualTo(b[i + 2]);
            }
        }
        PageImage bin = Preprocess.SAUVOLA.apply(page());
        for (byte v : bin.bgr()) assertThat(v & 0xFF).isIn(0, 255);
        // the bar is black, the background white
        assertThat(bin.bgr()[(40 * 120 + 60) * 3] & 0xFF).isZero();
        assertThat(bin.bgr()[(10 * 120 + 60) * 3] & 0xFF).isEqualTo(255);
    }

    @Test
    void denoiseSmoothsNoise() {
        PageImage noisy = Preprocess.GRAY.apply(page()), clean = Preprocess.DENOISE.apply(page());
        assertThat(spread(clean)).isLessThan(spread(noisy));
    }

    /** Mean absolute difference between horizontal neighbours in the background rows. */
    private static double spread(PageImage p) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < 20; y++) {
            for (int x = 1; x < p.width(); x++) {
                sum += Math.abs((p.bgr()[(y * p.width() + x) * 3] & 0xFF) - (p.bgr()[(y * p.width() + x - 1) * 3] & 0xFF));
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void namesParseAndUnknownOnesNameTheValidOnes() {
        assertThat(Preprocess.parse("Sauvola")).isEqualTo(Preprocess.SAUVOLA);
        assertThatThrownBy(() -> Preprocess.parse("sharpen")).hasMessageContaining("none, gray, clahe, sauvola, denoise");
    }
}
