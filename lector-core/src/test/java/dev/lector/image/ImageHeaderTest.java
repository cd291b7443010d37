package dev.lector.image;

import static dev.lector.image.ImageFixtures.ascii;
import static dev.lector.image.ImageFixtures.bytes;
import static dev.lector.image.ImageFixtures.concat;
import static dev.lector.image.ImageFixtures.encode;
import static dev.lector.image.ImageFixtures.pngHeader;
import static dev.lector.image.ImageFixtures.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.image.InputException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageHeaderTest {

    // ---- real files written by ImageIO

    @ParameterizedTest
    @CsvSource({"jpeg, JPEG", "png, PNG", "bmp, BMP", "tiff, TIFF"})
    void readsTheSizeOfImagesWrittenByImageIo(String writer, ImageFormat format) {
        byte[] encoded = encode(quadrants(123, 45), writer);

        assertThat(ImageHeader.read(encoded)).isEqualTo(new ImageHeader(format, 123, 45));
    }

    @Test
    void readsTheSizeOfAWebpWrittenByOpenCv() {
        byte[] lossy = ImageFixtures.encodeWithOpenCv(ImageFixtures.gradient(77, 31), ".webp");

        assertThat(ImageHeader.read(lossy)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 77, 31));
    }

    // ---- PNG

    @Test
    void pngSizeComesFromIhdr() {
        assertThat(ImageHeader.read(pngHeader(100_000, 70_000, 2))).isEqualTo(new ImageHeader(ImageFormat.PNG, 100_000, 70_000));
    }

    @Test
    void pngWhoseFirstChunkIsNotIhdrIsUndecodable() {
        byte[] png = pngHeader(10, 10, 2);
        System.arraycopy(ascii("IDAT"), 0, png, 12, 4);

        assertReason(png, Reason.UNDECODABLE).hasMessageContaining("'IDAT'").hasMessageContaining("IHDR");
    }

    @Test
    void pngCutInsideIhdrIsUndecodable() {
        byte[] cut = Arrays.copyOf(pngHeader(10, 10, 2), 20);

        assertReason(cut, Reason.UNDECODABLE).hasMessageContaining("PNG header is cut short")
                .hasMessageContaining("24").hasMessageContaining("20");
    }

    @Test
    void pngDeclaringZeroWidthIsUndecodable() {
        assertReason(pngHeader(0, 10, 2), Reason.UNDECODABLE).hasMessageContaining("0x10");
    }

    // ---- JPEG

    private static final byte[] SOI = bytes(0xFF, 0xD8);
    private static final byte[] APP0 = concat(bytes(0xFF, 0xE0, 0x00, 0x10), ascii("JFIF"), bytes(0, 1, 1, 0, 0, 1, 0, 1, 0, 0));
    private static final byte[] DHT = bytes(0xFF, 0xC4, 0x00, 0x05, 0x00, 0x01, 0x02);

    private static byte[] sof(int marker, int width, int height) {
        return bytes(0xFF, marker, 0x00, 0x0B, 8, height >> 8, height & 0xFF, width >> 8, width & 0xFF, 1, 1, 0x11, 0);
    }

    @Test
    void jpegSizeComesFromTheFirstFrameHeaderAfterOtherSegments() {
        byte[] jpeg = concat(SOI, APP0, DHT, sof(0xC0, 640, 480), bytes(0xFF, 0xDA, 0x00, 0x02));

        assertThat(ImageHeader.read(jpeg)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 640, 480));
    }

    @Test
    void jpegProgressiveFrameHeaderCounts() {
        byte[] jpeg = concat(SOI, APP0, sof(0xC2, 65535, 2));

        assertThat(ImageHeader.read(jpeg)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 65535, 2));
    }

    @Test
    void jpegDhtJpgAndDacMarkersAreNotFrameHeaders() {
        byte[] notFrames = concat(bytes(0xFF, 0xC8, 0x00, 0x07, 8, 0, 9, 0, 9), bytes(0xFF, 0xCC, 0x00, 0x07, 8, 0, 9, 0, 9));
        byte[] jpeg = concat(SOI, DHT, notFrames, sof(0xC1, 30, 20));

        assertThat(ImageHeader.read(jpeg)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 30, 20));
    }

    @Test
    void jpegFillBytesAndStrayBytesBetweenSegmentsAreSkipped() {
        byte[] jpeg = concat(SOI, APP0, bytes(0x00, 0x17, 0xFF, 0xFF), sof(0xC0, 5, 7));

        assertThat(ImageHeader.read(jpeg)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 5, 7));
    }

    @Test
    void jpegWithImageDataBeforeAnyFrameIsUndecodable() {
        byte[] jpeg = concat(SOI, APP0, bytes(0xFF, 0xDA, 0x00, 0x02));

        assertReason(jpeg, Reason.UNDECODABLE).hasMessageContaining("SOS at byte 20").hasMessageContaining("SOFn");
    }

    @Test
    void jpegEndingBeforeItsFrameHeaderIsUndecodable() {
        byte[] jpeg = concat(SOI, APP0, Arrays.copyOf(sof(0xC0, 640, 480), 6));

        assertReason(jpeg, Reason.UNDECODABLE).hasMessageContaining("JPEG header is cut short");
    }

    @Test
    void jpegSegmentSkippingPastTheEndIsUndecodable() {
        byte[] jpeg = concat(SOI, bytes(0xFF, 0xE1, 0x40, 0x00), new byte[100]);

        assertReason(jpeg, Reason.UNDECODABLE).hasMessageContaining("cut short");
    }

    @Test
    void jpegWithInvalidSegmentLengthIsUndecodable() {
        byte[] jpeg = concat(SOI, bytes(0xFF, 0xE1, 0x00, 0x01), new byte[10]);

        assertReason(jpeg, Reason.UNDECODABLE).hasMessageContaining("FFE1").hasMessageContaining("invalid length 1");
    }

    // ---- BMP

    private static byte[] bmp(int dibSize, int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(14 + dibSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(14 + dibSize).putInt(0).putInt(14 + dibSize).putInt(dibSize);
        if (dibSize == 12) {
            b.putShort((short) width).putShort((short) height);
        } else {
            b.putInt(width).putInt(height);
        }
        return b.array();
    }

    @Test
    void bmpInfoHeaderSize() {
        assertThat(ImageHeader.read(bmp(40, 300, 200))).isEqualTo(new ImageHeader(ImageFormat.BMP, 300, 200));
        assertThat(ImageHeader.read(bmp(124, 3, 2))).isEqualTo(new ImageHeader(ImageFormat.BMP, 3, 2));
    }

    @Test
    void bmpNegativeHeightMeansTopDown() {
        assertThat(ImageHeader.read(bmp(40, 300, -200))).isEqualTo(new ImageHeader(ImageFormat.BMP, 300, 200));
    }

    @Test
    void bmpCoreHeaderHasSixteenBitSizes() {
        assertThat(ImageHeader.read(bmp(12, 60000, 2))).isEqualTo(new ImageHeader(ImageFormat.BMP, 60000, 2));
    }

    @Test
    void bmpCutShortIsUndecodable() {
        assertReason(Arrays.copyOf(bmp(40, 300, 200), 22), Reason.UNDECODABLE).hasMessageContaining("BMP header is cut short");
    }

    @Test
    void textStartingWithBmIsNotMistakenForBmp() {
        assertReason(ascii("BMW and other cars are listed below."), Reason.UNSUPPORTED_FORMAT).hasMessageContaining("text");
    }

    // ---- TIFF

    private static byte[] tiff(ByteOrder order, int widthType, long width, int heightType, long height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 3 * 12 + 4).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? ascii("II") : ascii("MM")).putShort((short) 42).putInt(8);
        b.putShort((short) 3);
        b.putShort((short) 254).putShort((short) 4).putInt(1).putInt(0); // NewSubfileType, ignored
        entry(b, 256, widthType, width);
        entry(b, 257, heightType, height);
        b.putInt(0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, long value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }

    @Test
    void tiffLittleEndianShortAndLong() {
        assertThat(ImageHeader.read(tiff(ByteOrder.LITTLE_ENDIAN, 3, 1000, 4, 70_000)))
                .isEqualTo(new ImageHeader(ImageFormat.TIFF, 1000, 70_000));
    }

    @Test
    void tiffBigEndianShortAndLong() {
        assertThat(ImageHeader.read(tiff(ByteOrder.BIG_ENDIAN, 4, 123_456, 3, 65_535)))
                .isEqualTo(new ImageHeader(ImageFormat.TIFF, 123_456, 65_535));
    }

    /** A TIFF of two directories (10x20 then 30x40), the second's next-directory offset set to {@code lastNext}. */
    private static byte[] twoPageTiff(int lastNext) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * (2 + 2 * 12 + 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("II")).putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        entry(b, 256, 3, 10);
        entry(b, 257, 3, 20);
        b.putInt(8 + 30);
        b.putShort((short) 2);
        entry(b, 256, 4, 30);
        entry(b, 257, 4, 40);
        b.putInt(lastNext);
        return b.array();
    }

    @Test
    void tiffPagesFollowTheDirectoryChain() {
        assertThat(ImageHeader.pages(twoPageTiff(0))).containsExactly(
                new ImageHeader(ImageFormat.TIFF, 10, 20), new ImageHeader(ImageFormat.TIFF, 30, 40));
        assertThat(ImageHeader.pages(tiff(ByteOrder.BIG_ENDIAN, 3, 10, 3, 10))).hasSize(1);
    }

    @Test
    void tiffDirectoryChainThatLoopsOrLeavesTheFileIsUndecodable() {
        assertThatThrownBy(() -> ImageHeader.pages(twoPageTiff(8))).isInstanceOf(InputException.class)
                .hasMessageContaining("loops back to byte 8");
        assertThatThrownBy(() -> ImageHeader.pages(twoPageTiff(1 << 30))).isInstanceOf(InputException.class)
                .hasMessageContaining("outside the");
    }

    @Test
    void tiffWithoutImageLengthIsUndecodable() {
        byte[] t = tiff(ByteOrder.LITTLE_ENDIAN, 3, 10, 3, 10);
        t[8 + 2 + 2 * 12] = 0x10; // tag 257 becomes 272 (Model)

        assertReason(t, Reason.UNDECODABLE).hasMessageContaining("ImageLength (257)");
    }

    @Test
    void tiffWithDirectoryPastTheEndIsUndecodable() {
        byte[] t = tiff(ByteOrder.BIG_ENDIAN, 3, 10, 3, 10);

        assertReason(Arrays.copyOf(t, 20), Reason.UNDECODABLE).hasMessageContaining("TIFF header is cut short");
    }

    @Test
    void tiffSizeOfWrongTypeIsUndecodable() {
        assertReason(tiff(ByteOrder.LITTLE_ENDIAN, 5, 10, 3, 10), Reason.UNDECODABLE).hasMessageContaining("type 5");
    }

    // ---- WebP

    private static byte[] riff(String chunk, byte[] payload) {
        return concat(ascii("RIFF"), bytes(0, 0, 0, 0), ascii("WEBP"), ascii(chunk),
                bytes(payload.length, 0, 0, 0), payload);
    }

    @Test
    void webpLossyVp8() {
        byte[] vp8 = bytes(0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 640 & 0xFF, 640 >> 8, 480 & 0xFF, 480 >> 8);

        assertThat(ImageHeader.read(riff("VP8 ", vp8))).isEqualTo(new ImageHeader(ImageFormat.WEBP, 640, 480));
    }

    @Test
    void webpLossyVp8IgnoresTheScaleBits() {
        byte[] vp8 = bytes(0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0xC2, 0xE0, 0x41); // 0x0280 and 0x01E0 plus scale bits

        assertThat(ImageHeader.read(riff("VP8 ", vp8))).isEqualTo(new ImageHeader(ImageFormat.WEBP, 640, 480));
    }

    @Test
    void webpVp8WithoutStartCodeIsUndecodable() {
        byte[] vp8 = bytes(0x30, 0x01, 0x00, 0x9D, 0x01, 0x2B, 1, 0, 1, 0);

        assertReason(riff("VP8 ", vp8), Reason.UNDECODABLE).hasMessageContaining("start code");
    }

    @Test
    void webpLosslessVp8l() {
        long bits = (300 - 1) | (200 - 1) << 14;
        byte[] vp8l = bytes(0x2F, (int) bits, (int) (bits >> 8), (int) (bits >> 16), (int) (bits >> 24));

        assertThat(ImageHeader.read(riff("VP8L", vp8l))).isEqualTo(new ImageHeader(ImageFormat.WEBP, 300, 200));
    }

    @Test
    void webpExtendedVp8xCanvasSize() {
        int w = 16_383 * 3, h = 5;
        byte[] vp8x = bytes(0x10, 0, 0, 0, (w - 1), (w - 1) >> 8, (w - 1) >> 16, h - 1, 0, 0);

        assertThat(ImageHeader.read(riff("VP8X", vp8x))).isEqualTo(new ImageHeader(ImageFormat.WEBP, w, h));
    }

    @Test
    void webpWithUnknownFirstChunkIsUndecodable() {
        assertReason(riff("ALPH", new byte[12]), Reason.UNDECODABLE).hasMessageContaining("'ALPH'");
    }

    @Test
    void riffThatIsNotWebpIsUnsupported() {
        byte[] wav = concat(ascii("RIFF"), bytes(0, 0, 0, 0), ascii("WAVEfmt "), new byte[20]);

        assertReason(wav, Reason.UNSUPPORTED_FORMAT).hasMessageContaining("RIFF container of type 'WAVE'");
    }

    @Test
    void webpCutShortIsUndecodable() {
        assertReason(Arrays.copyOf(riff("VP8X", new byte[10]), 26), Reason.UNDECODABLE)
                .hasMessageContaining("WEBP header is cut short").hasMessageContaining("30");
    }

    // ---- PDF, empty, unknown

    @Test
    void pdfHasNoSizeInItsHeader() {
        assertThat(ImageHeader.read(ascii("%PDF-1.7\n%...\n"))).isEqualTo(new ImageHeader(ImageFormat.PDF, 0, 0));
    }

    @Test
    void emptyInput() {
        assertReason(new byte[0], Reason.EMPTY).hasMessageContaining("empty");
        assertThatThrownBy(() -> ImageHeader.read(null)).isInstanceOf(InputException.class);
    }

    @Test
    void textNamedJpgIsUnsupportedAndTheMessageSaysWhatWasSeen() {
        assertReason(ascii("Hello, world! Not an image.\n"), Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("looks like text")
                .hasMessageContaining("48 65 6C 6C 6F")
                .hasMessageContaining("\"Hello, world! No\"")
                .hasMessageContaining("28 bytes")
                .hasMessageContaining("JPEG, PNG, BMP, TIFF, WebP and PDF");
    }

    @Test
    void otherKnownFormatsAreNamed() {
        assertReason(concat(ascii("GIF89a"), new byte[20]), Reason.UNSUPPORTED_FORMAT).hasMessageContaining("GIF");
        assertReason(concat(bytes('P', 'K', 3, 4), new byte[20]), Reason.UNSUPPORTED_FORMAT).hasMessageContaining("ZIP");
        assertReason(concat(bytes(0, 0, 0, 0x1C), ascii("ftypheic"), new byte[20]), Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("'heic'");
    }

    @Test
    void binaryJunkIsUnsupported() {
        assertReason(bytes(0x00, 0x01, 0x02, 0xFE), Reason.UNSUPPORTED_FORMAT).hasMessageContaining("00 01 02 FE");
    }

    @Test
    void theStartOfAKnownSignatureAloneIsACutShortFile() {
        assertReason(bytes(0x89, 'P', 'N', 'G'), Reason.UNDECODABLE).hasMessageContaining("PNG signature");
        assertReason(bytes(0xFF, 0xD8), Reason.UNDECODABLE).hasMessageContaining("JPEG");
    }

    @Test
    void sizeMustMatchTheFormat() {
        assertThatThrownBy(() -> new ImageHeader(ImageFormat.PNG, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageHeader(ImageFormat.PDF, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ImageHeader(ImageFormat.PNG, 100_000, 100_000).pixels()).isEqualTo(10_000_000_000L);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertReason(byte[] bytes, Reason reason) {
        return assertThatThrownBy(() -> ImageHeader.read(bytes))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).reason()).isEqualTo(reason));
    }
}
