package dev.lector.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuadTest {

    /** Corners of a w x h rectangle centred at (cx, cy), rotated clockwise on screen: TL, TR, BR, BL. */
    private static List<Point> rotatedRect(double cx, double cy, double w, double h, double angleDeg) {
        double a = Math.toRadians(angleDeg), cos = Math.cos(a), sin = Math.sin(a);
        double[][] local = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        List<Point> out = new ArrayList<>();
        for (double[] p : local) {
            out.add(new Point(cx + p[0] * cos - p[1] * sin, cy + p[0] * sin + p[1] * cos));
        }
        return out;
    }

    @Test
    void fromUnorderedOrdersShuffledCornersClockwiseFromTopLeft() {
        Random random = new Random(42);
        for (double angle : new double[] {-40, -20, -5, 0, 5, 20, 40}) {
            List<Point> expected = rotatedRect(100, 60, 80, 20, angle);
            for (int trial = 0; trial < 10; trial++) {
                List<Point> shuffled = new ArrayList<>(expected);
                Collections.shuffle(shuffled, random);
                Quad q = Quad.fromUnordered(shuffled);
                assertThat(q.corners()).as("angle %s, input %s", angle, shuffled).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void fromUnorderedOnAnAxisAlignedRectangle() {
        Quad q = Quad.fromUnordered(List.of(new Point(10, 30), new Point(50, 5), new Point(10, 5), new Point(50, 30)));
        assertThat(q).isEqualTo(Quad.ofRect(10, 5, 40, 25));
    }

    @Test
    void fromUnorderedNeedsFourCorners() {
        assertThatThrownBy(() -> Quad.fromUnordered(List.of(new Point(0, 0), new Point(1, 0), new Point(1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 3");
    }

    @Test
    void areaWidthHeightOfARectangle() {
        Quad q = Quad.ofRect(3, 4, 40, 10);
        assertThat(q.area()).isEqualTo(400.0);
        assertThat(q.width()).isEqualTo(40.0);
        assertThat(q.height()).isEqualTo(10.0);
        assertThat(q.center()).isEqualTo(new Point(23, 9));
    }

    @Test
    void areaWidthHeightOfARotatedRectangle() {
        Quad q = Quad.fromUnordered(rotatedRect(0, 0, 80, 20, 20));
        assertThat(q.area()).isCloseTo(1600, within(1e-9));
        assertThat(q.width()).isCloseTo(80, within(1e-9));
        assertThat(q.height()).isCloseTo(20, within(1e-9));
    }

    @Test
    void scaleThenClamp() {
        Quad q = Quad.ofRect(-5, 10, 50, 20).scale(2, 0.5).clamp(60, 100);
        assertThat(q).isEqualTo(new Quad(new Point(0, 5), new Point(60, 5), new Point(60, 15), new Point(0, 15)));
    }

    @Test
    void lengthenedGrowsAlongTheTextByAShareOfTheHeight() {
        Quad q = new Quad(new Point(10, 20), new Point(110, 20), new Point(110, 40), new Point(10, 40));
        Quad l = q.lengthened(0.5); // height 20: 10 px at each end
        assertThat(l).isEqualTo(
                new Quad(new Point(0, 20), new Point(120, 20), new Point(120, 40), new Point(0, 40)));
        assertThat(q.lengthened(0)).isEqualTo(q);
        // a vertical line grows along its length (top-left to bottom-left)
        Quad v = new Quad(new Point(0, 0), new Point(10, 0), new Point(10, 100), new Point(0, 100));
        assertThat(v.lengthened(1)).isEqualTo(
                new Quad(new Point(0, -10), new Point(10, -10), new Point(10, 110), new Point(0, 110)));
    }

    @Test
    void shiftedIntoMovesBackAndClampsToThePage() {
        Quad q = new Quad(new Point(40, 45), new Point(300, 45), new Point(300, 80), new Point(40, 80));
        assertThat(q.shiftedInto(50, 50, 200, 100)).isEqualTo(
                new Quad(new Point(0, 0), new Point(200, 0), new Point(200, 30), new Point(0, 30)));
    }

    @Test
    void scaledMultipliesEveryCoordinate() {
        Quad q = new Quad(new Point(1, 2), new Point(5, 2), new Point(5, 4), new Point(1, 4));
        assertThat(q.scaled(2)).isEqualTo(new Quad(new Point(2, 4), new Point(10, 4), new Point(10, 8), new Point(2, 8)));
    }

    @Test
    void startingAtRestartsTheCornersAtTheTextsTopLeft() {
        Quad q = Quad.ofRect(0, 0, 10, 40);
        assertThat(q.startingAt(90).topLeft()).isEqualTo(q.topRight());
        assertThat(q.startingAt(180).topLeft()).isEqualTo(q.bottomRight());
        assertThat(q.startingAt(270).topLeft()).isEqualTo(q.bottomLeft());
        assertThat(q.startingAt(90).startingAt(270)).isEqualTo(q);
        assertThatThrownBy(() -> q.startingAt(45)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spansAndProjectionsAlongTheTopEdge() {
        Quad q = Quad.ofRect(10, 20, 100, 30);
        Quad word = q.span(0.25, 0.5);
        assertThat(word).isEqualTo(Quad.ofRect(35, 20, 25, 30));
        assertThat(q.alongTop(new Point(60, 45))).isEqualTo(0.5);
        assertThat(q.extendedAlongTop(0.5)).isEqualTo(Quad.ofRect(-5, 20, 130, 30));
        assertThatThrownBy(() -> q.span(0.6, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
