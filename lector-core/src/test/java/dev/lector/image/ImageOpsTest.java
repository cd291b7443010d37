package dev.lector.image;

import static dev.lector.image.ImageFixtures.gradient;
import static dev.lector.image.ImageFixtures.pixel;
import static dev.lector.image.ImageFixtures.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.backend.Tensor;
import dev.lector.detect.LimitType;
import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.geometry.Size;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageOpsTest {

    // ---- detector input

    /** Expected sizes computed with PaddleOCR's DetResizeForTest (type 0) in Python. */
    @ParameterizedTest
    @CsvSource({
            "1000, 500, 960, MAX, 960, 480",
            "640, 480, 960, MAX, 640, 480",
            "100, 50, 960, MAX, 96, 64",
            "2480, 3508, 960, MAX, 672, 960",
            "3508, 2480, 960, MAX, 960, 672",
            "10, 10, 960, MAX, 32, 32",
            "80, 48, 960, MAX, 64, 64", // 2.5 and 1.5 round half to even: 2 * 32 both
            "30, 4000, 960, MAX, 32, 960",
            "500, 300, 736, MIN, 1216, 736",
            "1000, 800, 736, MIN, 992, 800"})
    void detectionSizeMatchesPaddleOcr(int w, int h, int limit, LimitType type, int expectedW, int expectedH) {
        assertThat(ImageOps.detectionSize(w, h, limit, type)).isEqualTo(new Size(expectedW, expectedH));
    }

    @Test
    void detectionInputOfASolidImageHasTheExactNormalisedValuePerChannel() {
        // values computed with numpy float32: (v * float32(1/255) - mean) / std, channels in stored order
        float[] expected = {-1.9466564655303955f, 0.20518219470977783f, 2.552854299545288f};
        for (PageImage img : new PageImage[] {solid(64, 32, 10, 128, 250), solid(100, 50, 10, 128, 250)}) {
            ImageOps.DetInput input = ImageOps.detectionInput(img, 960, LimitType.MAX);

            Tensor t = input.tensor();
            int w = input.resizedWidth(), h = input.resizedHeight();
            assertThat(t.shape()).containsExactly(1, 3, h, w);
            int plane = w * h;
            for (int c = 0; c < 3; c++) {
                float[] channel = Arrays.copyOfRange(t.data(), c * plane, (c + 1) * plane);
                for (float v : channel) assertThat(v).isEqualTo(expected[c]);
            }
        }
    }

    @Test
    void detectionInputResizesToTheDetectionSize() {
        ImageOps.DetInput input = ImageOps.detectionInput(gradient(1000, 500), 960, LimitType.MAX);

        assertThat(input.resizedWidth()).isEqualTo(960);
        assertThat(input.resizedHeight()).isEqualTo(480);
        assertThat(input.tensor().shape()).containsExactly(1, 3, 480, 960);
    }

    @Test
    void detectionInputIsChannelMajor() {
        PageImage img = gradient(64, 32); // B = x, G = y, R = x + y
        ImageOps.DetInput input = ImageOps.detectionInput(img, 960, LimitType.MAX);
        float[] d = input.tensor().data();
        int plane = 64 * 32, x = 17, y = 9;

        assertThat(d[y * 64 + x]).isEqualTo((17 * (float) (1 / 255.0) - 0.485f) / 0.229f);
        assertThat(d[plane + y * 64 + x]).isEqualTo((9 * (float) (1 / 255.0) - 0.456f) / 0.224f);
        assertThat(d[2 * plane + y * 64 + x]).isEqualTo((26 * (float) (1 / 255.0) - 0.406f) / 0.225f);
    }

    // ---- recognizer batch slots

    @Test
    void normalizeIntoWritesOneSlotAndZeroPadsEachRow() {
        PageImage img = solid(5, 48, 10, 128, 250);
        int slotWidth = 8, slot = 3 * 48 * slotWidth;
        float[] batch = new float[2 * slot];
        Arrays.fill(batch, Float.NaN);

        ImageOps.normalizeInto(img, batch, slot, slotWidth, 48);

        float[] expected = {-0.9215686321258545f, 0.003921627998352051f, 0.9607843160629272f}; // numpy float32
        for (int i = 0; i < slot; i++) assertThat(batch[i]).as("slot 0 untouched").isNaN();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < slotWidth; x++) {
                    float v = batch[slot + c * 48 * slotWidth + y * slotWidth + x];
                    assertThat(v).as("c=%d y=%d x=%d", c, y, x).isEqualTo(x < 5 ? expected[c] : 0f);
                }
            }
        }
    }

    @Test
    void normalizeIntoKeepsPixelPositions() {
        PageImage img = gradient(6, 4);
        float[] dst = new float[3 * 4 * 6];

        ImageOps.normalizeInto(img, dst, 0, 6, 4);

        assertThat(dst[2 * 6 + 5]).isEqualTo((5 / 255f - 0.5f) / 0.5f); // B of (5, 2)
        assertThat(dst[24 + 2 * 6 + 5]).isEqualTo((2 / 255f - 0.5f) / 0.5f); // G
        assertThat(dst[48 + 2 * 6 + 5]).isEqualTo((7 / 255f - 0.5f) / 0.5f); // R
    }

    @Test
    void normalizeIntoRefusesImagesThatDoNotFit() {
        float[] dst = new float[3 * 48 * 10];
        assertThatThrownBy(() -> ImageOps.normalizeInto(solid(11, 48, 0, 0, 0), dst, 0, 10, 48))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11x48").hasMessageContaining("10x48");
        assertThatThrownBy(() -> ImageOps.normalizeInto(solid(10, 47, 0, 0, 0), dst, 0, 10, 48))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageOps.normalizeInto(solid(10, 48, 0, 0, 0), dst, 1, 10, 48))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 1");
    }

    // ---- perspective crop

    @Test
    void cropOfAnAxisAlignedQuadIsExactlyThatSubImage() {
        PageImage page = gradient(100, 80);

        PageImage crop = ImageOps.cropQuad(page, Quad.ofRect(10, 20, 30, 15));

        assertThat(crop.width()).isEqualTo(30);
        assertThat(crop.height()).isEqualTo(15);
        assertThat(crop.bgr()).isEqualTo(subImage(page, 10, 20, 30, 15).bgr());
    }

    @Test
    void cropOfTheWholePageAndOfItsCornersIsExact() {
        PageImage page = gradient(50, 40);

        assertThat(ImageOps.cropQuad(page, Quad.ofRect(0, 0, 50, 40)).bgr()).isEqualTo(page.bgr());
        assertThat(ImageOps.cropQuad(page, Quad.ofRect(40, 30, 10, 10)).bgr()).isEqualTo(subImage(page, 40, 30, 10, 10).bgr());
    }

    @Test
    void cropReachingOutsideThePageReplicatesTheBorder() {
        PageImage page = gradient(50, 40);

        PageImage crop = ImageOps.cropQuad(page, Quad.ofRect(-5, 35, 20, 10));

        assertThat(crop.width()).isEqualTo(20);
        assertThat(crop.height()).isEqualTo(10);
        assertThat(pixel(crop, 0, 9)).isEqualTo(pixel(page, 0, 39));
        assertThat(pixel(crop, 10, 2)).isEqualTo(pixel(page, 5, 37));
    }

    @Test
    void cropOfARotatedQuadStraightensTheText() {
        int tw = 240, th = 60;
        BufferedImage text = ImageFixtures.text("Lector 2024", tw, th);
        double angle = Math.toRadians(20);
        AffineTransform place = new AffineTransform();
        place.translate(80, 40);
        place.rotate(angle);
        BufferedImage canvas = new BufferedImage(400, 260, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 260);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(text, place, null);
        g.dispose();
        Quad quad = new Quad(corner(place, 0, 0), corner(place, tw, 0), corner(place, tw, th), corner(place, 0, th));

        PageImage crop = ImageOps.cropQuad(ImageDecoder.fromBufferedImage(canvas), quad);

        assertThat(crop.width()).isBetween(tw - 1, tw);
        assertThat(crop.height()).isBetween(th - 1, th);
        PageImage original = ImageDecoder.fromBufferedImage(text);
        double straight = meanAbsoluteDifference(crop, original);
        double unrotated = meanAbsoluteDifference(ImageOps.cropQuad(ImageDecoder.fromBufferedImage(canvas),
                Quad.ofRect(80, 40, tw, th)), original);
        assertThat(straight).as("straightened crop vs the text drawn level").isLessThan(12);
        assertThat(unrotated).as("an axis-aligned crop of the same place").isGreaterThan(2 * straight);
    }

    @Test
    void tallCropsAreTurnedCounterClockwise() {
        PageImage page = gradient(60, 60);

        PageImage crop = ImageOps.cropQuad(page, Quad.ofRect(5, 7, 10, 30));

        // np.rot90: out(x, y) = in(W - 1 - y, x) with in being the 10x30 upright crop
        assertThat(crop.width()).isEqualTo(30);
        assertThat(crop.height()).isEqualTo(10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 30; x++) {
                assertThat(pixel(crop, x, y)).isEqualTo(pixel(page, 5 + (10 - 1 - y), 7 + x));
            }
        }
    }

    @Test
    void theAspectRuleTurnsAtExactlyOnePointFive() {
        PageImage page = gradient(60, 60);

        assertThat(ImageOps.cropQuad(page, Quad.ofRect(0, 0, 10, 15)).width()).isEqualTo(15);
        assertThat(ImageOps.cropQuad(page, Quad.ofRect(0, 0, 10, 14)).width()).isEqualTo(10);
    }

    @Test
    void degenerateQuadGivesAtLeastOnePixel() {
        PageImage crop = ImageOps.cropQuad(gradient(20, 20), Quad.ofRect(5, 5, 0.2, 0.2));

        assertThat(crop.width()).isEqualTo(1);
        assertThat(crop.height()).isEqualTo(1);
    }

    // ---- rotate, resize

    @Test
    void rotate180TurnsPixelsAndTwiceIsIdentity() {
        PageImage img = gradient(7, 5);

        PageImage turned = ImageOps.rotate180(img);

        assertThat(pixel(turned, 0, 0)).isEqualTo(pixel(img, 6, 4));
        assertThat(pixel(turned, 6, 1)).isEqualTo(pixel(img, 0, 3));
        assertThat(ImageOps.rotate180(turned).bgr()).isEqualTo(img.bgr());
        assertThat(img.bgr()).isEqualTo(gradient(7, 5).bgr());
    }

    @Test
    void resizeChangesTheSizeAndKeepsSolidColour() {
        PageImage resized = ImageOps.resize(solid(33, 17, 10, 128, 250), 100, 48);

        assertThat(resized.size()).isEqualTo(new Size(100, 48));
        assertThat(resized.bgr()).isEqualTo(solid(100, 48, 10, 128, 250).bgr());
    }

    @Test
    void resizeInterpolatesBilinearly() {
        byte[] bgr = {0, 0, 0, (byte) 200, (byte) 200, (byte) 200};
        PageImage twoPixels = new PageImage(2, 1, bgr);

        PageImage wide = ImageOps.resize(twoPixels, 4, 1);

        // OpenCV's half-pixel centres: 0, 50, 150, 200
        assertThat(pixel(wide, 1, 0)[0]).isEqualTo(50);
        assertThat(pixel(wide, 2, 0)[0]).isEqualTo(150);
    }

    // ---- helpers

    private static Point corner(AffineTransform t, double x, double y) {
        Point2D p = t.transform(new Point2D.Double(x, y), null);
        return new Point(p.getX(), p.getY());
    }

    private static PageImage subImage(PageImage img, int x, int y, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int r = 0; r < h; r++) {
            System.arraycopy(img.bgr(), ((y + r) * img.width() + x) * 3, out, r * w * 3, w * 3);
        }
        return new PageImage(w, h, out);
    }

    private static double meanAbsoluteDifference(PageImage a, PageImage b) {
        int w = Math.min(a.width(), b.width()), h = Math.min(a.height(), b.height());
        long sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] p = pixel(a, x, y), q = pixel(b, x, y);
                for (int c = 0; c < 3; c++) sum += Math.abs(p[c] - q[c]);
            }
        }
        return sum / (3.0 * w * h);
    }

    @Test
    void padPutsTheImageInsideAWhiteMargin() {
        byte[] px = new byte[2 * 1 * 3];
        java.util.Arrays.fill(px, (byte) 7);
        PageImage padded = ImageOps.pad(new PageImage(2, 1, px), 2);
        org.assertj.core.api.Assertions.assertThat(padded.width()).isEqualTo(6);
        org.assertj.core.api.Assertions.assertThat(padded.height()).isEqualTo(5);
        byte[] b = padded.bgr();
        int row = 6 * 3;
        org.assertj.core.api.Assertions.assertThat(b[0]).isEqualTo((byte) 0xFF);
        org.assertj.core.api.Assertions.assertThat(b[2 * row + 2 * 3]).isEqualTo((byte) 7);  // (2,2) is the first pixel
        org.assertj.core.api.Assertions.assertThat(b[2 * row + 3 * 3 + 2]).isEqualTo((byte) 7); // (3,2) the second
        org.assertj.core.api.Assertions.assertThat(b[2 * row + 4 * 3]).isEqualTo((byte) 0xFF);
        org.assertj.core.api.Assertions.assertThat(ImageOps.pad(padded, 0)).isSameAs(padded);
    }
}
