package dev.lector.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageLimits;
import dev.lector.image.InputException;
import dev.lector.image.PageImage;
import dev.lector.image.PageRange;
import dev.lector.image.PdfPages;

/**
 * Fuzzes the PDF path (issue 13, item 7): loading, page selection, sizing and guarded rendering.
 * For any bytes the decoder gives pages within the pixel cap or an {@link InputException}; never
 * another exception, never an image above the cap. Low dpi and a small cap keep one input cheap.
 */
public class PdfInputFuzzer {

    static final ImageLimits LIMITS = new ImageLimits(2_000_000, 36, 3, ImageLimits.DEFAULT_FULL_RESOLUTION_SIDE_PX, 2_000);
    static final ImageDecoder DECODER = new ImageDecoder(LIMITS);

    /** PDFBox logs every broken object with a stack trace: silenced, or the log drowns the run (kept: JUL holds loggers weakly). */
    static final java.util.logging.Logger PDFBOX_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox");
    static final java.util.logging.Logger FONTBOX_LOG = java.util.logging.Logger.getLogger("org.apache.fontbox");

    static {
        PDFBOX_LOG.setLevel(java.util.logging.Level.OFF);
        FONTBOX_LOG.setLevel(java.util.logging.Level.OFF);
    }

    @FuzzTest(maxDuration = "3s")
    void pdfPages(byte[] bytes) {
        fuzzerTestOneInput(bytes);
    }

    /** The target, also for Jazzer's command line ({@code --target_class}). */
    public static void fuzzerTestOneInput(byte[] bytes) {
        // a PDF at any offset: the header sniffing is what decides
        byte[] pdf = bytes.length >= 5 && bytes[0] == '%' ? bytes : withPdfHeader(bytes);
        try (PdfPages pages = DECODER.openPdf(pdf)) {
            for (int page : pages.select(PageRange.ALL)) {
                PageImage image = pages.render(page);
                long pixels = (long) image.width() * image.height();
                if (pixels > LIMITS.maxPixels()) throw new AssertionError("page " + page + " rendered " + pixels + " pixels, above the cap");
            }
        } catch (InputException e) {
            // refused with a reason: a 4xx
        }
    }

    private static byte[] withPdfHeader(byte[] bytes) {
        byte[] head = "%PDF-1.4\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(bytes, 0, out, head.length, bytes.length);
        return out;
    }
}
