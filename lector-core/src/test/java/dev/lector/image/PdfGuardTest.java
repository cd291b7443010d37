package dev.lector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.testing.PdfBombs;
import org.junit.jupiter.api.Test;

/** PDF pages rendered under guard (issue 13, item 3): embedded images checked before decoding, render time bounded. */
class PdfGuardTest {

    @Test
    void anEmbeddedImageAboveThePixelCapIsRefusedBeforeItIsDecoded() {
        byte[] pdf = PdfBombs.hugeImage(20_000);
        assertThat(pdf.length).as("the file is small").isLessThan(2_000_000);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        // the page itself is small (letter at 200 dpi): only the image it draws is too large
        try (PdfPages pages = decoder.openPdf(pdf)) {
            assertThat(pages.renderSize(1).pixels()).isLessThan(ImageLimits.DEFAULT.maxPixels());
        }
        assertThatThrownBy(() -> decoder.decodePdf(pdf, PageRange.ALL))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.reason()).isEqualTo(InputException.Reason.TOO_LARGE))
                .hasMessageContaining("20000x20000").hasMessageContaining("page 1");
    }

    @Test
    void anEmbeddedImageWithinTheCapStillRenders() {
        byte[] pdf = PdfBombs.hugeImage(500);
        assertThat(new ImageDecoder(ImageLimits.DEFAULT).decodePdf(pdf, PageRange.ALL)).hasSize(1);
        assertThatThrownBy(() -> new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels(200_000)).decodePdf(pdf, PageRange.ALL))
                .isInstanceOf(InputException.class); // the page itself (1700x2200) is above such a cap
    }

    @Test
    void aPagePastItsRenderTimeIsRefused() {
        byte[] pdf = PdfBombs.manyOperators(50_000);
        ImageDecoder quick = new ImageDecoder(ImageLimits.DEFAULT.withPdfRenderTimeoutMs(1));
        assertThatThrownBy(() -> quick.decodePdf(pdf, PageRange.ALL))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.reason()).isEqualTo(InputException.Reason.TOO_LARGE))
                .hasMessageContaining("took longer than 1 ms to render");
        assertThat(new ImageDecoder(ImageLimits.DEFAULT.withPdfRenderTimeoutMs(0)).decodePdf(pdf, PageRange.ALL)).hasSize(1);
    }

    @Test
    void anInterruptedRenderStops() {
        byte[] pdf = PdfBombs.manyOperators(1_000);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> decoder.decodePdf(pdf, PageRange.ALL)).isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
