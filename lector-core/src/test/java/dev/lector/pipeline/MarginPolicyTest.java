package dev.lector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.image.PageImage;
import org.junit.jupiter.api.Test;

/** Which pages get a white margin before detection (limit side 960 by default). */
class MarginPolicyTest {

    static PageImage page(int w, int h) {
        return new PageImage(w, h, new byte[w * h * 3]);
    }

    @Test
    void smallPagesAndLineCropsGetTheMarginScansDoNot() {
        OcrOptions o = OcrOptions.DEFAULT;
        assertThat(OcrPipeline.padFor(page(463, 52), o)).isEqualTo(50);    // a line crop
        assertThat(OcrPipeline.padFor(page(1550, 80), o)).isEqualTo(50);   // a long line crop, wider than the limit
        assertThat(OcrPipeline.padFor(page(960, 700), o)).isEqualTo(50);   // fits the limit
        assertThat(OcrPipeline.padFor(page(463, 1030), o)).isZero();       // a receipt scan
        assertThat(OcrPipeline.padFor(page(1588, 2103), o)).isZero();      // a page
        assertThat(OcrPipeline.padFor(page(463, 52), o.withPad(0))).isZero();
        assertThat(OcrPipeline.padFor(page(463, 1030), o.withDetLimit(1280, o.detLimitType()))).isEqualTo(50);
    }
}
