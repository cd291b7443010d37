package dev.lector.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class DbPostProcessorTest {

    private static final DbParams PARAMS = DbParams.DEFAULT; // thresh 0.3, box 0.6, unclip 1.5, min 3
    private final DbPostProcessor post = new DbPostProcessor(PARAMS);

    // ---- hand-built maps -------------------------------------------------------------------

    /** Sets pixels x in [x0, x1], y in [y0, y1] (inclusive) to {@code v}. */
    private static void fill(float[] map, int width, int x0, int y0, int x1, int y1, float v) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                map[y * width + x] = v;
            }
        }
    }

    /** Sets every pixel whose centre lies inside the rotated rectangle to {@code v} (angle clockwise on screen). */
    private static void fillRotated(float[] map, int width, int height, double cx, double cy, double w, double h,
                                    double angleDeg, float v) {
        double a = Math.toRadians(angleDeg), cos = Math.cos(a), sin = Math.sin(a);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x - cx, dy = y - cy;
                double u = dx * cos + dy * sin;   // along the rectangle's width
                double t = -dx * sin + dy * cos;  // along its height
                if (Math.abs(u) <= w / 2 && Math.abs(t) <= h / 2) {
                    map[y * width + x] = v;
                }
            }
        }
    }

    /**
     * Unclip distance PaddleOCR uses for a filled block of {@code pw x ph} pixels: the contour runs
     * through boundary pixel centres, so its rectangle is (pw-1) x (ph-1).
     */
    private static double unclipDistance(int pw, int ph, double ratio) {
        double w = pw - 1, h = ph - 1;
        return w * h * ratio / (2 * (w + h));
    }

    private static void assertPoint(Point actual, double x, double y, double tol) {
        assertThat(actual.x()).as("x of %s", actual).isCloseTo(x, within(tol));
        assertThat(actual.y()).as("y of %s", actual).isCloseTo(y, within(tol));
    }

    private static void assertClockwiseFromTopLeft(Quad q) {
        List<Point> c = q.corners();
        for (int i = 0; i < 4; i++) {
            Point a = c.get(i), b = c.get((i + 1) % 4), d = c.get((i + 2) % 4);
            double cross = (b.x() - a.x()) * (d.y() - b.y()) - (b.y() - a.y()) * (d.x() - b.x());
            assertThat(cross).as("turn at corner %d of %s is clockwise (y down)", i + 1, q).isPositive();
        }
        Point tl = q.topLeft();
        for (Point p : c) {
            assertThat(tl.x() + tl.y()).isLessThanOrEqualTo(p.x() + p.y() + 1e-9);
        }
    }

    // ---- tests -----------------------------------------------------------------------------

    @Test
    void axisAlignedRectangleIsGrownByTheUnclipDistance() {
        int w = 200, h = 100;
        float[] map = new float[w * h];
        fill(map, w, 40, 30, 119, 49, 0.9f); // 80 x 20 pixels

        List<DetectedBox> boxes = post.process(map, w, h, w, h);

        assertThat(boxes).hasSize(1);
        DetectedBox box = boxes.get(0);
        assertThat(box.score()).isCloseTo(0.9, within(1e-6));
        double d = unclipDistance(80, 20, PARAMS.unclipRatio()); // 79*19*1.5/196 = 11.487
        assertThat(d).isCloseTo(11.487, within(1e-3));
        Quad q = box.quad();
        assertPoint(q.topLeft(), 40 - d, 30 - d, 0.05);
        assertPoint(q.topRight(), 119 + d, 30 - d, 0.05);
        assertPoint(q.bottomRight(), 119 + d, 49 + d, 0.05);
        assertPoint(q.bottomLeft(), 40 - d, 49 + d, 0.05);
        assertThat(q.width()).isCloseTo(79 + 2 * d, within(0.1));
        assertThat(q.height()).isCloseTo(19 + 2 * d, within(0.1));
    }

    @Test
    void scoreIsTheMeanProbabilityInsideTheBox() {
        int w = 100, h = 60;
        float[] map = new float[w * h];
        fill(map, w, 10, 10, 49, 29, 0.7f);
        fill(map, w, 10, 10, 29, 29, 0.9f); // left half brighter: mean 0.8
        List<DetectedBox> boxes = post.process(map, w, h, w, h);
        assertThat(boxes).singleElement().satisfies(b -> assertThat(b.score()).isCloseTo(0.8, within(1e-6)));
    }

    @Test
    void rotatedRectangleKeepsItsAngleAndSize() {
        int w = 300, h = 200;
        double angle = 20, rw = 160, rh = 40;
        float[] map = new float[w * h];
        fillRotated(map, w, h, 150, 100, rw, rh, angle, 0.95f);

        List<DetectedBox> boxes = post.process(map, w, h, w, h);

        assertThat(boxes).hasSize(1);
        DetectedBox box = boxes.get(0);
        assertThat(box.score()).isCloseTo(0.95, within(0.01));
        Quad q = box.quad();
        assertClockwiseFromTopLeft(q);
        double topAngle = Math.toDegrees(Math.atan2(q.topRight().y() - q.topLeft().y(),
                q.topRight().x() - q.topLeft().x()));
        assertThat(topAngle).isCloseTo(angle, within(1.0));
        // the contour follows boundary pixel centres: about one pixel less than drawn on each axis
        double cw = rw - 1, ch = rh - 1;
        double d = cw * ch * PARAMS.unclipRatio() / (2 * (cw + ch));
        assertThat(q.width()).isCloseTo(cw + 2 * d, within(2.0));
        assertThat(q.height()).isCloseTo(ch + 2 * d, within(2.0));
        assertPoint(q.center(), 150, 100, 1.0);
        // top-left corner is up-left of the centre, bottom-right down-right
        assertThat(q.topLeft().x()).isLessThan(150);
        assertThat(q.topLeft().y()).isLessThan(100);
        assertThat(q.bottomRight().x()).isGreaterThan(150);
        assertThat(q.bottomRight().y()).isGreaterThan(100);
    }

    @Test
    void rotatedTheOtherWayStartsAtTheTopLeftToo() {
        int w = 300, h = 200;
        float[] map = new float[w * h];
        fillRotated(map, w, h, 150, 100, 160, 40, -15, 0.95f);
        Quad q = post.process(map, w, h, w, h).get(0).quad();
        assertClockwiseFromTopLeft(q);
        double topAngle = Math.toDegrees(Math.atan2(q.topRight().y() - q.topLeft().y(),
                q.topRight().x() - q.topLeft().x()));
        assertThat(topAngle).isCloseTo(-15, within(1.0));
        assertThat(q.width()).isGreaterThan(q.height() * 2);
    }

    @Test
    void boxesSeparatedByAOnePixelGapStayApart() {
        int w = 200, h = 60;
        float[] map = new float[w * h];
        fill(map, w, 20, 20, 79, 39, 0.9f);
        fill(map, w, 80, 20, 80, 39, 0.1f); // 1 px gap below thresh
        fill(map, w, 81, 20, 140, 39, 0.9f);

        List<DetectedBox> boxes = post.process(map, w, h, w, h)
                .stream().sorted(Comparator.comparingDouble(b -> b.quad().center().x())).toList();

        assertThat(boxes).hasSize(2);
        assertThat(boxes.get(0).quad().center().x()).isCloseTo(49.5, within(0.05));
        assertThat(boxes.get(1).quad().center().x()).isCloseTo(110.5, within(0.05));
        assertThat(boxes).allSatisfy(b -> {
            assertThat(b.score()).isCloseTo(0.9, within(1e-6));
            assertThat(b.quad().center().y()).isCloseTo(29.5, within(0.05));
        });
    }

    @Test
    void dilationClosesAOnePixelGapButNotATwoPixelOne() {
        DbParams dilating = new DbParams(960, LimitType.MAX, 0.3, 0.6, 1.5, 1000, 3, true);
        DbPostProcessor dilated = new DbPostProcessor(dilating);
        int w = 200, h = 60;

        float[] oneGap = new float[w * h];
        fill(oneGap, w, 20, 20, 79, 39, 0.9f);
        fill(oneGap, w, 81, 20, 140, 39, 0.9f);
        List<DetectedBox> merged = dilated.process(oneGap, w, h, w, h);
        assertThat(merged).hasSize(1);
        // dilated block spans x 20..141, y 20..40; the gap pixel (0.0) lowers the mean a little
        assertThat(merged.get(0).quad().center().x()).isCloseTo(80.5, within(0.05));
        assertThat(merged.get(0).score()).isCloseTo(0.9 * 120 * 20 / (122 * 21), within(1e-4));

        float[] twoGap = new float[w * h];
        fill(twoGap, w, 20, 20, 79, 39, 0.9f);
        fill(twoGap, w, 82, 20, 140, 39, 0.9f);
        assertThat(dilated.process(twoGap, w, h, w, h)).hasSize(2);
    }

    @Test
    void tinyBlobsAreDropped() {
        int w = 50, h = 50;
        float[] map = new float[w * h];
        fill(map, w, 5, 5, 6, 6, 1f);     // 2x2: rectangle 1x1
        fill(map, w, 20, 20, 22, 22, 1f); // 3x3: rectangle 2x2, still below min side 3
        assertThat(post.process(map, w, h, w, h)).isEmpty();

        fill(map, w, 35, 35, 38, 38, 1f); // 4x4: rectangle 3x3, grown by 1.125 -> 5.25 >= 3 + 2
        List<DetectedBox> boxes = post.process(map, w, h, w, h);
        assertThat(boxes).singleElement().satisfies(b -> {
            assertThat(b.quad().width()).isCloseTo(3 + 2 * 1.125, within(0.05));
            assertPoint(b.quad().center(), 36.5, 36.5, 0.05);
        });
    }

    @Test
    void regionAboveThreshButBelowBoxThreshIsDropped() {
        int w = 100, h = 60;
        float[] map = new float[w * h];
        fill(map, w, 10, 10, 59, 29, 0.5f); // > thresh 0.3, < box thresh 0.6
        assertThat(post.process(map, w, h, w, h)).isEmpty();

        fill(map, w, 10, 10, 59, 29, 0.65f);
        assertThat(post.process(map, w, h, w, h))
                .singleElement().satisfies(b -> assertThat(b.score()).isCloseTo(0.65, within(1e-6)));
    }

    @Test
    void probabilityEqualToThreshIsBackground() {
        int w = 60, h = 40;
        float[] map = new float[w * h];
        DbPostProcessor lenient = new DbPostProcessor(new DbParams(960, LimitType.MAX, 0.3, 0.1, 1.5, 1000, 3, false));
        fill(map, w, 10, 10, 49, 29, 0.3f); // 0.3f is a hair above the double 0.3, but PaddleOCR compares in float32
        assertThat(lenient.process(map, w, h, w, h)).isEmpty();
        fill(map, w, 10, 10, 49, 29, Math.nextUp(0.3f));
        assertThat(lenient.process(map, w, h, w, h))
                .singleElement().satisfies(b -> assertThat(b.score()).isCloseTo(0.3, within(1e-6)));
    }

    @Test
    void boxWithANaNInsideIsDroppedNotScoredNaN() {
        int w = 100, h = 60;
        float[] map = new float[w * h];
        fill(map, w, 10, 10, 59, 29, 0.9f);
        fill(map, w, 70, 10, 89, 29, 0.9f);
        map[20 * w + 30] = Float.NaN;
        List<DetectedBox> boxes = post.process(map, w, h, w, h);
        assertThat(boxes).singleElement().satisfies(b -> {
            assertThat(b.score()).isCloseTo(0.9, within(1e-6));
            assertThat(b.quad().center().x()).isCloseTo(79.5, within(0.05));
        });
    }

    @Test
    void halfSizeMapDoublesCoordinates() {
        int w = 100, h = 50;
        float[] map = new float[w * h];
        fill(map, w, 20, 10, 59, 29, 0.9f); // 40 x 20
        Quad atMapScale = post.process(map, w, h, w, h).get(0).quad();
        Quad atImageScale = post.process(map, w, h, 2 * w, 2 * h).get(0).quad();

        double d = unclipDistance(40, 20, PARAMS.unclipRatio());
        assertPoint(atImageScale.topLeft(), 2 * (20 - d), 2 * (10 - d), 0.1);
        assertPoint(atImageScale.bottomRight(), 2 * (59 + d), 2 * (29 + d), 0.1);
        for (int i = 0; i < 4; i++) {
            Point a = atMapScale.corners().get(i), b = atImageScale.corners().get(i);
            assertPoint(b, 2 * a.x(), 2 * a.y(), 1e-6);
        }
    }

    @Test
    void nonUniformScaleUsesEachAxisFactor() {
        int w = 100, h = 50;
        float[] map = new float[w * h];
        fill(map, w, 20, 10, 59, 29, 0.9f);
        Quad q = post.process(map, w, h, 300, 100).get(0).quad();
        double d = unclipDistance(40, 20, PARAMS.unclipRatio());
        assertPoint(q.topLeft(), 3 * (20 - d), 2 * (10 - d), 0.15);
        assertPoint(q.bottomRight(), 3 * (59 + d), 2 * (29 + d), 0.15);
    }

    @Test
    void boxesAreClampedToTheImage() {
        int w = 100, h = 50;
        float[] map = new float[w * h];
        fill(map, w, 0, 0, 29, 9, 0.9f);     // touches the top-left corner
        fill(map, w, 70, 40, 99, 49, 0.9f);  // touches the bottom-right corner
        List<DetectedBox> boxes = post.process(map, w, h, 2 * w, 2 * h).stream()
                .sorted(Comparator.comparingDouble(b -> b.quad().center().x())).toList();

        assertThat(boxes).hasSize(2);
        double d = unclipDistance(30, 10, PARAMS.unclipRatio());
        Quad first = boxes.get(0).quad();
        assertPoint(first.topLeft(), 0, 0, 1e-9);
        assertPoint(first.bottomRight(), 2 * (29 + d), 2 * (9 + d), 0.1);
        Quad second = boxes.get(1).quad();
        assertPoint(second.topLeft(), 2 * (70 - d), 2 * (40 - d), 0.1);
        assertPoint(second.bottomRight(), 200, 100, 1e-9);
        for (DetectedBox b : boxes) {
            for (Point p : b.quad().corners()) {
                assertThat(p.x()).isBetween(0.0, 200.0);
                assertThat(p.y()).isBetween(0.0, 100.0);
            }
        }
    }

    @Test
    void fullMapIsTheWholeImage() {
        int w = 64, h = 32;
        float[] map = new float[w * h];
        java.util.Arrays.fill(map, 1f);
        List<DetectedBox> boxes = post.process(map, w, h, 640, 320);
        assertThat(boxes).singleElement().satisfies(b -> {
            assertThat(b.quad()).isEqualTo(Quad.ofRect(0, 0, 640, 320));
            assertThat(b.score()).isCloseTo(1.0, within(1e-9));
        });
    }

    @Test
    void emptyMapGivesNoBoxes() {
        assertThat(post.process(new float[640 * 480], 640, 480, 1280, 960)).isEmpty();
    }

    @Test
    void atMostMaxCandidatesContoursAreConsidered() {
        int w = 200, h = 40;
        float[] map = new float[w * h];
        for (int k = 0; k < 5; k++) {
            fill(map, w, 10 + 40 * k, 10, 35 + 40 * k, 25, 0.9f);
        }
        assertThat(post.process(map, w, h, w, h)).hasSize(5);
        DbParams two = new DbParams(960, LimitType.MAX, 0.3, 0.6, 1.5, 2, 3, false);
        assertThat(new DbPostProcessor(two).process(map, w, h, w, h)).hasSize(2);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> post.process(new float[10], 4, 3, 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x3");
        assertThatThrownBy(() -> post.process(new float[12], 4, 3, 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closesEveryNativeObject() {
        int w = 320, h = 160;
        float[] map = new float[w * h];
        for (int k = 0; k < 6; k++) {
            fillRotated(map, w, h, 50 + 45 * k, 40 + 15 * k, 40, 12, 8 * k - 20, 0.9f);
        }
        DbPostProcessor dilated = new DbPostProcessor(new DbParams(960, LimitType.MAX, 0.3, 0.6, 1.5, 1000, 3, true));
        post.process(map, w, h, w, h); // loads the native libraries
        long before = Pointer.totalCount();
        for (int i = 0; i < 200; i++) {
            assertThat(post.process(map, w, h, w, h)).hasSize(6);
            assertThat(dilated.process(map, w, h, w, h)).hasSize(6);
        }
        // every Mat, MatVector and RotatedRect made above was closed (a GC may only lower the count)
        assertThat(Pointer.totalCount()).isLessThanOrEqualTo(before);
    }
}
