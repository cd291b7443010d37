package dev.lector.image;

import static dev.lector.image.ImageFixtures.BOTTOM_LEFT;
import static dev.lector.image.ImageFixtures.BOTTOM_RIGHT;
import static dev.lector.image.ImageFixtures.TOP_LEFT;
import static dev.lector.image.ImageFixtures.TOP_RIGHT;
import static dev.lector.image.ImageFixtures.ascii;
import static dev.lector.image.ImageFixtures.bgrOf;
import static dev.lector.image.ImageFixtures.bytes;
import static dev.lector.image.ImageFixtures.concat;
import static dev.lector.image.ImageFixtures.encode;
import static dev.lector.image.ImageFixtures.near;
import static dev.lector.image.ImageFixtures.pixel;
import static dev.lector.image.ImageFixtures.pngHeader;
import static dev.lector.image.ImageFixtures.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.image.InputException.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    // ---- raster formats

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void losslessFormatsDecodeToExactlyTheSourcePixels(String format) {
        BufferedImage source = quadrants(61, 33);
        byte[] expected = ((DataBufferByte) source.getRaster().getDataBuffer()).getData();

        PageImage decoded = decoder.decode(encode(source, format));

        assertThat(decoded.width()).isEqualTo(61);
        assertThat(decoded.height()).isEqualTo(33);
        assertThat(decoded.bgr()).isEqualTo(expected);
    }

    @Test
    void jpegDecodesToTheSourceColoursWithinCompressionError() {
        PageImage decoded = decoder.decode(encode(quadrants(64, 32), "jpeg"));

        assertThat(decoded.size()).isEqualTo(new dev.lector.geometry.Size(64, 32));
        assertQuadrants(decoded, TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT);
    }

    @Test
    void webpEncodedByOpenCvDecodes() {
        PageImage source = ImageDecoder.fromBufferedImage(quadrants(48, 40));
        byte[] webp = ImageFixtures.encodeWithOpenCv(source, ".webp");

        PageImage decoded = decoder.decode(webp);

        assertThat(decoded.size()).isEqualTo(new dev.lector.geometry.Size(48, 40));
        assertQuadrants(decoded, TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT);
    }

    @Test
    void grayscalePngBecomesThreeEqualChannels() {
        BufferedImage gray = new BufferedImage(10, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 2, 0, 77);

        PageImage decoded = decoder.decode(encode(gray, "png"));

        assertThat(pixel(decoded, 3, 2)).containsExactly(77, 77, 77);
        assertThat(pixel(decoded, 0, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void sixteenBitPngIsScaledToEightBits() {
        BufferedImage deep = new BufferedImage(5, 5, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(1, 1, 0, 65535);
        deep.getRaster().setSample(2, 2, 0, 257 * 100);

        PageImage decoded = decoder.decode(encode(deep, "png"));

        assertThat(pixel(decoded, 1, 1)).containsExactly(255, 255, 255);
        assertThat(pixel(decoded, 2, 2)).containsExactly(100, 100, 100);
    }

    @Test
    void transparentPngPixelsComeOutWhite() {
        BufferedImage argb = new BufferedImage(6, 2, BufferedImage.TYPE_INT_ARGB); // all transparent black
        argb.setRGB(0, 0, 0xFF000000); // opaque black
        argb.setRGB(1, 0, 0x80FF0000); // half-transparent red

        PageImage decoded = decoder.decode(encode(argb, "png"));

        assertThat(pixel(decoded, 0, 0)).containsExactly(0, 0, 0);
        assertThat(pixel(decoded, 5, 1)).containsExactly(255, 255, 255);
        assertThat(near(pixel(decoded, 1, 0), new int[] {127, 127, 255}, 1)).isTrue();
    }

    // ---- EXIF orientation

    /** APP1 segment with a big-endian TIFF structure holding only Orientation (0x0112) = {@code orientation}. */
    private static byte[] exifOrientation(int orientation) {
        byte[] tiff = bytes('M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0);
        byte[] payload = concat(ascii("Exif"), bytes(0, 0), tiff);
        int length = payload.length + 2;
        return concat(bytes(0xFF, 0xE1, length >> 8, length & 0xFF), payload);
    }

    private static byte[] withExif(byte[] jpeg, int orientation) {
        return concat(Arrays.copyOf(jpeg, 2), exifOrientation(orientation), Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    @Test
    void jpegExifOrientationSixIsAppliedByTurningClockwise() {
        byte[] jpeg = withExif(encode(quadrants(64, 32), "jpeg"), 6);
        assertThat(ImageHeader.read(jpeg)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 64, 32));

        PageImage decoded = decoder.decode(jpeg);

        // turned 90 degrees clockwise: stored left column becomes the top row
        assertThat(decoded.width()).isEqualTo(32);
        assertThat(decoded.height()).isEqualTo(64);
        assertQuadrants(decoded, BOTTOM_LEFT, TOP_LEFT, BOTTOM_RIGHT, TOP_RIGHT);
    }

    @Test
    void jpegExifOrientationEightTurnsCounterClockwise() {
        PageImage decoded = decoder.decode(withExif(encode(quadrants(64, 32), "jpeg"), 8));

        assertThat(decoded.width()).isEqualTo(32);
        assertThat(decoded.height()).isEqualTo(64);
        assertQuadrants(decoded, TOP_RIGHT, BOTTOM_RIGHT, TOP_LEFT, BOTTOM_LEFT);
    }

    @Test
    void jpegExifOrientationThreeTurnsUpsideDown() {
        PageImage decoded = decoder.decode(withExif(encode(quadrants(64, 32), "jpeg"), 3));

        assertThat(decoded.width()).isEqualTo(64);
        assertQuadrants(decoded, BOTTOM_RIGHT, BOTTOM_LEFT, TOP_RIGHT, TOP_LEFT);
    }

    @Test
    void jpegExifOrientationOneLeavesTheImageAsStored() {
        PageImage decoded = decoder.decode(withExif(encode(quadrants(64, 32), "jpeg"), 1));

        assertThat(decoded.width()).isEqualTo(64);
        assertQuadrants(decoded, TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT);
    }

    // ---- refusals

    @Test
    void emptyInputIsRefused() {
        assertReason(() -> decoder.decode(new byte[0]), Reason.EMPTY);
    }

    @Test
    void textIsUnsupported() {
        assertReason(() -> decoder.decode(ascii("this is a text file renamed to photo.jpg\n")), Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("text");
    }

    @Test
    void truncatedJpegIsUndecodable() {
        byte[] jpeg = encode(ImageFixtures.text("Truncated receipt 12.50", 400, 120), "jpeg");
        byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);

        assertReason(() -> decoder.decode(half), Reason.UNDECODABLE)
                .hasMessageContaining("JPEG").hasMessageContaining("truncated").hasMessageContaining("400x120");
    }

    @Test
    void jpegWithTrailingBytesAfterItsEndIsFine() {
        byte[] jpeg = concat(encode(quadrants(40, 20), "jpeg"), new byte[100]);

        assertThat(decoder.decode(jpeg).width()).isEqualTo(40);
    }

    @Test
    void jpegWithAnExifThumbnailIsNotMistakenForComplete() {
        // an embedded JPEG (thumbnail-like) inside APP1 has its own EOI: the walk must skip it
        byte[] thumbnail = encode(quadrants(8, 8), "jpeg");
        byte[] app1 = concat(bytes(0xFF, 0xE1, (thumbnail.length + 2) >> 8, (thumbnail.length + 2) & 0xFF), thumbnail);
        byte[] jpeg = encode(ImageFixtures.text("thumb", 200, 60), "jpeg");
        byte[] withThumb = concat(Arrays.copyOf(jpeg, 2), app1, Arrays.copyOfRange(jpeg, 2, jpeg.length));

        assertThat(decoder.decode(withThumb).width()).isEqualTo(200);
        byte[] cut = Arrays.copyOf(withThumb, withThumb.length - 40);
        assertReason(() -> decoder.decode(cut), Reason.UNDECODABLE);
    }

    @Test
    void progressiveJpegWithManyScansDecodesAndIsRefusedWhenCut() {
        PageImage source = ImageDecoder.fromBufferedImage(ImageFixtures.text("progressive scans", 320, 80));
        byte[] progressive = ImageFixtures.encodeWithOpenCv(source, ".jpg",
                org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1);
        int scans = 0;
        for (int i = 0; i + 1 < progressive.length; i++) {
            if ((progressive[i] & 0xFF) == 0xFF && (progressive[i + 1] & 0xFF) == 0xDA) scans++;
        }
        assertThat(scans).as("start-of-scan markers").isGreaterThan(1);

        assertThat(decoder.decode(progressive).width()).isEqualTo(320);
        assertReason(() -> decoder.decode(Arrays.copyOf(progressive, progressive.length * 3 / 4)), Reason.UNDECODABLE)
                .hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void truncatedLosslessImagesAreUndecodable(String format) {
        byte[] full = encode(ImageFixtures.text("cut short", 300, 90), format);
        byte[] half = Arrays.copyOf(full, full.length / 2);

        assertReason(() -> decoder.decode(half), Reason.UNDECODABLE).hasMessageContaining(format.toUpperCase());
    }

    @Test
    void truncatedWebpIsUndecodable() {
        PageImage source = ImageDecoder.fromBufferedImage(ImageFixtures.text("cut short", 300, 90));
        byte[] webp = ImageFixtures.encodeWithOpenCv(source, ".webp");

        assertReason(() -> decoder.decode(Arrays.copyOf(webp, webp.length / 2)), Reason.UNDECODABLE)
                .hasMessageContaining("WEBP");
    }

    @Test
    void hugeDeclaredPngIsRefusedFromItsHeaderWithoutAllocating() {
        byte[] png = concat(pngHeader(100_000, 100_000, 2), bytes(0, 0, 0, 0), ascii("IEND"), bytes(0xAE, 0x42, 0x60, 0x82));
        decoderRefuses(png); // warm up class loading
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();

        InputException e = decoderRefuses(png);

        long micros = (System.nanoTime() - start) / 1000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e).hasMessage("image is 100000x100000 = 10000.0 MP, above the limit of 50.0 MP");
        assertThat(micros).isLessThan(50_000);
        assertThat(allocated).isLessThan(64 * 1024);
    }

    private InputException decoderRefuses(byte[] bytes) {
        try {
            decoder.decode(bytes);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("decode accepted the input");
    }

    @Test
    void smallLimitsAreReportedInPixels() {
        ImageDecoder strict = new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels(1000));

        assertReason(() -> strict.decode(encode(quadrants(40, 30), "png")), Reason.TOO_LARGE)
                .hasMessage("image is 40x30 = 1200 pixels, above the limit of 1000 pixels");
    }

    @Test
    void pdfGivenToTheRasterDecoderIsRefusedWithAHint() {
        assertReason(() -> decoder.decode(onePagePdf(PDRectangle.LETTER)), Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("decodePdf");
    }

    @Test
    void decoderIsSafeToShareBetweenThreads() throws Exception {
        byte[] png = encode(quadrants(50, 50), "png");
        byte[] expected = decoder.decode(png).bgr();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    try {
                        if (!Arrays.equals(decoder.decode(png).bgr(), expected)) failures.add(new AssertionError("differs"));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertThat(failures).isEmpty();
    }

    // ---- PDF

    /** A PDF of one page of {@code pageW x pageH} points with an image of {@code imgW x imgH} px drawn over {@code drawW x drawH} of it. */
    private static byte[] scannedPdf(float pageW, float pageH, int imgW, int imgH, float drawW, float drawH, boolean text) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new PDRectangle(pageW, pageH));
            doc.addPage(page);
            java.awt.image.BufferedImage scan = new java.awt.image.BufferedImage(imgW, imgH, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            var g = scan.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, imgW, imgH);
            g.dispose();
            var image = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc, scan);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 0, pageH - drawH, drawW, drawH);
                if (text) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 36);
                    content.newLineAtOffset(72, 72);
                    content.showText("total 12.50");
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aScanWhoseFileStatesALowResolutionIsRenderedAtItsOwnPixels() {
        // img2pdf's page for a 700x980 scan stating 50 dpi: 14 x 19.6 inches; at 200 dpi that is 2800x3920
        byte[] pdf = scannedPdf(1008, 1411.2f, 700, 980, 1008, 1411.2f, false);
        PageImage page = decoder.decodePdf(pdf, PageRange.ALL).getFirst();
        assertThat(page.width()).isBetween(698, 702);
        assertThat(page.height()).isBetween(978, 983);
        // above the pixel cap at 200 dpi, within it at the scan's own resolution
        ImageDecoder capped = new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels(1_000_000));
        assertThat(capped.decodePdf(pdf, PageRange.ALL).getFirst().width()).isBetween(698, 702);
    }

    @Test
    void aPageWithASmallImageOrAFineScanKeepsTheRenderResolution() {
        // a logo on a text page: not the page's shape
        PageImage logo = decoder.decodePdf(scannedPdf(612, 792, 50, 20, 100, 40, true), PageRange.ALL).getFirst();
        assertThat(logo.width()).isBetween(1699, 1700);
        // a 300 dpi scan of a letter page: rendered at the configured 200 dpi, not above
        PageImage fine = decoder.decodePdf(scannedPdf(612, 792, 2550, 3300, 612, 792, false), PageRange.ALL).getFirst();
        assertThat(fine.width()).isBetween(1699, 1700);
    }

    private static byte[] pdf(PDRectangle size, int pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(size);
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 36);
                    content.newLineAtOffset(72, size.getHeight() - 108);
                    content.showText("Page " + i + " total 12.50");
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] onePagePdf(PDRectangle size) {
        return pdf(size, 1);
    }

    @Test
    void pdfPageIsRenderedAtTheConfiguredDpi() {
        List<PageImage> pages = decoder.decodePdf(onePagePdf(PDRectangle.LETTER), PageRange.ALL);

        assertThat(pages).hasSize(1);
        PageImage page = pages.getFirst();
        assertThat(page.width()).isEqualTo(1699); // 612 pt x (200 / 72f) = 1699.9999 in float, floored like PDFBox
        assertThat(page.height()).isEqualTo(2200);
        assertThat(pixel(page, 5, 5)).containsExactly(255, 255, 255);
        assertThat(darkPixels(page, 200, 250, 1000, 150)).as("text near the top left").isGreaterThan(1000);
    }

    @Test
    void pdfAtHundredDpi() {
        ImageDecoder lowRes = new ImageDecoder(ImageLimits.DEFAULT.withPdfDpi(100));

        List<PageImage> pages = lowRes.decodePdf(onePagePdf(PDRectangle.A4), PageRange.ALL);

        assertThat(pages).singleElement().satisfies(p -> {
            assertThat(p.width()).isEqualTo(826); // floor(595.28 pt / 72 * 100)
            assertThat(p.height()).isEqualTo(1169); // floor(841.89 pt / 72 * 100)
        });
    }

    @Test
    void pdfPagesAreSelectedAndStreamedInDocumentOrder() {
        ImageDecoder lowRes = new ImageDecoder(ImageLimits.DEFAULT.withPdfDpi(36));
        byte[] pdf = pdf(PDRectangle.LETTER, 5);
        List<Integer> seen = new ArrayList<>();

        lowRes.forEachPdfPage(pdf, PageRange.parse("4,1-2"), (number, image) -> {
            seen.add(number);
            assertThat(image.width()).isEqualTo(306); // 8.5 in x 36 dpi
        });

        assertThat(seen).containsExactly(1, 2, 4);
        assertThat(lowRes.decodePdf(pdf, PageRange.ALL)).hasSize(5);
    }

    @Test
    void pdfPagesBeyondTheDocumentAreABadOption() {
        byte[] pdf = pdf(PDRectangle.LETTER, 2);

        assertReason(() -> decoder.decodePdf(pdf, PageRange.parse("2-3")), Reason.BAD_OPTION)
                .hasMessageContaining("2-3").hasMessageContaining("2 pages");
    }

    @Test
    void pdfPageTooLargeAtTheDpiIsRefusedBeforeRendering() {
        ImageDecoder strict = new ImageDecoder(new ImageLimits(1_000_000, 200, 10));

        assertReason(() -> strict.decodePdf(onePagePdf(PDRectangle.LETTER), PageRange.ALL), Reason.TOO_LARGE)
                .hasMessage("PDF page 1 at 200 dpi is 1699x2200 = 3.7 MP, above the limit of 1.0 MP");
    }

    @Test
    void pdfWithMorePagesThanAllowedIsRefused() {
        ImageDecoder strict = new ImageDecoder(new ImageLimits(ImageLimits.DEFAULT_MAX_PIXELS, 36, 2));
        byte[] pdf = pdf(PDRectangle.LETTER, 3);

        assertReason(() -> strict.decodePdf(pdf, PageRange.ALL), Reason.TOO_LARGE)
                .hasMessageContaining("3 pages").hasMessageContaining("limit of 2 pages");
        assertThat(strict.decodePdf(pdf, PageRange.parse("2-3"))).hasSize(2);
    }

    @Test
    void brokenPdfIsUndecodable() {
        assertReason(() -> decoder.decodePdf(ascii("%PDF-1.7\nthis is not really a PDF\n"), PageRange.ALL), Reason.UNDECODABLE)
                .hasMessageContaining("PDF");
        byte[] pdf = onePagePdf(PDRectangle.LETTER);
        assertReason(() -> decoder.decodePdf(Arrays.copyOf(pdf, 40), PageRange.ALL), Reason.UNDECODABLE);
    }

    @Test
    void rasterBytesGivenToThePdfDecoderAreRefused() {
        assertReason(() -> decoder.decodePdf(encode(quadrants(4, 4), "png"), PageRange.ALL), Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("PNG");
    }

    // ---- decodeAny

    @Test
    void decodeAnyReadsPdfPagesAndSingleImages() {
        ImageDecoder lowRes = new ImageDecoder(ImageLimits.DEFAULT.withPdfDpi(36));

        assertThat(lowRes.decodeAny(pdf(PDRectangle.LETTER, 3), PageRange.parse("2-3"))).hasSize(2);
        assertThat(lowRes.decodeAny(encode(quadrants(9, 7), "png"), PageRange.ALL)).singleElement()
                .satisfies(p -> assertThat(p.width()).isEqualTo(9));
        assertThat(lowRes.decodeAny(encode(quadrants(9, 7), "png"), PageRange.parse("1"))).hasSize(1);
    }

    @Test
    void aRasterImageIsADocumentOfOnePage() {
        assertReason(() -> decoder.decodeAny(encode(quadrants(9, 7), "png"), PageRange.parse("2")), Reason.BAD_OPTION)
                .hasMessageContaining("1 page");
    }

    // ---- Java2D

    @Test
    void fromBufferedImageCopiesBgrBytes() {
        BufferedImage source = quadrants(10, 6);

        PageImage image = ImageDecoder.fromBufferedImage(source);

        assertThat(image.bgr()).isEqualTo(((DataBufferByte) source.getRaster().getDataBuffer()).getData())
                .isNotSameAs(((DataBufferByte) source.getRaster().getDataBuffer()).getData());
    }

    @Test
    void fromBufferedImageConvertsOtherTypes() {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(2, 1, 0x102030);
        BufferedImage argb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFF0000FF);

        assertThat(pixel(ImageDecoder.fromBufferedImage(rgb), 2, 1)).containsExactly(0x30, 0x20, 0x10);
        PageImage fromArgb = ImageDecoder.fromBufferedImage(argb);
        assertThat(pixel(fromArgb, 0, 0)).containsExactly(255, 0, 0);
        assertThat(pixel(fromArgb, 1, 1)).as("transparent becomes white").containsExactly(255, 255, 255);
    }

    @Test
    void fromBufferedImageOfASubimageTakesOnlyItsPixels() {
        BufferedImage whole = quadrants(20, 10);
        Graphics2D g = whole.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(12, 6, 1, 1);
        g.dispose();

        PageImage part = ImageDecoder.fromBufferedImage(whole.getSubimage(10, 5, 10, 5));

        assertThat(part.width()).isEqualTo(10);
        assertThat(pixel(part, 2, 1)).containsExactly(0, 0, 0);
        assertThat(pixel(part, 0, 0)).containsExactly(bgrOf(BOTTOM_RIGHT));
    }

    // ---- helpers

    private static void assertQuadrants(PageImage img, Color topLeft, Color topRight, Color bottomLeft, Color bottomRight) {
        int w = img.width(), h = img.height();
        assertThat(pixel(img, w / 4, h / 4)).as("top left").satisfies(p -> assertThat(near(p, bgrOf(topLeft), 12)).isTrue());
        assertThat(pixel(img, 3 * w / 4, h / 4)).as("top right").satisfies(p -> assertThat(near(p, bgrOf(topRight), 12)).isTrue());
        assertThat(pixel(img, w / 4, 3 * h / 4)).as("bottom left").satisfies(p -> assertThat(near(p, bgrOf(bottomLeft), 12)).isTrue());
        assertThat(pixel(img, 3 * w / 4, 3 * h / 4)).as("bottom right").satisfies(p -> assertThat(near(p, bgrOf(bottomRight), 12)).isTrue());
    }

    private static int darkPixels(PageImage img, int x0, int y0, int width, int height) {
        int dark = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                int[] p = pixel(img, x, y);
                if (p[0] + p[1] + p[2] < 3 * 100) dark++;
            }
        }
        return dark;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertReason(ThrowingCallable call, Reason reason) {
        return assertThatThrownBy(call)
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).reason()).isEqualTo(reason));
    }

    @Test
    void largeJpegIsDecodedSmallerAndSaysHowMuch() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(1300, 700, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        byte[] jpeg = out.toByteArray();
        ImageDecoder reducing = new ImageDecoder(ImageLimits.DEFAULT.withFullResolutionSide(300));
        ImageDecoder.Reduced r = reducing.decodeReduced(jpeg); // 1300 / 4 = 325 >= 300, 1300 / 8 < 300
        org.assertj.core.api.Assertions.assertThat(r.factor()).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThat(r.image().width()).isEqualTo(325);
        org.assertj.core.api.Assertions.assertThat(r.image().height()).isEqualTo(175);
        org.assertj.core.api.Assertions.assertThat(r.fullWidth()).isEqualTo(1300);
        org.assertj.core.api.Assertions.assertThat(r.fullHeight()).isEqualTo(700);
        // below twice the side, or not a JPEG, or switched off: full size
        org.assertj.core.api.Assertions.assertThat(new ImageDecoder(ImageLimits.DEFAULT).decodeReduced(jpeg).factor()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(new ImageDecoder(ImageLimits.DEFAULT.withFullResolutionSide(0))
                .decodeReduced(jpeg).image().width()).isEqualTo(1300);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        org.assertj.core.api.Assertions.assertThat(reducing.decodeReduced(png.toByteArray()).factor()).isEqualTo(1);
        // a truncated large JPEG is still refused
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reducing.decodeReduced(cut)).isInstanceOf(InputException.class);
    }
}
